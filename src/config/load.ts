/**
 * loadConfig: read agents.toml, apply overrides, validate against the schema, resolve, and
 * cross-check — collecting every problem, each placed at its file:line. Reads the config and
 * checks that referenced files exist; creates nothing.
 */

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { backendOrigins, withBuiltinBackends, type BackendOrigins } from './builtin-merge.js';
import { crossCheck } from './cross-check.js';
import { ConfigError, type Diagnostic, type Finding, type KeyPath } from './diagnostics.js';
import { applyEnvOverrides, applySets, type OverrideOrigins } from './overrides.js';
import { resolveFleet } from './resolve.js';
import { findKeyPosition, indexTomlKeys, keyPathString, type KeyIndex } from './toml-locate.js';
import type { FleetConfig } from './types.js';
import { validateDocument, type Table } from './validate.js';
import { modelCatalogPath } from '../fs/fleet-files.js';
import { DEFAULT_INSTANCE, instanceNameProblem } from './instance-name.js';
import { CatalogError, readUserCatalog } from '../models/user-catalog.js';

export interface LoadOptions {
  /** as the user gave it; messages show it unchanged */
  path: string;
  /** `--set a.b=value` overrides, applied before validation */
  sets?: string[];
  /** for AGENT_MODEL_<name> / AGENT_BACKEND_<name> and HOME; default process.env */
  env?: Record<string, string | undefined>;
  /** the copy of the fleet (`--instance NAME`): its log_dir is `<log_dir>/instances/NAME`; default `default` */
  instance?: string;
}

export interface LoadedConfig {
  config: FleetConfig;
  warnings: Diagnostic[];
  /** where each backend key's value came from (built-in, the file's line, an override, default) */
  backendOrigins: BackendOrigins;
}

export function loadConfig(opts: LoadOptions): LoadedConfig {
  const displayPath = opts.path;
  const path = resolve(opts.path);
  const env = opts.env ?? process.env;
  const source = readSource(path, displayPath);
  const raw = parseSource(source, displayPath);

  const origins: OverrideOrigins = new Map();
  applyEnvOverrides(raw, env, origins);
  const diagnostics: Diagnostic[] = applySets(raw, opts.sets ?? [], origins);

  // the built-in backends under the file's blocks; `raw` stays the document as written
  const { clean, findings } = validateDocument(withBuiltinBackends(raw));
  const home = env['HOME'] ?? homedir();
  const instance = opts.instance ?? DEFAULT_INSTANCE;
  const instanceProblem = instanceNameProblem(instance);
  if (instanceProblem) throw new ConfigError([{ file: displayPath, message: instanceProblem, severity: 'error' }]);
  // the user's model catalog lives under the state dir, which only the resolved config knows
  const first = resolveFleet({ clean, raw, path, displayPath, home, instance });
  const imported = readImportedModels(first.state_dir, diagnostics);
  const config = imported.length > 0 ? resolveFleet({ clean, raw, path, displayPath, home, instance, importedModels: imported }) : first;
  const index = indexTomlKeys(source);
  const lineOf = (p: KeyPath) => findKeyPosition(index, p)?.line;
  findings.push(...crossCheck({ config, clean, lineOf }));
  diagnostics.push(...findings.map((f) => placeFinding(f, displayPath, index, origins)));

  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return { config, warnings: diagnostics, backendOrigins: backendOrigins({ config, raw, index, overrides: origins }) };
}

/** The user catalog's models; a file hangar cannot use is a warning (the built-in catalog still prices), and stays as it is. */
function readImportedModels(stateDir: string, diagnostics: Diagnostic[]) {
  const path = modelCatalogPath({ state_dir: stateDir });
  try {
    return readUserCatalog(path);
  } catch (err) {
    if (!(err instanceof CatalogError)) throw err;
    diagnostics.push({ file: path, message: `${err.message}; the imported models are not used (hangar models --import writes a new one)`, severity: 'warning' });
    return [];
  }
}

function readSource(path: string, displayPath: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `no such file (looked for ${path})` : `cannot read: ${(err as Error).message}`;
    throw new ConfigError([{ file: displayPath, message, severity: 'error' }]);
  }
}

function parseSource(source: string, displayPath: string): Table {
  try {
    return parse(source) as Table;
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    // smol-toml's message is "Invalid TOML document: <what>\n\n<code excerpt>"
    const what = (err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    throw new ConfigError([{ file: displayPath, line: err.line, col: err.column, message: what, severity: 'error' }]);
  }
}

/** A finding on a key set by an override points at the override; otherwise at the key's line. */
function placeFinding(f: Finding, displayPath: string, index: KeyIndex, origins: OverrideOrigins): Diagnostic {
  const key = keyPathString(f.path);
  for (let n = f.path.length; n > 0; n--) {
    const origin = origins.get(keyPathString(f.path.slice(0, n)));
    if (origin) return { file: origin, key, message: f.message, severity: f.severity };
  }
  const pos = findKeyPosition(index, f.path);
  return { file: displayPath, ...(pos ? { line: pos.line, col: pos.col } : {}), key, message: f.message, severity: f.severity };
}
