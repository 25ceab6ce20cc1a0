import { describe, expect, it } from 'vitest';
import { needsAttention } from '../../src/protocol/needs-attention.js';

describe('needs_attention', () => {
  it('is set while an agent waits on someone, not while it works, starts, is held by a limit or is stopped', () => {
    expect((['idle', 'needs-input', 'stalled', 'exited', 'crashed'] as const).map(needsAttention)).toEqual([true, true, true, true, true]);
    expect((['starting', 'working', 'limited', 'stopped'] as const).map(needsAttention)).toEqual([false, false, false, false]);
  });
});
