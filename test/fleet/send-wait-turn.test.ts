import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { runTurn, type TurnResult } from '../../src/fleet/turn.js';
import { TURN_SETTINGS } from '../../src/fleet/turn-tracker.js';
import type { SessionStatus } from '../../src/protocol/messages.js';
import type { Session } from '../../src/session/session.js';

// `hangar send --wait` (runTurn) ends a turn where the pilot does (turn-tracker.ts): an agent
// that pauses between two tool calls — idle for a moment, then working again — is still in
// its turn; the reply is read once it has been idle for the quiet period. Before, send --wait
// returned at the first idle with half the reply. A real pty runs a shell agent the test
// steps on (step file N appears: a poll in the child, so the test never blocks); only the
// turn's clock is manual.
const AGENT = `
step() { while [ ! -e "$1.$2" ]; do sleep 0.02; done; }
printf '> '
read prompt
printf '\\033[2J\\033[Hfirst part\\nWORKING\\n'
step "$1" 1
printf '\\033[2J\\033[Hfirst part\\n> '
step "$1" 2
printf '\\033[2J\\033[Hfirst part\\nWORKING\\n'
step "$1" 3
printf '\\033[2J\\033[Hfirst part\\nsecond part\\n> '
exec cat
`;

// Answers its one prompt with a question, at once: idle, then asking, never working.
const ASKER = `
printf '> '
read prompt
printf '\\033[2J\\033[Hdelete it? [y/n] '
exec cat
`;

function statusIs(session: Session, want: SessionStatus): Promise<void> {
  return new Promise((resolve) => {
    if (session.status === want) return resolve();
    const sub = session.onStatus((status) => {
      if (status !== want) return;
      sub.dispose();
      resolve();
    });
  });
}

/** Lets every pending promise callback and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('send --wait follows the turn as the pilot does', () => {
  let fleet: Fleet | undefined;
  let dir = '';
  afterEach(async () => {
    await fleet?.shutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fleet of one agent running `script` (given `args`) in a real pty, idle once this resolves. */
  async function agentRunning(script: string, args: string, patterns: string): Promise<Session> {
    writeFileSync(join(dir, 'agent.sh'), script);
    writeFileSync(
      join(dir, 'agents.toml'),
      `
[defaults]
session_prefix = "turn-"
log_dir = "state"
dir = "work"

[backend.steps]
bin = "exec sh ${join(dir, 'agent.sh')} ${args}"
prompt_delivery = "exec"
${patterns}

[[agent]]
name = "stepper"
backend = "steps"
`,
    );
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    fleet = new Fleet(config, { stopGraceMs: 300 });
    await fleet.up(['stepper']);
    const session = fleet.session('stepper');
    await statusIs(session, 'idle');
    return session;
  }

  it('a pause between tool calls is not the end of the turn: the reply is read after the quiet period', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-turn-'));
    const steps = join(dir, 'step');
    const session = await agentRunning(AGENT, steps, 'active_re = "WORKING"\nidle_re = "(^|\\\\n)>"');

    const clock = new ManualClock(1_000_000);
    let result: TurnResult | undefined;
    const turn = runTurn(session, 'do two things', { wait: true, timeoutMs: 600_000, clock }).then((r) => (result = r));
    let stepped = 0;
    const step = () => writeFileSync(`${steps}.${++stepped}`, '');

    await statusIs(session, 'working');
    step(); // the first tool call is done: its prompt shows for a moment
    await statusIs(session, 'idle');
    await settle();
    expect(result).toBeUndefined(); // send --wait returned here before
    step(); // the next tool call
    await statusIs(session, 'working');
    clock.advance(TURN_SETTINGS.quietMs); // the pause was shorter than the quiet period
    await settle();
    expect(result).toBeUndefined();
    step(); // the answer
    await statusIs(session, 'idle');
    await settle();
    expect(result).toBeUndefined();
    clock.advance(TURN_SETTINGS.quietMs);
    await turn;
    expect(result).toMatchObject({ confirmed: true, timedOut: false, status: 'idle' });
    expect(result!.reply).toContain('first part');
    expect(result!.reply).toContain('second part');
  });

  // A turn that goes straight from idle to asking (never seen working) was reacted to: it ends
  // after the quiet period, the start grace is not waited out. On the turn's manual clock, so
  // a loaded machine cannot blur quiet period and grace (fleet-cli.test.ts timed this before).
  it('a prompt answered with a question ends its turn after the quiet period, not the start grace', async () => {
    expect(TURN_SETTINGS.quietMs).toBeLessThan(TURN_SETTINGS.startGraceMs);
    dir = mkdtempSync(join(tmpdir(), 'hangar-turn-'));
    const session = await agentRunning(ASKER, '', 'ask_re = "\\\\[y/n\\\\]"\nidle_re = "(^|\\\\n)>"');
    const clock = new ManualClock(1_000_000);
    let result: TurnResult | undefined;
    const turn = runTurn(session, 'delete the branch', { wait: true, timeoutMs: 600_000, clock }).then((r) => (result = r));
    await statusIs(session, 'needs-input');
    await settle();
    expect(result).toBeUndefined(); // the quiet period first: a question may be followed by more work
    clock.advance(TURN_SETTINGS.quietMs);
    await settle();
    expect(result).toMatchObject({ confirmed: true, timedOut: false, status: 'needs-input' });
    await turn;
    expect(result!.reply).toContain('delete it? [y/n]');
  });
});
