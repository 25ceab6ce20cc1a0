import { resolve, sep } from 'node:path';

/** A path built from names (a session, an agent, a config value) would have left its folder. */
export class PathEscapeError extends Error {
  override name = 'PathEscapeError';
}

/**
 * `dir/part/…`, checked to lie strictly inside `dir`: a name like `../../victimfile` or an
 * absolute one throws instead of reaching outside log_dir. The name rule (config/name-rule.ts)
 * keeps such names out of the config and the requests; this is the last word where a path is
 * made, so that a name that slips past it still cannot write outside the folder.
 */
export function pathUnder(dir: string, ...parts: string[]): string {
  const base = resolve(dir);
  const full = resolve(base, ...parts);
  if (!full.startsWith(base === sep ? sep : base + sep)) {
    throw new PathEscapeError(`${JSON.stringify(parts.join('/'))} would lead outside ${dir} (to ${full}); refusing`);
  }
  return full;
}
