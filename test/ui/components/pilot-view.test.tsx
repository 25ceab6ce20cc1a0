import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import DiffOverlay from '../../../src/ui/components/DiffOverlay.js';
import PromptBar from '../../../src/ui/components/PromptBar.js';
import TimelinePanel from '../../../src/ui/components/TimelinePanel.js';
import { DEFAULT_BINDINGS } from '../../../src/ui/keymap/index.js';
import { promptHints, timelineHints } from '../../../src/ui/pilot/pilot-hints.js';
import { editBar, emptyBar } from '../../../src/ui/pilot/prompt-bar.js';
import { barView } from '../../../src/ui/pilot/prompt-bar-view.js';
import { timelineLines } from '../../../src/ui/pilot/timeline-view.js';
import { answerOf, branchedTimeline } from '../pilot/timeline-fixture.js';

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
    expect(body[0]).toBe('  root (before the first turn)');
    expect(body[1]).toMatch(/^ {2}T1 write a\.txt one +12s 1 file \+3 −0$/);
    expect(body[2]).toMatch(/^ {2}├─ T2 write b\.txt two +8s 1 file \+3 −0$/);
    expect(body[3]).toMatch(/^ {2}│ {2}T3 write a\.txt three +5s 1 file \+3 −0 4\.1k tok \$0\.02$/);
    expect(body[4]).toMatch(/^ {2}│ {2}T4 \[present\]/);
    expect(body[5]).toMatch(/^● └─ T5 try another approach… +20s 1 file \+3 −0$/);
    expect(lines[11]).toMatch(/^╰ j\/k · g goto · u undo · b branch · d diff · q leave ─*╯$/);
  });

  it('puts work in progress, an error or a note under the tree, and scrolls the tree by top', () => {
    const lines = panel({ top: 3, height: 8, status: [{ kind: 'busy', text: '⟳ going to T1… 4s' }, { kind: 'busy', text: '  builder: the present saved as T6' }] });
    expect(lines[1]).toMatch(/T3 write a\.txt three/);
    expect(lines[4]).toMatch(/│⟳ going to T1… 4s +│/);
    expect(lines[5]).toMatch(/│ {2}builder: the present saved as T6 +│/);
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
