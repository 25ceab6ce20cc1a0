import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';

// Built-in backends in a real fleet: agents that say only `backend = "claude"` (codex, gemini)
// start the fake CLIs of test/fixtures/clis (first on PATH) with the built-in flags, and the
// built-in screen patterns give each state its status: idle prompt, busy line, permission
// question, limit banner.
const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));
const NAMES = ['claude', 'codex', 'gemini'] as const;

const CONFIG = `
[defaults]
session_prefix = "bb-"
log_dir = ".hangar"
watch = "none"
resume = true

${NAMES.map((n) => `[[agent]]\nname = "${n}-1"\nbackend = "${n}"\n${n === 'claude' ? 'model = "sonnet"\n' : ''}`).join('\n')}
`;

describe('built-in backends on the fake CLIs', () => {
  const fleet = new TestFleet('builtin', CONFIG, {});
  let log: string;
  /** every start of a fake CLI so far, with its command line */
  const starts = () => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { cli: string; argv: string[] });

  beforeAll(async () => {
    log = join(fleet.dir, 'cli-starts.jsonl');
    Object.assign(fleet.env, { PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir, FAKE_CLI_LOG: log });
    await fleet.up(NAMES.map((n) => `${n}-1`));
  });
  afterAll(() => fleet.stop());

  it('each CLI was started with the built-in flags, which the CLI accepts', () => {
    const argv = Object.fromEntries(starts().map((s) => [s.cli, s.argv]));
    // model = "sonnet": the model registry gives the CLI the canonical id
    expect(argv['claude']).toEqual(['--session-id', expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), '--settings', expect.stringContaining('"hangar hook"'), '--model', 'claude-sonnet-5-5', '']);
    expect(argv['codex']).toEqual(['-c', 'notify=["hangar","hook"]', '']);
    expect(argv['gemini']).toEqual(['--prompt-interactive', '']);
  });

  it.each(NAMES)('%s: the built-in patterns give working, needs-input, limited and idle', async (cli) => {
    const name = `${cli}-1`;
    const step = async (text: string, status: string) => {
      await fleet.hangar('send', name, text);
      await fleet.hangar('wait', name, '--for', status, '--timeout', '30');
      const json = JSON.parse(await fleet.hangar('status', '--json')) as { agents: { name: string; status: string }[] };
      return json.agents.find((a) => a.name === name)?.status;
    };
    expect(await step('work', 'working')).toBe('working');
    expect(await step('ask', 'needs-input')).toBe('needs-input');
    expect(await step('yes', 'idle')).toBe('idle');
    expect(await step('limit', 'limited')).toBe('limited');
    expect(await step('hello', 'idle')).toBe('idle');
  }, 120_000); // five steps of three CLI runs each: past the default 20 s on a loaded machine (no timing is asserted)

  it('claude: a restart resumes the conversation hangar named, with the built-in --resume', async () => {
    const first = starts().find((s) => s.cli === 'claude')!.argv[1]!;
    await fleet.hangar('restart', 'claude-1');
    await fleet.idle('claude-1');
    expect(starts().filter((s) => s.cli === 'claude').at(-1)!.argv).toEqual(['--resume', first, '--settings', expect.stringContaining('"hangar hook"'), '--model', 'claude-sonnet-5-5', '']);
  });
});
