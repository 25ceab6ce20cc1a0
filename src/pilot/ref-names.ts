/**
 * Names the pilot gives things in git: the ref that keeps a checkpoint's snapshot alive
 * (`refs/hangar/<agent>/<label>`) and the branch `branch Tn` creates
 * (`hangar/<agent>-<label>`), and the branch of an agent's own worktree (`hangar/<agent>`). Pure.
 */

/**
 * Why `part` cannot be one component of a git ref name (git check-ref-format's rules, and
 * no '/': an agent is one component), or null when it can.
 */
export function refComponentProblem(part: string): string | null {
  if (part === '') return 'it is empty';
  if (part === '@') return 'it is "@"';
  if (part.startsWith('.') || part.startsWith('-')) return 'it starts with "." or "-"';
  if (part.endsWith('.') || part.endsWith('.lock')) return 'it ends with "." or ".lock"';
  if (part.includes('..') || part.includes('@{')) return 'it holds ".." or "@{"';
  const bad = /[\x00-\x20\x7f~^:?*[\\/]/.exec(part);
  if (bad) return `it holds ${JSON.stringify(bad[0])} (no spaces, control characters, / or ~^:?*[\\ in git ref names)`;
  return null;
}

/** Throws a clear error naming the field when `value` cannot go into a ref name. */
export function checkRefComponent(field: 'agent' | 'label', value: string): void {
  const problem = refComponentProblem(value);
  if (problem) throw new Error(`pilot: ${field} ${JSON.stringify(value)} cannot be used in a git ref name: ${problem}`);
}

/** The ref that keeps checkpoint `label` of `agent` from git gc. */
export function hangarRef(agent: string, label: string): string {
  checkRefComponent('agent', agent);
  checkRefComponent('label', label);
  return `refs/hangar/${agent}/${label}`;
}

/** The branch `branch Tn` makes for a new agent started from a checkpoint. */
export function hangarBranch(agent: string, label: string): string {
  checkRefComponent('agent', agent);
  checkRefComponent('label', label);
  return `hangar/${agent}-${label}`;
}

/** The branch an agent with `worktree = true` works on, in its own worktree. */
export function agentBranch(agent: string): string {
  checkRefComponent('agent', agent);
  return `hangar/${agent}`;
}
