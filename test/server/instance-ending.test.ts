import { describe, expect, it } from 'vitest';
import { endsATurn } from '../../src/server/finished-turn.js';
import { closingStatus } from '../../src/server/instance-ending.js';

describe('how a run brought down ends', () => {
  it('is stopped when no worker was ended with a verdict', () => {
    expect(closingStatus([])).toBe('stopped');
  });

  it('is completed when every worker last ended completed, failed as soon as one did not', () => {
    expect(closingStatus([{ name: 'a', verdict: 'completed' }, { name: 'b', verdict: 'completed' }])).toBe('completed');
    expect(closingStatus([{ name: 'a', verdict: 'completed' }, { name: 'b', verdict: 'failed' }])).toBe('failed');
  });

  it("counts each worker's last verdict: one judged again is judged by the later one", () => {
    expect(closingStatus([{ name: 'a', verdict: 'failed' }, { name: 'a', verdict: 'completed' }])).toBe('completed');
    expect(closingStatus([{ name: 'a', verdict: 'completed' }, { name: 'a', verdict: 'failed' }])).toBe('failed');
  });

  it('counts a turn where an agent stops working and waits', () => {
    expect(endsATurn('working', 'idle')).toBe(true);
    expect(endsATurn('working', 'needs-input')).toBe(true);
    expect(endsATurn('starting', 'idle')).toBe(false);
    expect(endsATurn('working', 'crashed')).toBe(false);
    expect(endsATurn('idle', 'working')).toBe(false);
  });
});
