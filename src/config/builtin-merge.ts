/**
 * The built-in backends under the document: every built-in is a [backend.NAME] table, and a
 * block of the same name in agents.toml merges over it key by key (the file's key wins, the
 * others stay built in). Done before validation, so a block that only changes `flags` needs
 * no `bin`, and an error in a key the file wrote is still placed at its file:line. Also says
 * where each backend key's value came from, for `hangar backends`. Pure.
 */

import { isTable } from './check-value.js';
import { BUILTIN_BACKENDS } from './builtin-backends.js';
import type { OverrideOrigins } from './overrides.js';
import { sectionSpec } from './schema.js';
import { findKeyPosition, keyPathString, type KeyIndex } from './toml-locate.js';
import type { FleetConfig } from './types.js';
import type { Table } from './validate.js';

/**
 * A copy of the document whose `backend` table holds every built-in under the file's own keys:
 * the file's backends first, in its order (the first is what a new agent defaults to), then the
 * built-ins it does not name.
 */
export function withBuiltinBackends(doc: Table): Table {
  const written = isTable(doc['backend']) ? doc['backend'] : undefined;
  if (doc['backend'] !== undefined && !written) return doc; // not a table: validation reports it as written
  const backends: Table = {};
  for (const [name, own] of Object.entries(written ?? {})) {
    const builtin = BUILTIN_BACKENDS[name];
    // a block that is not a table is left as written, for validation to report
    backends[name] = builtin && isTable(own) ? { ...builtin, ...own } : own;
  }
  for (const [name, builtin] of Object.entries(BUILTIN_BACKENDS)) if (!(name in backends)) backends[name] = { ...builtin };
  return { ...doc, backend: backends };
}

/** Where a backend key's value comes from: `built-in`, `<config>:<line>`, an override, or `default`. */
export type BackendOrigins = Record<string, Record<string, string>>;

export interface OriginsInput {
  config: FleetConfig;
  /** the document after overrides, before the built-ins were merged in */
  raw: Table;
  index: KeyIndex;
  overrides: OverrideOrigins;
}

export function backendOrigins({ config, raw, index, overrides }: OriginsInput): BackendOrigins {
  const written = isTable(raw['backend']) ? raw['backend'] : {};
  const keys = sectionSpec('backend').keys.map((k) => k.key);
  const out: BackendOrigins = {};
  for (const name of Object.keys(config.backends)) {
    const own = isTable(written[name]) ? written[name] : {};
    const builtin = BUILTIN_BACKENDS[name] as Table | undefined;
    const origins: Record<string, string> = {};
    for (const key of keys) {
      const path = ['backend', name, key];
      const override = overrides.get(keyPathString(path)) ?? overrides.get(keyPathString(path.slice(0, 2)));
      if (own[key] !== undefined) {
        const line = findKeyPosition(index, path)?.line;
        origins[key] = override ?? (line !== undefined ? `${config.displayPath}:${line}` : config.displayPath);
      } else if (builtin?.[key] !== undefined) origins[key] = 'built-in';
      else origins[key] = 'default';
    }
    out[name] = origins;
  }
  return out;
}
