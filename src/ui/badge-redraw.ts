/**
 * When the chrome is redrawn for badge changes (an agent's status moved). An ink render of the
 * chrome takes ~10 ms on the cockpit's only thread and leaves a screenful of garbage; status
 * events come in bursts (a fleet starting, floods going quiet) and a keystroke's echo that
 * arrives during a render waits for it. So badge changes are drawn together, a little later,
 * and not while the user is typing — unless typing goes on for longer than maxDelayMs.
 * A redraw for any other reason (a key, a resize) draws the badges too and cancels this one.
 */
import type { PacerClock } from './frame-pacer.js';

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BadgeRedrawTiming {
  /** gather the status changes of this long into one redraw */
  delayMs: number;
  /** input within this long means the user is typing: wait */
  typingMs: number;
  /** the longest a badge change waits, typing or not */
  maxDelayMs: number;
}

const BADGE_REDRAW_TIMING: BadgeRedrawTiming = { delayMs: 50, typingMs: 150, maxDelayMs: 2000 };

export class BadgeRedraw {
  private timer: unknown = null;
  private firstAt = 0;
  private lastInputAt = -Infinity;

  constructor(
    private readonly draw: () => void,
    private readonly clock: PacerClock = realClock,
    private readonly timing: BadgeRedrawTiming = BADGE_REDRAW_TIMING,
  ) {}

  /** Keys went to the cockpit. */
  noteInput(): void {
    this.lastInputAt = this.clock.now();
  }

  /** A badge changed. */
  request(): void {
    if (this.timer !== null) return;
    this.firstAt = this.clock.now();
    this.schedule(this.timing.delayMs);
  }

  /** The chrome was drawn anyway (with the badges as they are now). */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.fire(), ms);
  }

  private fire(): void {
    this.timer = null;
    // wait while the user types, but never past the longest wait
    const wait = Math.min(this.lastInputAt + this.timing.typingMs, this.firstAt + this.timing.maxDelayMs) - this.clock.now();
    if (wait > 0) this.schedule(wait);
    else this.draw();
  }
}
