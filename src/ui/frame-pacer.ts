/**
 * When the cockpit draws its next frame. An urgent change — the focused pane's echo, the
 * effect of a key — is drawn on a microtask: after every message of the socket chunk that
 * brought it has been applied, but without waiting for a turn of the event loop. Anything
 * else (panes the user is not typing in, a flood, badge changes) is drawn in a paced frame,
 * at most once per interval, so a busy fleet costs a bounded number of frames, each showing
 * the latest state. An urgent frame does not take the paced one's place: the other panes'
 * rows (held back by PaneScreens until a paced frame) keep their slot, and an echo's frame
 * carries only what the key changed.
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
  private lastPacedAt = -Infinity;
  private queued = false;
  private pacedDue = false;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly draw: (paced: boolean) => void,
    private readonly clock: PacerClock = realClock,
    private readonly intervalMs = FRAME_INTERVAL_MS,
  ) {}

  /** Something on screen changed; `urgent` when the user is waiting for it. */
  request(urgent: boolean): void {
    if (this.stopped) return;
    if (urgent) return this.soon();
    if (this.pacedDue || this.timer !== null) return; // a paced frame is coming
    const wait = this.lastPacedAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.pacedDue = true;
      this.soon();
    } else {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.pacedDue = true;
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

  private soon(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => this.run());
  }

  private run(): void {
    this.queued = false;
    if (this.stopped) return;
    const paced = this.pacedDue;
    this.pacedDue = false;
    if (paced) this.lastPacedAt = this.clock.now();
    this.draw(paced);
  }
}
