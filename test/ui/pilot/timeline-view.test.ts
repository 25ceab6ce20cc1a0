import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/terminal/text-width.js';
import { followSelection, moveSelection, pathToCurrent, scrollTop, timelineLines, turnPrompts, type TimelineLine } from '../../../src/ui/pilot/timeline-view.js';
import { answerOf, branchedTimeline, straightTimeline } from './timeline-fixture.js';

describe('the timeline panel model', () => {
  const branched = answerOf(branchedTimeline());

  it('knows the path from root to current; the rest is left behind', () => {
    expect([...pathToCurrent(branched)].sort()).toEqual(['T1', 'T5', 'root']);
  });

  it('moves the selection row by row, inside the tree, starting from current', () => {
    expect(branched.rows.map((r) => r.label)).toEqual(['root', 'T1', 'T2', 'T3', 'T4', 'T5']);
    expect(moveSelection(branched, null, -1)).toBe('T4');
    expect(moveSelection(branched, 'T2', 1)).toBe('T3');
    expect(moveSelection(branched, 'root', -5)).toBe('root');
    expect(moveSelection(branched, 'T4', 9)).toBe('T5');
  });

  it('follows current with the selection when it was there, else keeps it', () => {
    const before = answerOf(straightTimeline());
    expect(followSelection(before, 'T3', branched)).toBe('T5');
    expect(followSelection(before, null, branched)).toBe('T5');
    expect(followSelection(null, 'T2', branched)).toBe('T5');
    expect(followSelection(before, 'T2', branched)).toBe('T2');
  });

  it('recalls the prompts of every turn ever taken, oldest first (the bar\'s history)', () => {
    expect(turnPrompts(branched)).toEqual(['write a.txt one', 'write b.txt two', 'write a.txt three', 'try another approach\nwith a second line']);
  });

  it('cuts each row to the width: mark, graph and label always, the fact columns that fit in every row, the summary the rest', () => {
    const wide = timelineLines(branched, 'T2', 80);
    const t3 = wide.find((l) => l.label === 'T3')!;
    expect(t3).toMatchObject({ mark: '  ', graph: '│  ', pad: '', facts: ' 5s 1 file +3 −0 4.1k tok $0.02', current: false, selected: false, onPath: false });
    // T1 has no tokens: its usage column is blank, so the columns before it line up with T3's
    expect(wide.find((l) => l.label === 'T1')).toMatchObject({ pad: '   ', facts: '12s 1 file +3 −0               ' });
    expect(wide.find((l) => l.label === 'T5')).toMatchObject({ mark: '● ', graph: '└─ ', current: true, onPath: true });
    expect(wide.find((l) => l.label === 'T2')!.selected).toBe(true);
    // root has no facts: its summary takes their columns
    expect(wide.find((l) => l.label === 'root')).toMatchObject({ facts: '', summary: expect.stringMatching(/^\(before the first turn\) +$/) });
    const shown = (l: TimelineLine) => `${l.mark}${l.graph}${l.label}${l.pad} ${l.summary}${l.facts ? ` ${l.facts}` : ''}`;
    for (const l of wide) expect(displayWidth(shown(l))).toBe(80);

    const narrow = timelineLines(branched, null, 34).find((l) => l.label === 'T3')!;
    expect(narrow.facts).toBe(' 5s 1 file +3 −0');
    expect(narrow.summary).toBe('write a.…');
    const tiny = timelineLines(branched, null, 20).find((l) => l.label === 'T3')!;
    expect(tiny.facts).toBe('');
  });

  it('scrolls so the selected row is in view, the middle when it can', () => {
    expect(scrollTop(5, 4, 10)).toBe(0);
    expect(scrollTop(30, 0, 10)).toBe(0);
    expect(scrollTop(30, 15, 10)).toBe(10);
    expect(scrollTop(30, 29, 10)).toBe(20);
    expect(scrollTop(30, -1, 10)).toBe(20);
  });
});
