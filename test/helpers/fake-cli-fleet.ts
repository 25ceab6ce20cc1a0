import { fileURLToPath } from 'node:url';
import { TestFleet } from './test-fleet.js';

/** The fake agent CLIs (test/fixtures/clis): first on PATH, they are claude, codex and gemini. */
const FAKE_CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));

/** The backend of each fake CLI agent, by the agent's name. */
const BACKENDS = { cc: 'claude', cx: 'codex', gm: 'gemini' } as const;
type FakeAgent = keyof typeof BACKENDS;

export interface AgentStatusJson {
  name: string;
  status: string;
  status_source?: string;
}

/**
 * A fleet of fake CLI agents (`cc` claude, `cx` codex, `gm` gemini), nothing watched; `extra`
 * goes into agents.toml after [defaults]. `start(env)` puts the fake CLIs first on PATH, makes
 * the fleet's folder HOME (where the CLIs keep their transcripts), adds `env` and starts them.
 */
export function fakeCliFleet(name: string, agents: readonly FakeAgent[], extra = '') {
  const fleet = new TestFleet(
    name,
    `
[defaults]
session_prefix = "${name}-"
log_dir = ".hangar"
watch = "none"
${extra}
${agents.map((agent) => `[[agent]]\nname = "${agent}"\nbackend = "${BACKENDS[agent]}"\n`).join('\n')}`,
  );
  const status = async (agent: string) => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentStatusJson[] }).agents.find((a) => a.name === agent)!;
  const start = async (env: Record<string, string>) => {
    Object.assign(fleet.env, { PATH: `${FAKE_CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir, ...env });
    await fleet.up([...agents]);
  };
  return { fleet, status, start };
}
