import { describe, expect, it } from 'vitest';
import { CPU_BURST_MS, CPU_SHARE, CpuBudget } from '../../src/session/cpu-budget.js';
import { ManualClock } from '../../src/base/manual-clock.js';

describe('CpuBudget', () => {
  it('defaults: a fifth of a core, sustained; a burst of 1 s of parsing goes through', () => {
    expect([CPU_SHARE, CPU_BURST_MS]).toEqual([0.2, 1000]);
    const clock = new ManualClock(0);
    const budget = new CpuBudget(clock);
    // a million-line flood: ~0.7 s of parsing in 0.7 s
    for (let t = 0; t < 700; t += 10) {
      clock.advance(10);
      expect(budget.spend(10)).toBe(0);
    }
  });

  it('sustained parsing past the share waits until the share has caught up', () => {
    const clock = new ManualClock(0);
    const budget = new CpuBudget(clock, { share: 0.5, burstMs: 100 });
    expect(budget.spend(100)).toBe(0); // the burst, all at once
    expect(budget.spend(10)).toBe(20); // 10 ms over: 20 ms at half a core
    clock.advance(20);
    expect(budget.spend(0)).toBe(0);
    // busy for 1 s at full speed, paced as told: about half of it is spent parsing
    let parsing = 0;
    const end = clock.now() + 1000;
    while (clock.now() < end) {
      const wait = budget.spend(5);
      parsing += 5;
      clock.advance(5 + wait);
    }
    expect(parsing).toBeGreaterThan(450);
    expect(parsing).toBeLessThan(560);
  });

  it('credit refills at the share up to the burst, never beyond', () => {
    const clock = new ManualClock(0);
    const budget = new CpuBudget(clock, { share: 0.5, burstMs: 100 });
    expect(budget.spend(100)).toBe(0);
    clock.advance(100_000); // idle for long: back to the burst, not to 50 s of credit
    expect(budget.spend(100)).toBe(0);
    expect(budget.spend(1)).toBe(2);
  });
});
