import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { demoAndShellConfig } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { runHangar } from '../helpers/run-hangar.js';

// [ui] notify: the real cockpit in a real pty over a demo fleet of its own (no other test's
// cockpits come and go around these: one leaving while another stays resizes the ptys, and the
// redraw would run into the attach these tests wait out), read with @xterm/headless.
const CONFIG = demoAndShellConfig('ckn-');

describe('[ui] notify', () => {
  const fleet = new TestFleet('ckn', CONFIG, { DEMO_THINK_MS: '200' });
  const cockpit = (cols?: number, rows?: number, ...args: string[]) => fleet.cockpit(cols, rows, ...args);
  const hangar = (...args: string[]) => fleet.run(...args);

  beforeAll(() => fleet.up(['alpha', 'beta', 'shell']));
  afterEach(async () => {
    await fleet.closeCockpits();
  });
  afterAll(() => fleet.stop());

  /**
   * Every wait here ends on an event — a screen, a byte from the cockpit, a line of the
   * server's event log — so its budget only bounds a failure: as long as a loaded machine needs.
   */
  const LOADED_MS = 60_000;
  const count = (text: string, part: string) => text.split(part).length - 1;
  const title = (agent: string, status: string) => new RegExp(`╭ \\d ${agent} ·[^\\n]*· ${status}`);
  const send = (name: string, text: string) => runHangar(['send', name, text, '--wait'], { cwd: fleet.dir, env: fleet.env, timeoutMs: LOADED_MS });
  const statusOf = (name: string, status: string, since: number) => (e: FleetEvent) => e.type === 'status' && e.name === name && e.status === status && e.at >= since;

  /**
   * A cockpit at a size no other test uses, so attaching resizes every pty, and the redraw
   * that follows (beta is briefly 'working', then idle again) must call nobody. The cockpit is
   * stopped (SIGSTOP) through that redraw, as a busy machine stops it: it reads the redraw's
   * status changes late and all at once, and never draws the 'working' between them — so the
   * redraw is awaited in the server's event log, not on the cockpit's screen.
   */
  const attachAndSettle = async (cols: number, rows: number, notify: string) => {
    const since = Date.now();
    const term = cockpit(cols, rows, '--set', `ui.notify=${notify}`);
    const working = await fleet.event(statusOf('beta', 'working', since), LOADED_MS);
    process.kill(term.pid, 'SIGSTOP');
    try {
      await fleet.event(statusOf('beta', 'idle', 'at' in working ? working.at : since), LOADED_MS);
    } finally {
      process.kill(term.pid, 'SIGCONT');
    }
    await term.waitForScreen((s) => title('beta', 'idle').test(s), LOADED_MS);
    return term;
  };

  it('bell: BEL once when an unfocused agent finishes a turn; nothing at attach or for the focused one', async () => {
    const term = await attachAndSettle(130, 34, 'bell');
    expect((await send('alpha', 'focused turn')).code).toBe(0);
    await term.waitForScreen((s) => s.includes('You said: "focused turn"') && title('alpha', 'idle').test(s), LOADED_MS);
    expect(count(term.raw, '\x07')).toBe(0);

    expect((await send('beta', 'ring when done')).code).toBe(0);
    await term.waitForScreen((s) => /╭ 2 beta[^\n]*●/.test(s), LOADED_MS);
    expect(count(term.raw, '\x07')).toBe(1);
  }, 3 * LOADED_MS);

  it('osc9: a desktop notification naming the agent, for a finished turn and for a question', async () => {
    const term = await attachAndSettle(170, 44, 'osc9');
    const idle = '\x1b]9;hangar: beta is idle\x07';
    const asks = '\x1b]9;hangar: beta needs input\x07';
    expect((await send('beta', 'tell me when done')).code).toBe(0);
    await term.waitForScreen(() => term.raw.includes(idle), LOADED_MS);
    expect((await send('beta', '/ask shall I go on?')).code).toBe(0);
    await term.waitForScreen(() => term.raw.includes(asks), LOADED_MS);
    expect((await hangar('keys', 'beta', 'y')).code).toBe(0); // answered: the turn ends
    await term.waitForScreen(() => count(term.raw, idle) === 2, LOADED_MS);
    expect(count(term.raw, asks)).toBe(1);
    expect(count(term.raw, '\x07')).toBe(3);
  }, 3 * LOADED_MS);

  it('none: the marker shows, and nothing is written to the terminal', async () => {
    const term = await attachAndSettle(110, 36, 'none');
    expect((await send('beta', 'quietly')).code).toBe(0);
    await term.waitForScreen((s) => /╭ 2 beta[^\n]*●/.test(s), LOADED_MS);
    expect(term.raw).not.toContain('\x07');
  }, 3 * LOADED_MS);
});
