/**
 * The config reference for the README, generated from the schema so the two cannot drift:
 * one Markdown table per section.
 */

import { SCHEMA, type KeySpec, type ValueType } from './schema.js';

export function renderConfigReference(): string {
  const parts: string[] = ['## agents.toml reference', ''];
  parts.push(
    'Keys marked `agents.py` mean what they meant to the Python orchestrator, so its configs load unchanged; ' +
      '`hangar` keys are new. Relative paths resolve against `project_dir` unless a key says otherwise. ' +
      'Patterns are JavaScript regular expressions matched case-insensitively; a leading Python `(?i)` is accepted and ignored.',
    '',
  );
  for (const section of SCHEMA.values()) {
    if (section.id === 'root') continue;
    parts.push(`### \`${section.header}\``, '', section.doc, '');
    parts.push('| key | type | default | meaning | origin |', '| --- | --- | --- | --- | --- |');
    for (const k of section.keys) {
      parts.push(`| \`${k.key}\` | ${typeName(k.type)} | ${defaultText(k)} | ${escapeCell(k.doc)} | ${k.origin} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

function typeName(t: ValueType): string {
  switch (t.kind) {
    case 'integer':
      return t.min !== undefined && t.max !== undefined ? `integer ${t.min}..${t.max}` : t.min !== undefined ? `integer ≥ ${t.min}` : 'integer';
    case 'number':
      return t.min !== undefined ? `number ≥ ${t.min}` : 'number';
    case 'enum':
      return t.values.map((v) => `\`${v}\``).join(' \\| ');
    case 'table':
      return 'table';
    case 'tables':
      return 'array of tables';
    case 'named-tables':
      return 'tables by name';
    case 'string-map':
      return 'table of strings';
    case 'key':
      return 'key name';
    case 'host':
      return 'host URI';
    case 'keys':
      return 'key name(s)';
    default:
      return t.kind;
  }
}

function defaultText(k: KeySpec): string {
  if (k.required) return '**required**';
  if (k.default === undefined) return '—';
  return `\`${escapeCell(JSON.stringify(k.default))}\``;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
