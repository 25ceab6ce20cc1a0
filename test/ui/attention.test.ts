import { describe, expect, it } from 'vitest';
import { REDRAW_MAX_MS, RESIZE_SETTLE_MS, ResizeRedraws, attentionReason, type StatusChange } from '../../src/ui/attention.js';

const change = (over: Partial<StatusChange>): StatusChange => ({ kind: 'persistent', prev: 'working', status: 'idle', resizeRedraw: false, ...over });

describe('attention: which status changes call a person', () => {
  it('a finished turn (working → idle) and a new question (→ needs-input)', () => {
    expect(attentionReason(change({}))).toBe('idle');
    expect(attentionReason(change({ prev: 'idle', status: 'needs-input' }))).toBe('needs-input');
    expect(attentionReason(change({ prev: 'working', status: 'needs-input' }))).toBe('needs-input');
  });

  it('nothing else: starting, working, limited, exits, or a question that was already asked', () => {
    expect(attentionReason(change({ prev: 'starting', status: 'idle' }))).toBeNull();
    expect(attentionReason(change({ prev: 'idle', status: 'working' }))).toBeNull();
    expect(attentionReason(change({ prev: 'working', status: 'limited' }))).toBeNull();
    expect(attentionReason(change({ prev: 'working', status: 'exited' }))).toBeNull();
    expect(attentionReason(change({ prev: 'needs-input', status: 'needs-input' }))).toBeNull();
  });

  it('never a service: it has no turns to finish', () => {
    expect(attentionReason(change({ kind: 'service' }))).toBeNull();
    expect(attentionReason(change({ kind: 'service', prev: 'idle', status: 'needs-input' }))).toBeNull();
  });

  it('not the redraw that follows a resize', () => {
    expect(attentionReason(change({ resizeRedraw: true }))).toBeNull();
    expect(attentionReason(change({ resizeRedraw: true, prev: 'idle', status: 'needs-input' }))).toBeNull();
  });
});

describe('resize redraws, read off screen updates and status changes', () => {
  it('a change soon after the first update (attach, a new pane) or a new size is a redraw; long after, not', () => {
    const r = new ResizeRedraws();
    expect(r.statusChange('a', 'idle', 500)).toBe(false); // never seen resized
    r.note('a', 80, 24, 1000);
    expect(r.statusChange('a', 'needs-input', 1000 + RESIZE_SETTLE_MS - 1)).toBe(true);
    expect(r.statusChange('a', 'working', 5000)).toBe(false);
    r.note('a', 80, 24, 9000); // same size: no resize
    expect(r.statusChange('a', 'idle', 9000)).toBe(false);
    r.note('a', 100, 24, 20_000);
    expect(r.statusChange('a', 'working', 20_100)).toBe(true);
    expect(r.statusChange('b', 'working', 20_100)).toBe(false);
  });

  it("the redraw's working spell is a redraw however late it ends (a loaded machine)", () => {
    const r = new ResizeRedraws();
    r.note('a', 80, 24, 1000);
    expect(r.statusChange('a', 'working', 1200)).toBe(true);
    expect(r.statusChange('a', 'idle', 1000 + 3 * RESIZE_SETTLE_MS)).toBe(true);
    expect(r.statusChange('a', 'working', 60_000)).toBe(false); // a real turn
    expect(r.statusChange('a', 'idle', 70_000)).toBe(false); // it finished
  });

  it('a working spell that began with the resize but outlasts REDRAW_MAX_MS was a turn: its end counts', () => {
    const r = new ResizeRedraws();
    r.note('a', 80, 24, 1000);
    expect(r.statusChange('a', 'working', 1100)).toBe(true);
    expect(r.statusChange('a', 'idle', 1000 + REDRAW_MAX_MS)).toBe(false);
  });

  it('a turn that starts right after the redraw ended counts', () => {
    const r = new ResizeRedraws();
    r.note('a', 80, 24, 1000);
    expect(r.statusChange('a', 'working', 1050)).toBe(true);
    expect(r.statusChange('a', 'idle', 1900)).toBe(true);
    expect(r.statusChange('a', 'working', 1950)).toBe(false);
    expect(r.statusChange('a', 'idle', 2900)).toBe(false);
  });

  it('a pane that does not redraw: a turn long after the resize counts', () => {
    const r = new ResizeRedraws();
    r.note('a', 80, 24, 1000);
    expect(r.statusChange('a', 'working', 1000 + RESIZE_SETTLE_MS)).toBe(false);
    expect(r.statusChange('a', 'idle', 30_000)).toBe(false);
  });

  it('a working status that overtook the screen update of the resize is the redraw', () => {
    const r = new ResizeRedraws();
    r.note('a', 80, 24, 0);
    expect(r.statusChange('a', 'working', 10_000)).toBe(false); // just before the new size is seen
    r.note('a', 90, 24, 10_050);
    expect(r.statusChange('a', 'idle', 10_000 + 2 * RESIZE_SETTLE_MS)).toBe(true);
  });
});
