import { describe, expect, it } from 'vitest';
import { HEALTHY } from '../../src/watchdog/heal.js';
import { decideLaunchExit, LAUNCH_WINDOW_MS, launchFailure } from '../../src/watchdog/launch-failure.js';

const exit = (over: Partial<Parameters<typeof launchFailure>[0]>) => ({ code: 127, signal: null, ranMs: 200, rows: [] as string[], bin: 'claude', ...over });

describe('launchFailure', () => {
  it('exit 127 in the first second: the command is not found, named by the shell', () => {
    expect(launchFailure(exit({ rows: ['sh: 1: claude: not found', ''] }))).toBe('command not found: claude');
    expect(launchFailure(exit({ rows: ['sh: line 1: codex: command not found'], bin: 'claude' }))).toBe('command not found: codex');
  });

  it("exit 126 in the first second: the command is there but cannot be run", () => {
    expect(launchFailure(exit({ code: 126, rows: ['sh: 1: ./agent.sh: Permission denied'], bin: './agent.sh --fast' }))).toBe('command not executable: ./agent.sh');
  });

  it("names the backend's program when the screen does not say", () => {
    expect(launchFailure(exit({ rows: [] }))).toBe('command not found: claude');
    expect(launchFailure(exit({ rows: ['junk'], bin: 'hangar-demo --state-dir x' }))).toBe('command not found: hangar-demo');
  });

  it("the shell's words on screen say it however late the exit was reported (a loaded machine)", () => {
    expect(launchFailure(exit({ ranMs: 5 * LAUNCH_WINDOW_MS, rows: ['sh: 1: claude: not found'] }))).toBe('command not found: claude');
  });

  it('anything else is an ordinary exit: later, another code, or a signal', () => {
    expect(launchFailure(exit({ ranMs: LAUNCH_WINDOW_MS }))).toBeNull();
    expect(launchFailure(exit({ code: 1 }))).toBeNull();
    expect(launchFailure(exit({ code: null, signal: 9 }))).toBeNull();
    expect(launchFailure(exit({ code: 0 }))).toBeNull();
  });
});

describe('decideLaunchExit', () => {
  it('crashes the agent at once, with the reason, and leaves nothing to restart it', () => {
    const d = decideLaunchExit(HEALTHY, 'builder', exit({ rows: ['sh: 1: claude: not found'] }))!;
    expect(d.state).toEqual({ restarts: [], pending: null, gaveUp: 'command not found: claude' });
    expect(d.actions).toEqual([
      { type: 'mark', name: 'builder', status: 'crashed', detail: 'command not found: claude' },
      { type: 'note', name: 'builder', kind: 'launch-failed', level: 'warn', message: 'builder: command not found: claude (exit 127 as it started); not restarted' },
    ]);
  });

  it('is no decision for an ordinary exit', () => {
    expect(decideLaunchExit(HEALTHY, 'builder', exit({ code: 1 }))).toBeNull();
  });
});
