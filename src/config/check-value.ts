/**
 * Type checks of single values against a schema ValueType. Each returns the tail of a message
 * ("must be a boolean, got string \"yes\"") or undefined when the value fits.
 */

import { HOST_GRAMMAR, parseHost } from './host.js';
import { compilePattern } from './pattern.js';
import { isKeyName } from '../terminal/keys.js';
import type { ValueType } from './schema.js';

export function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** `string "yes"`, `integer 3`, `array [1, 2]`… — how a wrong value is shown back. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer ${v}` : `float ${v}`;
  if (typeof v === 'bigint') return `integer ${v}`;
  if (typeof v === 'boolean') return `boolean ${v}`;
  if (v instanceof Date) return `date ${String(v)}`;
  if (Array.isArray(v)) return 'an array';
  if (isTable(v)) return 'a table';
  return String(v);
}

/** Checks scalar-ish types; table kinds are walked by the validator and return undefined here. */
export function checkValue(type: ValueType, v: unknown): string | undefined {
  const got = `got ${describeValue(v)}`;
  switch (type.kind) {
    case 'string':
    case 'path':
      return typeof v === 'string' ? undefined : `must be a string, ${got}`;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be a boolean, ${got}`;
    case 'integer':
      return checkInteger(type.min, type.max, v, got);
    case 'number': {
      const range = type.min !== undefined ? ` >= ${type.min}` : '';
      const n = typeof v === 'bigint' ? Number(v) : v;
      return typeof n === 'number' && Number.isFinite(n) && (type.min === undefined || n >= type.min) ? undefined : `must be a number${range}, ${got}`;
    }
    case 'enum':
      return typeof v === 'string' && type.values.includes(v)
        ? undefined
        : `must be one of ${type.values.map((x) => JSON.stringify(x)).join(', ')}, ${got}`;
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? undefined
        : `must be an array of strings, ${Array.isArray(v) ? `got ${describeValue(v.find((x) => typeof x !== 'string'))} in it` : got}`;
    case 'string-map': {
      if (!isTable(v)) return `must be a table of strings, ${got}`;
      const bad = Object.entries(v).find(([, x]) => typeof x !== 'string');
      return bad ? `must be a table of strings, got ${describeValue(bad[1])} for "${bad[0]}"` : undefined;
    }
    case 'regex':
      return checkRegex(v, got);
    case 'host': {
      if (typeof v !== 'string') return `must be a string (${HOST_GRAMMAR}), ${got}`;
      const parsed = parseHost(v);
      return parsed.ok ? undefined : `is not a host hangar can run agents on: ${parsed.problem} (in ${JSON.stringify(v)})`;
    }
    case 'key':
      if (typeof v !== 'string') return `must be a string (a key name), ${got}`;
      return isKeyName(v) ? undefined : `must be a key name (tmux's: Enter, C-m, C-j, Tab, Escape, Space, C-x, M-x, F1…F12, or one character), got ${JSON.stringify(v)}`;
    case 'keys': {
      const keys = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'string')) return `must be a key name or a non-empty array of key names, ${got}`;
      const bad = keys.find((k) => !isKeyName(k));
      return bad === undefined ? undefined : `has ${JSON.stringify(bad)}, not a key name (tmux's: Enter, C-m, Tab, Escape, Space, C-x, M-x, F1…F12, or one character)`;
    }
    default:
      return undefined;
  }
}

function checkInteger(min: number | undefined, max: number | undefined, v: unknown, got: string): string | undefined {
  const range =
    min !== undefined && max !== undefined ? ` between ${min} and ${max}` : min !== undefined ? ` >= ${min}` : '';
  if (typeof v !== 'number' || !Number.isInteger(v)) return `must be an integer${range}, ${got}`;
  if ((min !== undefined && v < min) || (max !== undefined && v > max)) return `must be an integer${range}, got ${v}`;
  return undefined;
}

function checkRegex(v: unknown, got: string): string | undefined {
  if (typeof v !== 'string') return `must be a string (a regular expression), ${got}`;
  try {
    compilePattern(v);
    return undefined;
  } catch (err) {
    const why = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return `invalid regular expression: ${why} in ${JSON.stringify(v)}`;
  }
}
