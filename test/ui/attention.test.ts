import { describe, expect, it } from 'vitest';
import { PaneResizes, RESIZE_SETTLE_MS, attentionReason, type StatusChange } from '../../src/ui/attention.js';

const change = (over: Partial<StatusChange>): StatusChange => ({ kind: 'persistent', prev: 'working', status: 'idle', msSinceResize: null, ...over });

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

  it('not the redraw that follows a resize, only changes after it settled', () => {
    expect(attentionReason(change({ msSinceResize: 0 }))).toBeNull();
    expect(attentionReason(change({ msSinceResize: RESIZE_SETTLE_MS - 1 }))).toBeNull();
    expect(attentionReason(change({ msSinceResize: RESIZE_SETTLE_MS }))).toBe('idle');
  });
});

describe('pane resizes, read off screen updates', () => {
  it('the first update (attach, a new pane) and every new size restart the settle time; same size does not', () => {
    const r = new PaneResizes();
    expect(r.msSince('a', 1000)).toBeNull();
    r.note('a', 80, 24, 1000);
    expect(r.msSince('a', 1600)).toBe(600);
    r.note('a', 80, 24, 5000); // rows changed, size did not
    expect(r.msSince('a', 5000)).toBe(4000);
    r.note('a', 100, 24, 6000);
    expect(r.msSince('a', 6500)).toBe(500);
    expect(r.msSince('b', 6500)).toBeNull();
  });
});
