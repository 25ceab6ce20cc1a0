import { describe, expect, it } from 'vitest';
import {
  annotate,
  branches,
  children,
  findLabel,
  getCheckpoint,
  gotoPlan,
  isAncestor,
  labelNumber,
  moveCurrent,
  nextLabel,
  pathTo,
  recordTurn,
  sortLabels,
  TimelineError,
  undoTarget,
  type GotoPlan,
  type Timeline,
} from '../../src/pilot/timeline.js';
import { newTimeline, present, record, turns } from './timeline-fixtures.js';

function plan(tl: Timeline, target: string): Extract<GotoPlan, { ok: true }> {
  const p = gotoPlan(tl, target);
  if (!p.ok) throw new Error(p.error);
  return p;
}

/** root → T1 → T2 → T3, then goto T1 and one more turn: T4, a branch beside T2. */
function branched(): Timeline {
  const three = turns(newTimeline(), 'add a readme', 'write tests', 'fix the bug');
  return turns(moveCurrent(three, 'T1'), 'try another approach');
}

describe('timeline', () => {
  it('starts at root, before the first turn', () => {
    const tl = newTimeline();
    expect(tl.current).toBe('root');
    expect(nextLabel(tl)).toBe('T1');
    expect(getCheckpoint(tl, 'root')).toMatchObject({ kind: 'root', parent: null, prompt: '', depth: 0 });
  });

  it('records each turn as a child of current, which it becomes', () => {
    let tl = newTimeline();
    const first = recordTurn(tl, record(tl, 'add a readme'));
    expect(first.label).toBe('T1');
    tl = first.timeline;
    const second = recordTurn(tl, record(tl, 'write tests'));
    expect(second.label).toBe('T2');
    expect(second.timeline.current).toBe('T2');
    expect(getCheckpoint(second.timeline, 'T2')).toMatchObject({ parent: 'T1', kind: 'turn', depth: 2, prompt: 'write tests', snapshot: 'sha-T2' });
    // pure: the timeline it was given is unchanged
    expect(tl.current).toBe('T1');
    expect(Object.keys(tl.checkpoints)).toEqual(['root', 'T1']);
  });

  it('a turn after goto T1 starts a branch; both branches are listed and reachable', () => {
    const tl = branched();
    expect(getCheckpoint(tl, 'T4')).toMatchObject({ parent: 'T1', depth: 2 });
    expect(children(tl, 'T1')).toEqual(['T2', 'T4']);
    expect(branches(tl)).toEqual(['T3', 'T4']);
    expect(tl.current).toBe('T4');

    const back = plan(tl, 'T3');
    expect(back.path.map((c) => c.label)).toEqual(['root', 'T1', 'T2', 'T3']);
    expect(back.prompts).toEqual(['add a readme', 'write tests', 'fix the bug']);
    expect(back.depth).toBe(3);
    expect(back.snapshot).toBe('sha-T3');
    expect(back.alreadyThere).toBe(false);

    const here = plan(tl, 'T4');
    expect(here.prompts).toEqual(['add a readme', 'try another approach']);
    expect(here.alreadyThere).toBe(true);
  });

  it('never reuses a label, across branches', () => {
    let tl = branched();
    tl = turns(moveCurrent(tl, 'root'), 'start over');
    expect(tl.current).toBe('T5');
    tl = turns(moveCurrent(tl, 'T2'), 'again');
    expect(tl.current).toBe('T6');
    expect(sortLabels(Object.keys(tl.checkpoints))).toEqual(['root', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(children(tl, 'root')).toEqual(['T1', 'T5']);
  });

  it('goto accepts labels as typed and says which exist when one does not', () => {
    const tl = branched();
    expect(plan(tl, ' t2 ').target.label).toBe('T2');
    expect(plan(tl, 'ROOT').target.label).toBe('root');
    expect(findLabel(tl, 'T02')).toBeNull();
    const missing = gotoPlan(tl, 'T9');
    expect(missing).toEqual({ ok: false, error: `no checkpoint "T9" in builder's timeline (it has root and T1…T4)` });
    expect(gotoPlan(newTimeline(), 'T1')).toMatchObject({ ok: false, error: expect.stringContaining('it has only root') });
  });

  it('goto root restores an empty conversation', () => {
    const p = plan(branched(), 'root');
    expect(p).toMatchObject({ depth: 0, prompts: [], turns: [], snapshot: 'sha-root', conversationId: null });
  });

  it('a present that differs is saved before the goto, as a child of current that is not a turn', () => {
    let tl = turns(newTimeline(), 'one', 'two');
    const saved = present(tl, true);
    expect(saved.label).toBe('T3');
    tl = saved.timeline;
    expect(getCheckpoint(tl, 'T3')).toMatchObject({ kind: 'present', parent: 'T2', depth: 2 });
    tl = moveCurrent(tl, 'T1');
    expect(tl.current).toBe('T1');
    // going back to the present: its prompts are those of the turns before it
    const p = plan(tl, 'T3');
    expect(p.prompts).toEqual(['one', 'two']);
    expect(p.depth).toBe(2);
    expect(p.turns).toHaveLength(p.depth);
    // a turn after the present is one deeper
    tl = turns(moveCurrent(tl, 'T3'), 'three');
    expect(getCheckpoint(tl, 'T4')).toMatchObject({ parent: 'T3', depth: 3 });
    expect(plan(tl, 'T4').prompts).toEqual(['one', 'two', 'three']);
  });

  it('a present that does not differ records nothing and takes no label', () => {
    const tl = turns(newTimeline(), 'one');
    const same = present(tl, false);
    expect(same).toEqual({ timeline: tl, label: null });
    expect(nextLabel(same.timeline)).toBe('T2');
  });

  it('undo goes to the parent of current; at root it is a clear error', () => {
    const tl = branched();
    expect(undoTarget(tl)).toEqual({ ok: true, label: 'T1' });
    expect(undoTarget(moveCurrent(tl, 'T1'))).toEqual({ ok: true, label: 'root' });
    expect(undoTarget(moveCurrent(tl, 'root'))).toEqual({ ok: false, error: 'builder is at root, before its first turn: there is nothing to undo' });
  });

  it('pathTo, isAncestor and children', () => {
    const tl = branched();
    expect(pathTo(tl, 'T4').map((c) => c.label)).toEqual(['root', 'T1', 'T4']);
    expect(pathTo(tl, 'root').map((c) => c.label)).toEqual(['root']);
    expect(isAncestor(tl, 'T1', 'T3')).toBe(true);
    expect(isAncestor(tl, 'T3', 'T3')).toBe(true);
    expect(isAncestor(tl, 'T2', 'T4')).toBe(false);
    expect(isAncestor(tl, 'T3', 'T1')).toBe(false);
    expect(children(tl, 'T3')).toEqual([]);
    expect(() => children(tl, 'T7')).toThrow(TimelineError);
    expect(() => moveCurrent(tl, 'T7')).toThrow(/no checkpoint T7 in builder's timeline/);
  });

  it('labels sort by number, not as text', () => {
    expect(sortLabels(['T10', 'T2', 'root', 'T1'])).toEqual(['root', 'T1', 'T2', 'T10']);
    expect(labelNumber('T10')).toBe(10);
    expect(labelNumber('T0')).toBeNull();
    expect(labelNumber('x')).toBeNull();
  });

  it('annotate fills in what became known later', () => {
    const tl = annotate(turns(newTimeline(), 'one'), 'T1', { tokens: 4100, cost: 0.02, conversationId: 'conv-2' });
    expect(getCheckpoint(tl, 'T1')).toMatchObject({ tokens: 4100, cost: 0.02, conversationId: 'conv-2' });
    expect(plan(tl, 'T1').conversationId).toBe('conv-2');
  });
});
