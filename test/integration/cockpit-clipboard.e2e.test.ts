import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';

// [ui] clipboard: a child's OSC 52 through the real server to the real cockpit in a real pty,
// whose raw output is what the person's terminal would get.
const CONFIG = `[defaults]
session_prefix = "ckc-"
log_dir = "state"
dir = "work"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "one"
backend = "sh"

[[agent]]
name = "two"
backend = "sh"
`;

describe('[ui] clipboard', () => {
  const fleet = new TestFleet('ckc', CONFIG);
  const LOADED_MS = 60_000;
  // "hello" / "other" in base64; the shell's printf makes the ESC and BEL
  const HELLO = '\x1b]52;c;aGVsbG8=\x07';
  const OTHER = '\x1b]52;c;b3RoZXI=\x07';
  const run = async (name: string, line: string) => {
    await fleet.hangar('keys', '-l', name, line);
    await fleet.hangar('keys', name, 'Enter');
  };

  beforeAll(() => fleet.up(['one', 'two']));
  afterEach(async () => {
    await fleet.closeCockpits();
  });
  afterAll(() => fleet.stop());

  it("on: the focused pane's clipboard write reaches the terminal; another pane's does not", async () => {
    const term = fleet.cockpit(150, 40, '--set', 'ui.clipboard=on');
    await term.waitForScreen((s) => /╭ 1 one/.test(s) && /╭ 2 two/.test(s), LOADED_MS);
    await run('two', "printf '\\033]52;c;b3RoZXI=\\007'; echo TWO-WROTE");
    await term.waitForScreen((s) => s.includes('│TWO-WROTE'), LOADED_MS); // the output, not the typed line
    await run('one', "printf '\\033]52;c;aGVsbG8=\\007'; echo ONE-WROTE");
    // one connection: the events arrive in order, two's before one's
    await term.waitForScreen(() => term.raw.includes(HELLO), LOADED_MS);
    expect(term.raw).not.toContain(OTHER);
  }, 3 * LOADED_MS);

  it('off (the default): nothing is written to the terminal', async () => {
    const term = fleet.cockpit(140, 40);
    await term.waitForScreen((s) => /╭ 1 one/.test(s), LOADED_MS);
    await run('one', "printf '\\033]52;c;aGVsbG8=\\007'; echo OFF-WROTE");
    await term.waitForScreen((s) => s.includes('│OFF-WROTE'), LOADED_MS);
    expect(term.raw).not.toContain('\x1b]52;');
  }, 3 * LOADED_MS);
});
