/**
 * Which copy of a fleet a verb reaches when no --instance names one: the one copy of its config
 * that runs; `default` when none does; and when several do, none — the verb cannot guess, and
 * says which there are and how to name one. Pure: the running servers are given.
 */
import { DEFAULT_INSTANCE } from '../config/instance-name.js';
import type { RegisteredServer } from '../server/server-registry.js';

export type InstanceChoice = { instance: string } | { ambiguous: string };

/** `running`: this user's live servers (server-registry.ts); `configPath`: absolute. */
export function chooseInstance(configPath: string, displayPath: string, running: readonly RegisteredServer[]): InstanceChoice {
  const mine = running.filter((s) => s.config === configPath).sort((a, b) => a.instance.localeCompare(b.instance));
  if (mine.length === 0) return { instance: DEFAULT_INSTANCE };
  if (mine.length === 1) return { instance: mine[0]!.instance };
  const list = mine.map((s) => `  ${s.instance} (server pid ${s.pid}, since ${s.startedAt})`).join('\n');
  return {
    ambiguous: `${mine.length} instances of ${displayPath} are running; name one with --instance NAME:\n${list}`,
  };
}
