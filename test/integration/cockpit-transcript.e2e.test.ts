import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFor } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';

// C-b t in the real cockpit: the focused agent's transcript over its pane, with history mode's
// keys — scroll, `/` search, `y` copy through OSC 52, q out; an agent whose backend keeps no
// session file says so instead.
const CONFIG = `[defaults]
session_prefix = "ckt-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state"
active_re = "esc to interrupt"
session_file = "../demo-state/{id}.jsonl"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "alpha"
prompt = "first kickoff"

[[agent]]
name = "shell"
backend = "sh"
`;

describe("the cockpit's transcript view", () => {
  const fleet = new TestFleet('ckt', CONFIG, { DEMO_THINK_MS: '100' });
  beforeAll(async () => {
    await fleet.up(['alpha', 'shell']);
    await fleet.hangar('send', 'alpha', 'write notes.txt from the transcript test', '--wait');
  }, 60_000);
  afterAll(() => fleet.stop());

  it("C-b t shows the focused agent's transcript with its tool lines; / finds, y copies, q leaves", async () => {
    const term = fleet.cockpit(140, 36);
    await term.waitForText('╭ 1 alpha', 10_000);
    term.write(keysFor('transcript'));
    const shown = await term.waitForScreen((s) => s.includes('[transcript ') && s.includes('⏺ Write'), 10_000);
    expect(shown).toContain('❯ first kickoff');
    expect(shown).toContain('⎿ Wrote notes.txt');
    expect(shown).toMatch(/── T2 done: \d+ in · \d+ out/);
    const at = (s: string) => Number(/\[transcript (\d+)\//.exec(s)?.[1] ?? NaN);
    const bottom = at(shown);
    // search upwards from the cursor (the newest line): the reply quoting the kickoff, then (n) the prompt itself; copy its line
    term.write('/first kickoff\r');
    const reply = await term.waitForScreen((s) => at(s) < bottom);
    term.write('n');
    const found = await term.waitForScreen((s) => at(s) === at(reply) - 1);
    term.write('y');
    await term.waitForText('copied 1 line (OSC 52)');
    expect(term.raw).toContain(`\x1b]52;c;${Buffer.from('❯ first kickoff').toString('base64')}\x07`);
    expect(at(term.screen())).toBe(at(found));
    term.write('q');
    await term.waitForScreen((s) => !s.includes('[transcript '));
  });

  it('says why when the focused agent has no session file', async () => {
    const term = fleet.cockpit(140, 36);
    await term.waitForText('╭ 2 shell', 10_000);
    term.write(keysFor('focus-index', 2));
    term.write(keysFor('transcript'));
    await term.waitForText('backend "sh" has no session_file', 10_000);
    expect(term.screen()).not.toContain('[transcript ');
  });
});
