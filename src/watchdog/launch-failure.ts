/**
 * An agent whose program is not there: the shell running its command line exits 127 (not
 * found) or 126 (found, but not executable) as it starts. Restarting it would only loop until
 * the budget is spent, so it is crashed at once with the program named — as the shell names
 * it (`sh: 1: claude: not found`), else the first word of the backend's bin.
 *
 * Pure: the driver reports each exit with how long the process ran.
 */
import type { Decision } from './actions.js';
import type { HealState } from './heal.js';

/** An exit 126/127 later than this is the program's own, not the shell's — unless the shell said so on screen. */
export const LAUNCH_WINDOW_MS = 1000;

export interface LaunchExit {
  code: number | null;
  signal: number | null;
  /** from the start to the exit */
  ranMs: number;
  /** the screen as the process left it */
  rows: readonly string[];
  /** the backend's bin */
  bin: string;
}

/** What the shell says of a program it cannot run, for dash and bash. */
const SHELL_SAYS: Record<126 | 127, RegExp> = {
  127: /^\S+:(?: (?:line )?\d+:)? (\S+): (?:command )?not found\s*$/,
  126: /^\S+:(?: (?:line )?\d+:)? (\S+): (?:Permission denied|Is a directory|cannot execute.*)\s*$/,
};

/** `command not found: claude`, or null when the exit is an ordinary one. */
export function launchFailure(exit: LaunchExit): string | null {
  if (exit.signal !== null || (exit.code !== 126 && exit.code !== 127)) return null;
  const said = exit.rows.map((row) => SHELL_SAYS[exit.code as 126 | 127].exec(row)?.[1]).findLast((name) => name !== undefined);
  // the shell's own words on screen say it however long a loaded machine took to report the exit
  if (said === undefined && exit.ranMs >= LAUNCH_WINDOW_MS) return null;
  const program = said ?? exit.bin.trim().split(/\s+/)[0] ?? exit.bin;
  return `${exit.code === 127 ? 'command not found' : 'command not executable'}: ${program}`;
}

/** Crashed at once — nothing restarts it until a person does — or null for an ordinary exit. */
export function decideLaunchExit(state: HealState, name: string, exit: LaunchExit): Decision<HealState> | null {
  const reason = launchFailure(exit);
  if (reason === null) return null;
  return {
    state: { ...state, pending: null, gaveUp: reason },
    actions: [
      { type: 'mark', name, status: 'crashed', detail: reason },
      { type: 'note', name, kind: 'launch-failed', level: 'warn', message: `${name}: ${reason} (exit ${exit.code} as it started); not restarted` },
    ],
  };
}
