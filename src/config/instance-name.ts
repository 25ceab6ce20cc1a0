/**
 * Which copy of a fleet a run is (`--instance NAME`): the first copy is `default` and lives in
 * the config's log_dir; any other lives in `<log_dir>/instances/NAME` (fs/fleet-files.ts), so a
 * name is one path component and follows the name rule of agents. Pure.
 */
import { nameProblem } from './name-rule.js';

/** The copy a config runs as when no --instance is given. */
export const DEFAULT_INSTANCE = 'default';

/** Why `name` cannot name an instance, or null when it can. */
export function instanceNameProblem(name: string): string | null {
  const problem = nameProblem(name);
  return problem && `--instance ${JSON.stringify(name)} cannot name an instance: ${problem}`;
}
