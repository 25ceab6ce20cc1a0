/**
 * When the cockpit draws its next frame. An urgent change — the focused pane's echo, the
 * effect of a key — is drawn on a microtask: after every message of the socket chunk that
 * brought it has been applied, but without waiting for a turn of the event loop. Anything
 * else (panes the user is not typing in, a flood, badge changes) is drawn at most once per
 * interval, so a busy fleet costs a bounded number of frames, each showing the latest state.
 */

/** Time as the pacer needs it (the real timers by default; a fake clock in tests). */
export interface PacerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** At most one frame per interval for changes that are not urgent (~30 a second: the other panes; the focused one is drawn at once). */
export const FRAME_INTERVAL_MS = 33;

export class FramePacer {
  private lastAt = -Infinity;
  private queued = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly draw: () => void,
    private readonly clock: PacerClock = realClock,
    private readonly intervalMs = FRAME_INTERVAL_MS,
  ) {}

  /** Something on screen changed; `urgent` when the user is waiting for it. */
  request(urgent: boolean): void {
    if (this.queued || this.stopped) return;
    const wait = urgent ? 0 : this.lastAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.queued = true;
      queueMicrotask(() => this.run());
    } else if (this.timer === null) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.run();
      }, wait);
    }
  }

  /** No more frames (the cockpit ended). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.queued = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    this.lastAt = this.clock.now();
    this.draw();
  }
}
