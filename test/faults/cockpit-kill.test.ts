import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFor } from '../helpers/cockpit-e2e.js';
import { PtyScreen } from '../helpers/pty-screen.js';
import { HANGAR_BIN, pidGone } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// kill -9 of the cockpit: nothing of it runs to give the terminal back, so the user's terminal
// stays in the alternate screen with mouse reporting on (and the tty raw). A shell in a real pty
// runs the cockpit, the cockpit is killed, and what the user types next is checked on an
// emulator of that outer terminal: `hangar reset-terminal`, or `hangar attach` and a detach.
const CONFIG = `
[defaults]
session_prefix = "fk-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[[agent]]
name = "alpha"
prompt = "first kickoff"
`;

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const HANGAR = `${quote(process.execPath)} ${quote(HANGAR_BIN)}`;

describe('kill -9 of the cockpit', () => {
  const fleet = new TestFleet('fk', CONFIG, { DEMO_THINK_MS: '100' });
  const shells: PtyScreen[] = [];

  beforeAll(() => fleet.up(['alpha']));
  afterAll(async () => {
    await Promise.all(shells.map((s) => s.dispose()));
    await fleet.stop();
  });

  /**
   * An interactive shell in a real pty, in the fleet's folder, that sets no terminal modes of
   * its own (readline turns bracketed paste on at every prompt): dash, else bash without
   * line editing.
   */
  async function shell(): Promise<PtyScreen> {
    const [file, args] = existsSync('/bin/dash') ? ['/bin/dash', ['-i']] : ['bash', ['--noprofile', '--norc', '--noediting', '-i']];
    const term = new PtyScreen({ file, args, cwd: fleet.dir, env: { ...fleet.env, PS1: 'ready> ', ENV: '' }, cols: 120, rows: 30 });
    shells.push(term);
    await term.waitForText('ready> ', 15_000);
    return term;
  }

  /** Run a cockpit in the shell, wait until it shows the fleet, kill -9 it; resolves once the shell prompts again. */
  async function killedCockpit(term: PtyScreen): Promise<void> {
    const from = term.raw.length;
    // LF, not CR: after a killed cockpit the tty no longer maps CR to LF
    term.write(`sh -c 'echo COCKPIT=$$; exec "$0" "$@" attach' ${HANGAR}\n`);
    await term.waitFor('the cockpit', (s) => /╭ 1 alpha/.test(s) && s.includes('first kickoff'), 15_000);
    const pid = Number(/COCKPIT=(\d+)/.exec(term.raw.slice(from))![1]);
    expect(term.term.buffer.active.type).toBe('alternate');
    expect(term.term.modes.mouseTrackingMode).not.toBe('none');
    const prompted = term.raw.length;
    process.kill(pid, 'SIGKILL');
    await pidGone(pid, 15_000);
    await term.waitFor('the prompt after the kill', () => term.raw.slice(prompted).includes('ready> '), 15_000);
    // the damage this suite is about: still the cockpit's screen, still reporting the mouse
    expect(term.term.buffer.active.type).toBe('alternate');
    expect(term.term.modes.mouseTrackingMode).not.toBe('none');
  }

  function expectTerminalGivenBack(term: PtyScreen): void {
    expect(term.term.buffer.active.type).toBe('normal');
    expect(term.term.modes).toMatchObject({
      mouseTrackingMode: 'none',
      bracketedPasteMode: false,
      sendFocusMode: false,
      applicationCursorKeysMode: false,
      applicationKeypadMode: false,
      synchronizedOutputMode: false,
    });
    // what was on the main screen before the cockpit is still there
    expect(term.screen()).toContain('COCKPIT=');
  }

  it('hangar reset-terminal gives the terminal back: main screen, mouse and the other modes off', async () => {
    const term = await shell();
    await killedCockpit(term);
    term.write(`${HANGAR} reset-terminal; echo reset-$((6*7))\n`);
    await term.waitForText('reset-42', 10_000);
    expectTerminalGivenBack(term);
  }, 60_000);

  it('hangar attach starts from a known terminal state, and a detach gives it back', async () => {
    const term = await shell();
    await killedCockpit(term);
    // and modes a cockpit never sets, as another program may leave them: focus reports, keypad
    term.write(`printf '\\033[?1004h\\033='\n`);
    await term.waitFor('focus reports on', () => term.term.modes.sendFocusMode, 15_000);

    term.write(`${HANGAR} attach; echo attach-$((6*7))\n`);
    await term.waitFor('the cockpit again', (s) => /╭ 1 alpha/.test(s) && s.includes('first kickoff') && !s.includes('ready> '), 15_000);
    expect(term.term.modes).toMatchObject({ sendFocusMode: false, applicationKeypadMode: false });
    term.write(keysFor('detach'));
    await term.waitForText('attach-42', 10_000);
    expect(term.screen()).toContain('detached: the fleet keeps running');
    expectTerminalGivenBack(term);
  }, 60_000);
});
