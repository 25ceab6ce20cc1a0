import { isAbsolute, resolve } from 'node:path';

/** `~` and `~/x` expand to home; a relative path resolves against base (agents.py `_resolve`). */
export function resolveConfigPath(base: string, p: string, home: string): string {
  const expanded = p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(base, expanded);
}
