import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCliFleet, type AgentStatusJson } from '../helpers/fake-cli-fleet.js';

// Status from the session file, end to end: the fake claude and codex (first on PATH) with their
// hooks off (FAKE_CLI_NO_HOOKS, as Claude Code's disableAllHooks) write their transcripts under a
// temporary HOME, and the real server follows them: a prompt recorded says working, a turn's end
// recorded says idle, with `status_source: "session-file"`; a file gone silent gives the status
// back to the screen after hook_silence (the fake-clock rules: test/session/hook-status.test.ts).

/** A fleet of the fake claude and codex with their hooks off; `extra` goes into agents.toml. */
function fleetOf(name: string, extra = '') {
  const { fleet, status, start: startWith } = fakeCliFleet(name, ['cc', 'cx'], extra);
  /**
   * `status --json` read again until the agent's status and source are these: no event says a
   * source changed (the status may stay the same). A safety net, not a budget.
   */
  const statusBecomes = async (agent: string, want: { status: string; status_source: string }) => {
    const seen: AgentStatusJson[] = [];
    for (let i = 0; i < 100; i++) {
      const now = await status(agent);
      if (now.status === want.status && now.status_source === want.status_source) return;
      if (seen.at(-1)?.status !== now.status || seen.at(-1)?.status_source !== now.status_source) seen.push(now);
    }
    expect(seen.at(-1), JSON.stringify(seen)).toMatchObject(want);
  };
  const start = () => startWith({ FAKE_CLI_NO_HOOKS: '1' });
  return { fleet, status, statusBecomes, start };
}

describe('status from the session file (hooks off)', () => {
  const { fleet, statusBecomes, start } = fleetOf('sfstatus');
  beforeAll(start, 120_000);
  afterAll(() => fleet.stop());

  it("claude: its user prompt record says working, the turn's end (turn_duration) says idle — source session-file", async () => {
    await fleet.hangar('send', 'cc', 'hello');
    await statusBecomes('cc', { status: 'idle', status_source: 'session-file' });
    await fleet.hangar('send', 'cc', 'work'); // the prompt recorded, the spinner on screen: no end recorded
    await statusBecomes('cc', { status: 'working', status_source: 'session-file' });
  }, 120_000);

  it("codex: its rollout's user_message says working, task_complete says idle — source session-file", async () => {
    await fleet.hangar('send', 'cx', 'hello');
    await statusBecomes('cx', { status: 'idle', status_source: 'session-file' });
    await fleet.hangar('send', 'cx', 'work');
    await statusBecomes('cx', { status: 'working', status_source: 'session-file' });
  }, 120_000);
});

describe('a silent session file', () => {
  // hook_silence holds the session file's word as it holds a hook's: short, for the test
  const { fleet, status, statusBecomes, start } = fleetOf('sfsilent', '\n[backend.claude]\nhook_silence = 3\n');
  beforeAll(start, 120_000);
  afterAll(() => fleet.stop());

  it('falls back to the screen: an interrupt the fake does not record leaves the file silent, and the screen says idle', async () => {
    await fleet.hangar('send', 'cc', 'work');
    await fleet.hangar('wait', 'cc', '--for', 'working', '--timeout', '60');
    await fleet.hangar('keys', 'cc', 'Escape'); // no record of it: the file's last word is the prompt's "working"
    await fleet.hangar('wait', 'cc', '--for', 'idle', '--timeout', '60');
    expect(await status('cc')).toMatchObject({ status: 'idle', status_source: 'screen' });
    await fleet.hangar('send', 'cc', 'hello'); // and it speaks again at the next record
    await statusBecomes('cc', { status: 'idle', status_source: 'session-file' });
  }, 120_000);
});
