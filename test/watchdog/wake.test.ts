import { describe, expect, it } from 'vitest';
import { decideWake, startWake, wakeIsDue } from '../../src/watchdog/wake.js';

const H = 3_600_000;
const obs = (now: number, status: 'idle' | 'working' | 'needs-input', prompt: string | null = 'Wake up.\n  Check   the fleet.\n') => ({
  now,
  status,
  prompt,
  promptFile: 'prompts/wake.md',
});

describe('wake', () => {
  it('is not due before the interval', () => {
    const s = startWake(0);
    expect(wakeIsDue(s, H - 1, H)).toBe(false);
    expect(decideWake(s, 'sup', obs(H - 1, 'idle'), H).actions).toEqual([]);
  });

  it('delivers the prompt as one line into an idle agent and starts the interval again', () => {
    const d = decideWake(startWake(0), 'sup', obs(H, 'idle'), H);
    expect(d.actions).toEqual([{ type: 'send', name: 'sup', text: 'Wake up. Check the fleet.', reason: 'scheduled wake (every 3600 s)' }]);
    expect(d.state).toEqual({ since: H, deferred: false });
  });

  it('defers while the agent works, noting it once, and delivers when it is idle', () => {
    let d = decideWake(startWake(0), 'sup', obs(H, 'working'), H);
    expect(d.actions).toEqual([expect.objectContaining({ type: 'note', kind: 'wake-defer' })]);
    d = decideWake(d.state, 'sup', obs(H + 5000, 'needs-input'), H);
    expect(d.actions).toEqual([]);
    d = decideWake(d.state, 'sup', obs(H + 60_000, 'idle'), H);
    expect(d.actions).toEqual([expect.objectContaining({ type: 'send', name: 'sup' })]);
    expect(d.state).toEqual({ since: H + 60_000, deferred: false });
  });

  it('held by a budget, an idle agent gets no wake: deferred saying so, once — also when it was deferred for work first — and typed after the lift', () => {
    const budget = (now: number, status: 'idle' | 'working') => ({ ...obs(now, status), heldBy: 'its budget' });
    let d = decideWake(startWake(0), 'sup', obs(H, 'working'), H);
    d = decideWake(d.state, 'sup', budget(H + 1000, 'idle'), H);
    expect(d.actions).toEqual([{ type: 'note', name: 'sup', kind: 'wake-defer', level: 'info', message: 'wake for sup deferred — its budget is spent; delivered when it is raised' }]);
    d = decideWake(d.state, 'sup', budget(H + 2000, 'idle'), H);
    expect(d.actions).toEqual([]);
    d = decideWake(d.state, 'sup', obs(H + 3000, 'idle'), H);
    expect(d.actions).toEqual([expect.objectContaining({ type: 'send', name: 'sup', reason: 'deferred wake (every 3600 s)' })]);
    expect(d.state).toEqual({ since: H + 3000, deferred: false });
  });

  it('skips with the reason when the prompt file is missing', () => {
    const d = decideWake(startWake(0), 'sup', obs(H, 'idle', null), H);
    expect(d.actions).toEqual([{ type: 'note', name: 'sup', kind: 'wake-skip', level: 'warn', message: 'wake skipped for sup — prompt file missing: prompts/wake.md' }]);
    expect(d.state.since).toBe(H);
  });
});
