/**
 * Walks the parsed document along the schema: type checks every known key, reports missing
 * required keys, warns about unknown keys with the nearest known spelling. Returns a clean
 * copy holding only well-typed known keys (so later stages can trust types) and the findings.
 */

import { checkValue, describeValue, isTable } from './check-value.js';
import type { Finding, KeyPath } from './diagnostics.js';
import { nearestKey } from './nearest-key.js';
import { sectionSpec, type SectionSpec, type ValueType } from './schema.js';

export type Table = Record<string, unknown>;

export interface Validation {
  clean: Table;
  findings: Finding[];
}

/** How messages name where a key lives: `[[agent]] "builder"` and, for inline tables, `wake.`. */
interface Place {
  label: string;
  keyPrefix: string;
  path: KeyPath;
}

export function validateDocument(raw: Table): Validation {
  const findings: Finding[] = [];
  const clean = walkSection(sectionSpec('root'), raw, { label: '', keyPrefix: '', path: [] }, findings);
  return { clean, findings };
}

/** `[[agent]] "builder"`, `[[agent]] #3` when it has no usable name, `[backend.demo]`. */
function entryLabel(spec: SectionSpec, entry: Table, index: number): string {
  const id = spec.identity ? entry[spec.identity] : undefined;
  return `${spec.header} ${typeof id === 'string' ? JSON.stringify(id) : `#${index + 1}`}`;
}

function walkSection(spec: SectionSpec, table: Table, place: Place, findings: Finding[]): Table {
  const clean: Table = {};
  const known = spec.keys.map((k) => k.key);
  for (const [key, value] of Object.entries(table)) {
    const keySpec = spec.keys.find((k) => k.key === key);
    const path = [...place.path, key];
    if (!keySpec) {
      findings.push({ path, severity: spec.closed ? 'error' : 'warning', message: unknownKeyMessage(key, place, known) });
      continue;
    }
    const checked = checkKey(keySpec.type, value, { ...place, path }, key, findings);
    if (checked.ok) clean[key] = checked.value;
  }
  for (const k of spec.keys) {
    if (!k.required) continue;
    const v = table[k.key];
    if (v === undefined) {
      const example = k.example ? ` (e.g. ${k.example})` : '';
      findings.push({ path: place.path, severity: 'error', message: `${lead(place)}${missingKey(place, k.key, k.type)}${example}` });
    } else if (v === '' && (k.type.kind === 'string' || k.type.kind === 'path')) {
      findings.push({ path: [...place.path, k.key], severity: 'error', message: `${lead(place)}key "${place.keyPrefix}${k.key}" must not be empty` });
      delete clean[k.key];
    }
  }
  return clean;
}

type Checked = { ok: true; value: unknown } | { ok: false };

function checkKey(type: ValueType, value: unknown, place: Place, key: string, findings: Finding[]): Checked {
  const fail = (tail: string): Checked => {
    const message = tail.startsWith('invalid regular expression')
      ? `${place.label} ${place.keyPrefix}${key}: ${tail}`
      : `${lead(place)}key "${place.keyPrefix}${key}" ${tail}`;
    findings.push({ path: place.path, severity: 'error', message });
    return { ok: false };
  };
  switch (type.kind) {
    case 'table': {
      const spec = sectionSpec(type.section);
      if (!isTable(value)) return fail(`must be a table (${tableHint(spec)}), got ${describeValue(value)}`);
      const inner: Place = spec.inline
        ? { label: place.label, keyPrefix: `${place.keyPrefix}${key}.`, path: place.path }
        : { label: spec.header, keyPrefix: '', path: place.path };
      return { ok: true, value: walkSection(spec, value, inner, findings) };
    }
    case 'tables': {
      const spec = sectionSpec(type.section);
      if (!Array.isArray(value) || !value.every(isTable)) {
        return fail(`must be written as ${spec.header} tables, got ${describeValue(value)}`);
      }
      return { ok: true, value: value.map((entry, i) => walkEntry(spec, entry, i, place.path, findings)) };
    }
    case 'named-tables':
      return checkNamedTables(sectionSpec(type.section), value, place, findings, fail);
    default: {
      const tail = checkValue(type, value);
      return tail === undefined ? { ok: true, value } : fail(tail);
    }
  }
}

function walkEntry(spec: SectionSpec, entry: Table, index: number, parent: KeyPath, findings: Finding[]): Table {
  const place = { label: entryLabel(spec, entry, index), keyPrefix: '', path: [...parent, index] };
  return walkSection(spec, entry, place, findings);
}

function checkNamedTables(
  spec: SectionSpec, value: unknown, place: Place, findings: Finding[], fail: (t: string) => Checked,
): Checked {
  if (!isTable(value)) return fail(`must be a table of ${spec.header} tables, got ${describeValue(value)}`);
  const clean: Table = {};
  for (const [name, entry] of Object.entries(value)) {
    // a name TOML cannot write bare (a model "claude-3.5") is shown quoted, as it is written
    const label = spec.header.replace('NAME', /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name));
    const path = [...place.path, name];
    if (!isTable(entry)) {
      findings.push({ path, severity: 'error', message: `${label}: must be a table, got ${describeValue(entry)}` });
      continue;
    }
    clean[name] = walkSection(spec, entry, { label, keyPrefix: '', path }, findings);
  }
  return { ok: true, value: clean };
}

/** `[[agent]] "x": ` before a message; nothing at the top level. */
function lead(place: Place): string {
  return place.label ? `${place.label}: ` : '';
}

function missingKey(place: Place, key: string, type: ValueType): string {
  if (type.kind !== 'table') return `missing required key "${place.keyPrefix}${key}"`;
  const inner = sectionSpec(type.section).keys.filter((k) => k.required).map((k) => k.key);
  return `missing required table [${key}]${inner.length ? ` (it must set ${inner.join(' and ')})` : ''}`;
}

function tableHint(spec: SectionSpec): string {
  return spec.inline ? `{ ${spec.keys.map((k) => k.key).join(', ')} }` : spec.header;
}

function unknownKeyMessage(key: string, place: Place, known: string[]): string {
  const where = place.path.length === 0 ? 'at the top level' : `in ${place.label}`;
  const suggestion = nearestKey(key, known);
  return `unknown key "${place.keyPrefix}${key}" ${where}${suggestion ? ` — did you mean "${place.keyPrefix}${suggestion}"?` : ''}`;
}
