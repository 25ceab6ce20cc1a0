import { describe, expect, it } from 'vitest';
import { initialTurnState, stepTurn, TurnTracker, type TurnSettings } from '../../src/fleet/turn-tracker.js';

const settings: TurnSettings = { quietMs: 2_000, startGraceMs: 5_000, submitGraceMs: 3_000 };
const tracker = (status: 'idle' | 'working' = 'idle') => new TurnTracker(settings, status);

describe('turn tracker', () => {
  it('a sent prompt starts a turn; idle again for the quiet period ends it, at the moment it went idle', () => {
    const t = tracker();
    expect(t.promptSent('add a readme', 1_000)).toEqual([{ type: 'turn-start', prompt: 'add a readme', startedAt: 1_000 }]);
    expect(t.status('working', 1_200)).toEqual([]);
    expect(t.deadline).toBeNull();
    expect(t.status('idle', 9_000)).toEqual([]);
    expect(t.deadline).toBe(11_000);
    expect(t.tick(10_999)).toEqual([]);
    expect(t.tick(11_000)).toEqual([{ type: 'turn-end', prompt: 'add a readme', startedAt: 1_000, endedAt: 9_000, endStatus: 'idle' }]);
    expect(t.inTurn).toBe(false);
    expect(t.deadline).toBeNull();
  });

  it('a pause between tool calls (idle, then working within the quiet period) continues the turn', () => {
    const t = tracker();
    t.promptSent('go', 0);
    t.status('working', 100);
    t.status('idle', 1_000);
    expect(t.status('working', 2_500)).toEqual([]);
    expect(t.tick(3_000)).toEqual([]);
    expect(t.deadline).toBeNull();
    t.status('idle', 4_000);
    expect(t.tick(6_000)).toMatchObject([{ type: 'turn-end', endedAt: 4_000 }]);
  });

  it('asking a question or hitting a limit ends the turn too; exiting ends it at once', () => {
    for (const status of ['needs-input', 'limited'] as const) {
      const t = tracker();
      t.promptSent('go', 0);
      t.status('working', 10);
      t.status(status, 500);
      expect(t.tick(2_500)).toEqual([{ type: 'turn-end', prompt: 'go', startedAt: 0, endedAt: 500, endStatus: status }]);
    }
    for (const status of ['exited', 'stopped', 'crashed'] as const) {
      const t = tracker();
      t.promptSent('go', 0);
      t.status('working', 10);
      expect(t.status(status, 700)).toEqual([{ type: 'turn-end', prompt: 'go', startedAt: 0, endedAt: 700, endStatus: status }]);
    }
  });

  it('a question answered within the quiet period: the answer ends that turn and becomes the next', () => {
    const t = tracker();
    t.promptSent('edit the file', 0);
    t.status('working', 10);
    t.status('needs-input', 1_000);
    expect(t.userSubmitted('y', 1_500)).toEqual([{ type: 'turn-end', prompt: 'edit the file', startedAt: 0, endedAt: 1_000, endStatus: 'needs-input' }]);
    expect(t.status('working', 1_600)).toEqual([{ type: 'turn-start', prompt: 'y', startedAt: 1_500 }]);
  });

  it('text submitted in the pane starts a turn when work follows within the grace period', () => {
    const t = tracker();
    expect(t.userSubmitted('fix the bug', 5_000)).toEqual([]);
    expect(t.inTurn).toBe(false);
    expect(t.status('working', 7_000)).toEqual([{ type: 'turn-start', prompt: 'fix the bug', startedAt: 5_000 }]);
    t.status('idle', 20_000);
    expect(t.tick(22_000)).toEqual([{ type: 'turn-end', prompt: 'fix the bug', startedAt: 5_000, endedAt: 20_000, endStatus: 'idle' }]);
  });

  it('a submission that no work follows starts nothing; a later one replaces it; blank ones are ignored', () => {
    const t = tracker();
    t.userSubmitted('/help', 0);
    expect(t.status('working', 3_001)).toEqual([]); // too late: that work is not /help's
    expect(t.inTurn).toBe(false);
    t.status('idle', 4_000);
    t.userSubmitted('/clear', 10_000);
    t.userSubmitted('write docs', 11_000);
    t.userSubmitted('   ', 11_500);
    expect(t.status('working', 12_000)).toEqual([{ type: 'turn-start', prompt: 'write docs', startedAt: 11_000 }]);
  });

  it('work that no prompt explains starts no turn', () => {
    const t = tracker();
    expect(t.status('working', 100)).toEqual([]);
    expect(t.status('idle', 5_000)).toEqual([]);
    expect(t.tick(10_000)).toEqual([]);
    expect(t.inTurn).toBe(false);
  });

  it('a second prompt while the turn runs is part of that turn', () => {
    const t = tracker();
    t.promptSent('write tests', 0);
    t.status('working', 100);
    expect(t.promptSent('and run them', 3_000)).toEqual([]);
    expect(t.userSubmitted('use vitest', 3_500)).toEqual([]);
    t.status('idle', 9_000);
    expect(t.tick(11_000)).toEqual([
      { type: 'turn-end', prompt: 'write tests\n\nand run them\n\nuse vitest', startedAt: 0, endedAt: 9_000, endStatus: 'idle' },
    ]);
  });

  it('so is a second prompt sent before the agent reacted to the first', () => {
    const t = tracker();
    t.promptSent('one', 0);
    expect(t.promptSent('two', 300)).toEqual([]);
    t.status('working', 400);
    t.status('idle', 1_000);
    expect(t.tick(3_000)).toMatchObject([{ type: 'turn-end', prompt: 'one\n\ntwo' }]);
  });

  it('a prompt sent once the agent is idle again ends the turn at once and starts the next', () => {
    const t = tracker();
    t.promptSent('one', 0);
    t.status('working', 100);
    t.status('idle', 1_000);
    expect(t.promptSent('two', 1_500)).toEqual([
      { type: 'turn-end', prompt: 'one', startedAt: 0, endedAt: 1_000, endStatus: 'idle' },
      { type: 'turn-start', prompt: 'two', startedAt: 1_500 },
    ]);
    // the new turn has not reacted yet: the idle screen does not end it after the quiet period alone
    expect(t.deadline).toBe(6_500);
    expect(t.tick(3_500)).toEqual([]);
  });

  it('a prompt the agent never visibly reacts to ends its turn after the start grace, where it started', () => {
    const t = tracker();
    t.promptSent('quick question', 1_000);
    expect(t.deadline).toBe(6_000);
    expect(t.tick(5_999)).toEqual([]);
    expect(t.tick(6_000)).toEqual([{ type: 'turn-end', prompt: 'quick question', startedAt: 1_000, endedAt: 1_000, endStatus: 'idle' }]);
  });

  it('a prompt sent while the agent already works waits for it to go idle', () => {
    const t = tracker('working');
    t.promptSent('next', 0);
    expect(t.deadline).toBeNull();
    expect(t.tick(60_000)).toEqual([]);
    t.status('idle', 61_000);
    expect(t.tick(63_000)).toMatchObject([{ type: 'turn-end', prompt: 'next', endedAt: 61_000 }]);
  });

  it('a deadline that passed without a tick is honoured by the next input', () => {
    const t = tracker();
    t.promptSent('one', 0);
    t.status('working', 100);
    t.status('idle', 1_000);
    // no tick at 3_000; the agent starts working again at 10_000 on its own
    expect(t.status('working', 10_000)).toEqual([{ type: 'turn-end', prompt: 'one', startedAt: 0, endedAt: 1_000, endStatus: 'idle' }]);
    expect(t.inTurn).toBe(false);
  });

  it('the reducer is pure: the same state and input give the same step, the state is not changed', () => {
    const state = initialTurnState('idle');
    const a = stepTurn(state, { type: 'prompt-sent', text: 'x', at: 5 }, settings);
    const b = stepTurn(state, { type: 'prompt-sent', text: 'x', at: 5 }, settings);
    expect(a).toEqual(b);
    expect(state).toEqual({ phase: 'between', status: 'idle', pending: null });
  });
});
