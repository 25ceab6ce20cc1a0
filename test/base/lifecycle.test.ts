import { describe, expect, it } from 'vitest';
import { DisposableStore, MutableDisposable, toDisposable } from '../../src/base/disposable.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { timer } from '../../src/base/timer.js';

describe('base/ lifecycle', () => {
  it('a MutableDisposable releases the value it replaces, and the one it holds when disposed', () => {
    const released: string[] = [];
    const slot = new MutableDisposable();
    slot.value = toDisposable(() => released.push('a'));
    slot.value = toDisposable(() => released.push('b'));
    expect(released).toEqual(['a']);
    slot.dispose();
    expect(released).toEqual(['a', 'b']);
    expect(slot.value).toBeUndefined();
  });

  it('a timer is a Disposable: disposing it cancels it, and a store releases its timers', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const store = new DisposableStore();
    store.add(timer(clock, 100, () => fired.push('kept')));
    const cancelled = timer(clock, 50, () => fired.push('cancelled'));
    cancelled.dispose();
    clock.advance(100);
    expect(fired).toEqual(['kept']);
    store.add(timer(clock, 10, () => fired.push('late')));
    store.dispose();
    expect(clock.pendingCount()).toBe(0);
    clock.advance(100);
    expect(fired).toEqual(['kept']);
  });
});
