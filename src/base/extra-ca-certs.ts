/**
 * NODE_EXTRA_CA_CERTS, held aside while one of hangar's own node processes starts.
 *
 * Node 20 reads and parses that file (often the whole system bundle: 144 certificates here) as
 * it starts, before any code runs, whether or not the process ever opens a TLS connection —
 * measured here: +35 ms on every `hangar status` (a third of its target) and +1.8 MB resident
 * in each process (docs/PERFORMANCE.md, issue 16). hangar's processes open none, but the
 * agents they start, and their tools, do and need the variable as the user set it. So the one
 * who starts a hangar process (bin/hangar's shell line; the CLI for the server) moves it to
 * HELD_EXTRA_CA_CERTS, and the process puts it back first thing, for every child it starts.
 */
export const HELD_EXTRA_CA_CERTS = 'HANGAR_NODE_EXTRA_CA_CERTS';

/** The environment to start one of hangar's node processes with: the variable held aside. */
export function holdExtraCaCerts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: value, ...rest } = env;
  return value === undefined ? rest : { ...rest, [HELD_EXTRA_CA_CERTS]: value };
}

/** At such a process's start: the variable back where the user set it (nothing when none was held). */
export function restoreExtraCaCerts(env: NodeJS.ProcessEnv): void {
  const held = env[HELD_EXTRA_CA_CERTS];
  if (held === undefined) return;
  env.NODE_EXTRA_CA_CERTS = held;
  delete env[HELD_EXTRA_CA_CERTS];
}
