import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import DiffOverlay from '../../../src/ui/components/DiffOverlay.js';
import PromptBar from '../../../src/ui/components/PromptBar.js';
import TimelinePanel from '../../../src/ui/components/TimelinePanel.js';
import { DEFAULT_BINDINGS } from '../../../src/keymap/index.js';
import { promptHints, timelineHints } from '../../../src/ui/pilot/pilot-hints.js';
import { editBar, emptyBar } from '../../../src/ui/pilot/prompt-bar.js';
import { barView } from '../../../src/ui/pilot/prompt-bar-view.js';
import { timelineLines } from '../../../src/ui/pilot/timeline-view.js';
import { answerOf, branchedTimeline } from '../pilot/timeline-fixture.js';
import { createTimeline, moveCurrent, recordTurn, type CheckpointRecord } from '../../../src/pilot/timeline.js';
import { displayWidth } from '../../../src/terminal/text-width.js';

const noFiles = { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 };
function turnRecord(prompt: string, startedAt: number, seconds: number, extra: Partial<CheckpointRecord> = {}): CheckpointRecord {
  return {
    prompt, startedAt, endedAt: startedAt + seconds * 1000, snapshot: 'c0ffee', ref: 'refs/hangar/x', transcriptPath: null,
    logOffset: 0, conversationId: null, files: { ...noFiles, added: 1, insertions: 3 }, ...extra,
  };
}

describe('TimelinePanel', () => {
  const tl = answerOf(branchedTimeline());
  const panel = (over: Partial<Parameters<typeof TimelinePanel>[0]> = {}) =>
    render(
      <TimelinePanel name="builder" current={tl.current} lines={timelineLines(tl, 'T2', 58)} top={0} width={60} height={12} focused status={[]} hints={timelineHints(DEFAULT_BINDINGS)} {...over} />,
    ).lastFrame()!.split('\n');

  it('draws the tree with its branches, current marked, in a titled frame', () => {
    const lines = panel();
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^╭ timeline · builder · at T5 ─+╮$/);
    const body = lines.slice(1, 7).map((l) => l.slice(1, -1).trimEnd());
    expect(body).toEqual([
      '  root  (before the first turn)',
      '  T1    write a.txt one    12s 1 file +3 −0',
      '  ├─ T2 write b.txt two     8s 1 file +3 −0',
      '  │  T3 write a.txt three   5s 1 file +3 −0 4.1k tok $0.02',
      '  │  T4 [present]           0s 1 file +3 −0',
      '● └─ T5 try another appro… 20s 1 file +3 −0',
    ]);
    expect(lines[11]).toMatch(/^╰ j\/k · g goto · u undo · b branch · d diff · q leave ─*╯$/);
  });

  it('puts work in progress, an error or a note under the tree, and scrolls the tree by top', () => {
    const lines = panel({ top: 3, height: 8, status: [{ kind: 'busy', text: '⟳ going to T1… 4s' }, { kind: 'busy', text: '  builder: the present saved as T6' }] });
    expect(lines[1]).toMatch(/T3 write a\.txt three/);
    expect(lines[4]).toMatch(/│⟳ going to T1… 4s +│/);
    expect(lines[5]).toMatch(/│ {2}builder: the present saved as T6 +│/);
  });

  it('lines up its columns in every row, with or without tokens, whatever the graph, label or characters', () => {
    let mixed = createTimeline('builder', { ...turnRecord('', 0, 0), files: noFiles });
    mixed = recordTurn(mixed, turnRecord('write a.txt one', 1000, 12)).timeline;
    mixed = recordTurn(mixed, turnRecord('日本語のテスト', 20_000, 8, { tokens: 12_345, cost: 0.5 })).timeline;
    mixed = recordTurn(mixed, turnRecord('write a.txt three', 30_000, 65, { tokens: 4100, cost: 0.02, files: { added: 12, removed: 0, changed: 0, insertions: 36, deletions: 0 } })).timeline;
    mixed = moveCurrent(mixed, 'T1');
    for (let i = 0; i < 7; i++) mixed = recordTurn(mixed, turnRecord(`turn ${i}`, 100_000 + i * 1000, 5)).timeline; // up to T10, on a branch
    const view = answerOf(mixed);
    for (const width of [70, 100]) {
      const body = render(<TimelinePanel name="builder" current={view.current} lines={timelineLines(view, null, width - 2)} top={0} width={width} height={16} focused status={[]} hints="" />)
        .lastFrame()!
        .split('\n')
        .slice(1, 13)
        .filter((l) => /T\d/.test(l));
      expect(body).toHaveLength(10);
      const column = (line: string, at: number) => displayWidth(line.slice(0, at));
      const columns = body.map((line) => {
        const label = /T\d+/.exec(line)!;
        const summary = line.slice(label.index + label[0].length).search(/\S/) + label.index + label[0].length;
        const facts = / (\d+[hms]\d*[ms]?) (\d+ files? )/.exec(line)!;
        return { summary: column(line, summary), durationEnd: column(line, facts.index + 1 + facts[1]!.length), files: column(line, facts.index + 2 + facts[1]!.length) };
      });
      for (const c of columns) expect(c).toEqual(columns[0]);
      const usage = body.filter((l) => l.includes(' tok ')).map((l) => column(l, l.search(/\d+(\.\d)?k tok/)));
      expect(usage).toHaveLength(width === 100 ? 2 : usage.length);
      for (const u of usage) expect(u).toBe(usage[0]);
    }
  });

  it('has no hints and no timeline yet while the server answers', () => {
    const lines = panel({ current: null, lines: [], focused: false, hints: '', status: [{ kind: 'busy', text: '⟳ piloting builder…' }] });
    expect(lines[0]).toMatch(/^╭ timeline · builder ─+╮$/);
    expect(lines[1]).toMatch(/│⟳ piloting builder…/);
    expect(lines[11]).toMatch(/^╰─+╯$/);
  });
});

describe('PromptBar', () => {
  it('shows the text with its gutter, the target, and the keys while it has them', () => {
    const bar = editBar(editBar(editBar(emptyBar(), { type: 'insert', text: 'write a.txt' }), { type: 'newline' }), { type: 'insert', text: 'and more' });
    const lines = render(<PromptBar target="builder" view={barView(bar, 87, 3)} width={90} height={5} focused sending={false} hints={promptHints(DEFAULT_BINDINGS)} />)
      .lastFrame()!
      .split('\n');
    expect(lines[0]).toMatch(/^╭ prompt → builder ─+╮$/);
    expect(lines[1]).toMatch(/^│› write a\.txt +│$/);
    expect(lines[2]).toMatch(/^│ {2}and more +│$/);
    expect(lines[4]).toMatch(/^╰ Enter send · M-Enter\/C-j newline · ↑\/↓ history · Tab timeline · Esc leave ─+╯$/);
  });

  it('says when a prompt is on its way, and how much is out of view', () => {
    const bar = { ...emptyBar(), text: 'a\nb\nc\nd', cursor: 7 };
    const frame = render(<PromptBar target="builder" view={barView(bar, 57, 2)} width={60} height={4} focused={false} sending hints="" />).lastFrame()!;
    expect(frame.split('\n')[0]).toMatch(/prompt → builder · sending… · ↑2 more/);
  });

  it('an empty bar says what it is for', () => {
    const frame = render(<PromptBar target="builder" view={barView(emptyBar(), 77, 1)} width={80} height={3} focused={false} sending={false} hints="" />).lastFrame()!;
    expect(frame).toMatch(/│› a prompt for builder: click here, or Tab to the bar/);
  });
});

describe('DiffOverlay', () => {
  it('shows the lines from offset and where they are in the whole', () => {
    const lines = ['diff --git a/a.txt b/a.txt', '--- a/a.txt', '+++ b/a.txt', '@@ -1 +1 @@', '-one', '+three'];
    const frame = render(<DiffOverlay title="builder: what T3 changed (T2..T3)" lines={lines} offset={2} width={60} height={7} />).lastFrame()!;
    expect(frame).toContain('builder: what T3 changed (T2..T3)');
    expect(frame).toContain('+++ b/a.txt');
    expect(frame).toContain('-one');
    expect(frame).not.toContain('diff --git');
    expect(frame).toContain('3–5 of 6');
  });
});
