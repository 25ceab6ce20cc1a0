import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keysFor, titleRow } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';

// What the cockpit's view does to the fleet: the real cockpit in a real pty over three demo
// agents, one of them piloted, read as a person sees it.
const CONFIG = `
[defaults]
session_prefix = "cvw-"
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

[[agent]]
name = "critic"
`;



describe("the cockpit's view and the fleet", () => {
  const fleet = new TestFleet('cvw', CONFIG, { DEMO_THINK_MS: '100' });
  const cockpit = (cols?: number, rows?: number, ...args: string[]) => fleet.cockpit(cols, rows, ...args);
  const hangar = (...args: string[]) => fleet.run(...args);

  beforeAll(() => fleet.up(['builder', 'scout', 'critic']));
  afterEach(async () => {
    await fleet.closeCockpits();
  });
  afterAll(() => fleet.stop());

  it("the pilot view's small panes leave the other agents' ptys their size: send --wait to one of them reads the whole reply", async () => {
    // 200×30: tiled, each pane is a usable 64×27; in the pilot view the two other panes share
    // the side column under the timeline, 4 and 5 rows each
    const term = cockpit(200, 30, '--pilot', 'builder');
    await term.waitForScreen((s) => s.includes('timeline · builder') && /╭ 2 scout/.test(s) && /╭ 3 critic/.test(s), 20_000);
    const send = await hangar('send', 'scout', 'report back to the orchestrator', '--wait', '--json');
    expect(send.code).toBe(0);
    expect(JSON.parse(send.stdout).reply).toContain('You said: "report back to the orchestrator"');
    // the small pane shows the bottom of scout's screen: its input box and footer
    await term.waitForScreen((s) => s.split('\n').some((l) => /│demo · model \S+ · session/.test(l)), 10_000);
  }, 60_000);

  it('attach comes back in the view it was detached from: layout, zoom, focus, and the pilot view', async () => {
    const first = cockpit(160, 40);
    await first.waitForText('╭ 3 critic', 20_000);
    // main + stack with scout (focused) large on the left, then zoomed on scout
    first.write(keysFor('focus-index', 2));
    first.write(keysFor('next-layout'));
    await first.waitForScreen((s) => s.split('\n')[0]!.startsWith('╭ 2 scout') && titleRow(s, 'critic') > 0);
    first.write(keysFor('zoom'));
    await first.waitForScreen((s) => titleRow(s, 'scout') === 0 && titleRow(s, 'builder') === -1 && titleRow(s, 'critic') === -1);
    first.write(keysFor('detach'));
    expect((await first.waitForExit()).exitCode).toBe(0);

    const second = cockpit(160, 40);
    await second.waitForScreen((s) => titleRow(s, 'scout') === 0 && titleRow(s, 'builder') === -1 && titleRow(s, 'critic') === -1, 20_000);
    // typing goes to scout: the focus came back too
    second.write('hello again scout\r');
    await second.waitForText('You said: "hello again scout"', 10_000);
    second.write(keysFor('zoom'));
    await second.waitForScreen((s) => s.split('\n')[0]!.startsWith('╭ 2 scout') && titleRow(s, 'builder') === 0 && titleRow(s, 'critic') > 0);
    // the pilot view of scout, left by detaching
    second.write(keysFor('pilot'));
    await second.waitForText('timeline · scout', 10_000);
    second.write(keysFor('detach'));
    expect((await second.waitForExit()).exitCode).toBe(0);

    const third = cockpit(160, 40);
    await third.waitForScreen((s) => s.includes('timeline · scout') && s.includes('prompt → scout'), 20_000);
  }, 90_000);
});
