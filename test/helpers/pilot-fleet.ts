import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConversation } from '../../src/demo/conversation-store.js';
import type { Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';

/**
 * The prompts of the conversation an agent is on now, as the demo agent saved it: the id the
 * fleet captured (`<state_dir>/<agent>.id`), read in the demo's state dir. What a rewind must
 * have put back, read from the agent's own record rather than its screen.
 */
export function demoConversationPrompts(stateDir: string, agent: string, demoStateDir: string): string[] {
  const id = readFileSync(join(stateDir, `${agent}.id`), 'utf8').trim();
  const loaded = loadConversation(demoStateDir, id);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.conversation.turns.map((t) => t.prompt);
}

/**
 * A fleet of one demo agent, "builder", whose backend rewinds by resume (the demo resumes a
 * conversation at a turn): the pilot's end-to-end tests. Sessions are named `<prefix>builder`.
 */
export function pilotFleetConfig(sessionPrefix: string): string {
  return `
[defaults]
session_prefix = "${sessionPrefix}"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
supports_resume = true
session_id_re = "session: ([0-9a-f-]{8,})"
rewind = "resume"
rewind_resume = "--resume {id} --at-turn {turn}"

[[agent]]
name = "builder"
`;
}

/** Resolves when the pilot records checkpoint `label` (its `pilot` event); rejects after `timeoutMs`. */
export function checkpointed(fleet: Fleet, label: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no checkpoint ${label} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = fleet.onEvent((e: FleetEvent) => {
      if (e.type === 'pilot' && e.current === label && e.message.includes(`${label} —`)) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}
