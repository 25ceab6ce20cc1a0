/**
 * A Clock that only moves when told to. Timers fire in deadline order during advance(),
 * so a test can step through debounce and quiescence deadlines deterministically.
 */
import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** How many timers are waiting; 0 means whatever owns them is settled. */
  pendingCount(): number {
    return this.timers.length;
  }

  /** The earliest pending deadline, or null when nothing is scheduled. */
  nextDeadline(): number | null {
    return this.timers.reduce<number | null>((min, t) => (min === null || t.at < min ? t.at : min), null);
  }

  /** Move time forward by ms, firing every timer that falls due, in deadline order. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }
}
