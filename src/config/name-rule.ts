/**
 * The one rule for the names hangar makes files, sessions and branches from — agents,
 * services, sessions (`session_prefix + name` or `session = …`), `hangar add NAME`,
 * `branch --as NAME`: letters, digits, `.`, `_` and `-`, at most NAME_MAX_LENGTH characters,
 * not `.` or `..`, not starting with `-` (it would read as a flag on the command line). Such a
 * name is one path component under log_dir (`<session>.log`, `state/restarts-<session>.json`,
 * `state/pilot/<agent>/`), so no name can reach outside it. Pure.
 */

export const NAME_MAX_LENGTH = 64;

/** Why `name` cannot name an agent, service or session, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name === '') return 'it is empty';
  if (name === '.' || name === '..') return `it is "${name}"`;
  if (name.length > NAME_MAX_LENGTH) return `it is ${name.length} characters long (at most ${NAME_MAX_LENGTH})`;
  const bad = /[^A-Za-z0-9._-]/.exec(name);
  if (bad) return `it holds ${JSON.stringify(bad[0])} (names take letters, digits, ".", "_" and "-" only)`;
  if (name.startsWith('-')) return 'it starts with "-"';
  return null;
}

/**
 * The session a `session_prefix + name` makes: agents.py's `init` writes the project folder's
 * name as the prefix, so "my project-" or "a:b-" come from configs that must load unchanged.
 * Characters outside the rule become `_`, as tmux does with `.` and `:` in session names; an
 * explicit `session = …` is checked as written instead. Pure.
 */
export function prefixedSession(prefix: string, name: string): string {
  return (prefix + name).replace(/[^A-Za-z0-9._-]/g, '_');
}
