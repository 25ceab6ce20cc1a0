import { describe, expect, it } from 'vitest';
import { TurnTracker, type TurnSettings } from '../../src/fleet/turn-tracker.js';

// What the backend's session file says about the running turn: while it says the turn is
// over, the quiet period is not waited out.
const settings: TurnSettings = { quietMs: 2_000, startGraceMs: 5_000, submitGraceMs: 3_000 };

describe('turn tracker: the backend says whether the turn is over', () => {
  it('while the agent waits: the turn ends at once, at the moment it went idle', () => {
    const t = new TurnTracker(settings, 'idle');
    t.promptSent('go', 0);
    t.status('working', 100);
    t.status('idle', 1_000);
    expect(t.backend(true, 1_100)).toEqual([{ type: 'turn-end', prompt: 'go', startedAt: 0, endedAt: 1_000, endStatus: 'idle' }]);
    expect(t.inTurn).toBe(false);
  });

  it('while it still works: the turn ends the moment it waits, without the quiet period', () => {
    const t = new TurnTracker(settings, 'idle');
    t.promptSent('go', 0);
    t.status('working', 100);
    expect(t.backend(true, 900)).toEqual([]);
    expect(t.inTurn).toBe(true);
    expect(t.status('idle', 1_000)).toEqual([{ type: 'turn-end', prompt: 'go', startedAt: 0, endedAt: 1_000, endStatus: 'idle' }]);
  });

  it('before the screen showed any reaction: the turn ends then, not after the start grace', () => {
    const t = new TurnTracker(settings, 'idle');
    t.promptSent('quick', 0);
    expect(t.backend(true, 400)).toEqual([{ type: 'turn-end', prompt: 'quick', startedAt: 0, endedAt: 400, endStatus: 'idle' }]);
  });

  it('taken back (the agent went on: a hook, a queued prompt): the quiet period counts again', () => {
    const t = new TurnTracker(settings, 'idle');
    t.promptSent('first', 0);
    t.status('working', 100);
    t.backend(true, 500);
    expect(t.backend(false, 750)).toEqual([]);
    expect(t.status('idle', 1_000)).toEqual([]);
    expect(t.tick(3_000)).toEqual([{ type: 'turn-end', prompt: 'first', startedAt: 0, endedAt: 1_000, endStatus: 'idle' }]);
  });

  it('a prompt added to the turn clears it until the backend says it again', () => {
    const t = new TurnTracker(settings, 'idle');
    t.promptSent('first', 0);
    t.status('working', 100);
    t.backend(true, 500);
    t.promptSent('and also this', 600);
    expect(t.status('idle', 1_000)).toEqual([]);
    expect(t.backend(true, 1_250)).toEqual([{ type: 'turn-end', prompt: 'first\n\nand also this', startedAt: 0, endedAt: 1_000, endStatus: 'idle' }]);
  });

  it('between turns it means nothing', () => {
    const t = new TurnTracker(settings, 'idle');
    expect(t.backend(true, 100)).toEqual([]);
    t.promptSent('go', 200);
    t.status('working', 300);
    expect(t.status('idle', 400)).toEqual([]); // the earlier word does not end this turn
  });
});
