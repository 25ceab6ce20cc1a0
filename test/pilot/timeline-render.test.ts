import { describe, expect, it } from 'vitest';
import { annotate, moveCurrent, recordTurn, type Timeline } from '../../src/pilot/timeline.js';
import { formatDuration, formatFiles, formatUsage, renderTree, SUMMARY_WIDTH, treeRows } from '../../src/pilot/timeline-render.js';
import { displayWidth } from '../../src/terminal/text-width.js';
import { newTimeline, present, record } from './timeline-fixtures.js';

function turn(tl: Timeline, prompt: string, seconds: number, files: [number, number, number], over: object = {}): Timeline {
  const [n, insertions, deletions] = files;
  return recordTurn(tl, record(tl, prompt, { startedAt: 0, endedAt: seconds * 1000, files: { added: 0, removed: 0, changed: n, insertions, deletions }, ...over }))
    .timeline;
}

describe('renderTree', () => {
  it('draws branches, the present, abandoned turns and the current mark', () => {
    let tl = newTimeline();
    tl = turn(tl, 'add a readme', 12, [1, 3, 0]);
    tl = turn(tl, 'write tests\nfor the parser, all of it', 8, [2, 40, 1]);
    tl = turn(tl, `fix the failing test ${'and explain why '.repeat(5)}`, 65, [1, 2, 2]);
    tl = present(moveCurrent(tl, 'T2')).timeline; // T4: edits made by hand after T2, saved by a goto
    tl = moveCurrent(tl, 'T1');
    tl = turn(tl, 'try another approach', 3723, [3, 61, 0], { tokens: 4100, cost: 0.02 });
    expect(renderTree(tl)).toEqual([
      'root      (before the first turn)',
      'T1        add a readme                                                    12s  1 file +3 −0',
      '├─ T2     write tests…                                                     8s  2 files +40 −1',
      '│  ├─ T3  fix the failing test and explain why and explain why and ex…  1m05s  1 file +2 −2',
      '│  └─ T4  [present]                                                       12s  1 file +3 −0',
      '└─ T5 *   try another approach                                          1h02m  3 files +61 −0  4.1k tok $0.02',
    ]);
  });

  it('lines up rows with and without tokens, in terminal columns (wide characters take two)', () => {
    let tl = newTimeline();
    tl = turn(tl, '日本語のテスト', 8, [1, 3, 0], { tokens: 12_345, cost: 0.5 });
    tl = turn(tl, 'plain words', 65, [12, 36, 0]);
    tl = turn(tl, 'more', 5, [1, 1, 1], { tokens: 4100 });
    const lines = renderTree(tl).slice(1);
    const columnOf = (line: string, re: RegExp) => displayWidth(line.slice(0, line.search(re)));
    const same = (columns: number[]) => expect(new Set(columns).size).toBe(1);
    same(lines.map((l) => columnOf(l, /\d+ files? /))); // and the durations end two columns before
    same(lines.map((l) => columnOf(l, / {2}\d+ files? /)));
    same(lines.map((l) => columnOf(l, /(?<=T\d \*?  *)\S/))); // the summaries
    same([lines[0]!, lines[2]!].map((l) => columnOf(l, /\S+ tok/)));
  });

  it('keeps a chain of single children in one column', () => {
    let tl = newTimeline();
    for (let i = 1; i <= 3; i++) tl = turn(tl, `step ${i}`, i, [0, 0, 0]);
    expect(renderTree(tl)).toEqual([
      'root  (before the first turn)',
      'T1    step 1                   1s  no changes',
      'T2    step 2                   2s  no changes',
      'T3 *  step 3                   3s  no changes',
    ]);
  });

  it('rows carry the parts for the pilot view', () => {
    const tl = annotate(turn(newTimeline(), 'hello', 2, [1, 1, 0]), 'T1', { cost: 0.004 });
    expect(treeRows(tl)).toEqual([
      { label: 'root', kind: 'root', current: false, graph: '', summary: '(before the first turn)', duration: '', files: '', usage: '' },
      { label: 'T1', kind: 'turn', current: true, graph: '', summary: 'hello', duration: '2s', files: '1 file +1 −0', usage: '$0.0040' },
    ]);
  });

  it('cuts summaries at the width, counting wide characters as two columns, and strips control characters', () => {
    const tl = turn(turn(newTimeline(), '日本語'.repeat(30), 1, [0, 0, 0]), '\x1b[31mred\x07 text', 1, [0, 0, 0]);
    const [, wide, ctrl] = treeRows(tl);
    expect(wide!.summary).toBe(`${'日本語'.repeat(9)}日本…`); // 29 wide characters = 58 columns, then …
    expect(SUMMARY_WIDTH).toBe(60);
    expect(ctrl!.summary).toBe('[31mred  text');
  });

  it('renders a thousand turns in one chain (no recursion)', () => {
    let tl = newTimeline();
    for (let i = 0; i < 1000; i++) tl = turn(tl, `turn ${i}`, 1, [0, 0, 0]);
    const lines = renderTree(tl);
    expect(lines).toHaveLength(1001);
    expect(lines[1000]).toMatch(/^T1000 \* {2}turn 999/);
  });

  it('formats durations, files and usage', () => {
    expect([0, 999, 59_400, 60_000, 3_599_000, 3_600_000, 90_061_000].map(formatDuration)).toEqual(['0s', '1s', '59s', '1m00s', '59m59s', '1h00m', '25h01m']);
    expect(formatFiles({ added: 1, removed: 1, changed: 1, insertions: 5, deletions: 7 })).toBe('3 files +5 −7');
    expect(formatUsage(999, undefined)).toBe('999 tok');
    expect(formatUsage(2_500_000, 1.5)).toBe('2.5M tok $1.50');
    expect(formatUsage(undefined, 0)).toBe('$0.00');
    expect(formatUsage(1_000, 0.004567)).toBe('1.0k tok $0.0046');
    expect(formatUsage(10, 3e-7)).toBe('10 tok <$0.0001');
    expect(formatUsage(undefined, undefined)).toBe('');
  });
});
