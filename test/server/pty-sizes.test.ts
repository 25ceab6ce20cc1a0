import { describe, expect, it } from 'vitest';
import { PtySizes } from '../../src/server/pty-sizes.js';

describe('PtySizes', () => {
  it('gives each pty the smallest size its clients ask for, per dimension', () => {
    const sizes = new PtySizes();
    expect(sizes.set(1, 'a', { cols: 200, rows: 40 })).toEqual({ cols: 200, rows: 40 });
    expect(sizes.set(2, 'a', { cols: 120, rows: 60 })).toEqual({ cols: 120, rows: 40 });
    expect(sizes.set(2, 'b', { cols: 80, rows: 20 })).toEqual({ cols: 80, rows: 20 });
  });

  it('lets a pty grow back when the smaller client leaves, and forgets sessions nobody sizes', () => {
    const sizes = new PtySizes();
    sizes.set(1, 'a', { cols: 200, rows: 50 });
    sizes.set(2, 'a', { cols: 100, rows: 30 });
    sizes.set(2, 'b', { cols: 90, rows: 20 });
    expect(sizes.drop(2)).toEqual([{ name: 'a', size: { cols: 200, rows: 50 } }]);
    expect(sizes.effective('b')).toBeNull();
    expect(sizes.drop(9)).toEqual([]);
  });
});
