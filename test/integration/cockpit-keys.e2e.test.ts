import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boundKeys } from '../../src/keymap/index.js';
import { keyToBytes } from '../../src/terminal/keys.js';
import { keysFor, titleRow } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';

// [ui.keys] in a real cockpit in a real pty: the prefix and two commands rebound.
const CONFIG = `
[defaults]
session_prefix = "ckk-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[[agent]]
name = "builder"

[[agent]]
name = "scout"

[ui.keys]
prefix = "C-a"
"new-agent" = "n"
help = "h"
"focus-left" = "Left"
`;

const KEYMAP = { prefix: 'C-a', bindings: boundKeys({ 'new-agent': ['n'], help: ['h'], 'focus-left': ['Left'] }) };
const FORM = 'new agent (added at run time';

describe('[ui.keys] in the cockpit', () => {
  const fleet = new TestFleet('ckk', CONFIG, { DEMO_THINK_MS: '100' });

  beforeAll(() => fleet.up(['builder', 'scout']));
  afterEach(async () => {
    await fleet.closeCockpits();
  });
  afterAll(() => fleet.stop());

  it('the rebound keys run their commands, the old ones do not, and the bar and help show the keys in effect', async () => {
    const term = fleet.cockpit(160, 40);
    await term.waitForScreen((s) => titleRow(s, 'scout') >= 0 && s.includes('C-a h help'), 20_000);
    // the old prefix and the old key go to the agent; the rebound help key opens help after them
    term.write(keyToBytes('C-b') + 'c');
    term.write(keysFor('help', undefined, KEYMAP));
    // (a screen is read as the pty delivers it: wait for the row itself, not the title above it)
    const help = await term.waitForScreen((s) => /C-a n\s+start a new agent/.test(s), 10_000);
    expect(help).toContain('hangar — keys');
    expect(help).not.toContain(FORM);
    term.write(keyToBytes('Escape'));
    await term.waitForScreen((s) => !s.includes('hangar — keys'), 10_000);
    // the rebound new-agent key opens the form
    term.write(keysFor('new-agent', undefined, KEYMAP));
    await term.waitForText(FORM, 10_000);
    term.write(keyToBytes('Escape'));
    await term.waitForScreen((s) => !s.includes(FORM), 10_000);
  }, 60_000);
});
