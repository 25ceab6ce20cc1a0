import { shellQuote } from '../config/template.js';

/** What runs on the other machine: the launch command, its directory, its environment, its kickoff. */
export interface RemoteScriptInput {
  /** the launch command, a shell line as a local agent would run it */
  command: string;
  /** the agent's directory on the other machine */
  dir: string;
  /** the variables the child needs there (ssh and kubectl pass none of ours on their own) */
  env: Readonly<Record<string, string>>;
  /** the kickoff, carried inside the script and written there before the command reads it */
  kickoff?: { path: string; text: string };
}

/**
 * The shell line the other machine runs (under `sh -c`): write the kickoff to its path there
 * (a new file, 0600 — `set -C` refuses one that is already there), go to the directory, and
 * exec the command in sh with the environment given. Every value is one quoted shell word, so
 * a directory or kickoff holding spaces, quotes, `$(…)`, `;` or newlines is data, never code.
 * Nothing of hangar needs to be installed there: only sh, cd, printf and env.
 */
export function remoteScript({ command, dir, env, kickoff }: RemoteScriptInput): string {
  const steps: string[] = [];
  if (kickoff) steps.push(`(set -C && umask 077 && printf '%s' ${shellQuote(kickoff.text)} > ${shellQuote(kickoff.path)})`);
  steps.push(`cd ${shellQuote(dir)}`);
  const assignments = Object.entries(env).map(([k, v]) => shellQuote(`${k}=${v}`));
  steps.push(['exec env', ...assignments, 'sh -c', shellQuote(command)].join(' '));
  return steps.join(' && ');
}
