/**
 * Flow control between a pty and its emulator: reading from the pty stops while the emulator
 * has more than HIGH_WATER_BYTES of output queued, and starts again once it is down to
 * LOW_WATER_BYTES. A flooding child then waits in the kernel (as under tmux) instead of
 * piling megabytes into the emulator's queue, and each turn of the server's event loop
 * parses a bounded amount — so a keystroke's echo in another pane is never stuck behind a
 * long parse of someone else's flood. Reading can also be held for a moment from outside
 * (hold/release: another session's echo goes first, see server/echo-priority.ts), and paced:
 * a session that spent its share of the server's CPU waits a little (pace, see cpu-budget.ts).
 * Held or paced, the output already read waits too (`gate`: the session's ParseFeed stops
 * handing pieces to the emulator), or a hold would not free the server's thread and a pace
 * would not bound the session's CPU: what was read before can be ~180 ms of parsing.
 */
import { systemClock, type Clock, type TimerHandle } from '../base/clock.js';

export const HIGH_WATER_BYTES = 32 * 1024;
export const LOW_WATER_BYTES = 8 * 1024;
/**
 * Holds from outside that follow each other closely count as one; one that has lasted this
 * long is not renewed until reading has gone on for HOLD_GAP_MS. A held child keeps running
 * and may exit: node-pty drops what it has not read 200 ms after the exit.
 */
export const MAX_HOLD_MS = 100;
export const HOLD_GAP_MS = 15;

export interface FlowTarget {
  pause(): void;
  resume(): void;
}

export class OutputFlow {
  private queuedBytes = 0;
  /** paused because the emulator is behind */
  private paused = false;
  /** held from outside until this timer (or release()) */
  private held: TimerHandle | null = null;
  /** paced until this timer */
  private paced: TimerHandle | null = null;
  /** when the current run of holds began, and when the last one ended */
  private holdsSince = 0;
  private releasedAt = -Infinity;
  private gateOpen = true;

  constructor(
    private readonly target: FlowTarget,
    private readonly clock: Clock = systemClock,
    /** told when output read already may be parsed (false: held or paced) */
    private readonly gate: (open: boolean) => void = () => undefined,
  ) {}

  /** Stop reading for at most `ms` (or until release()); refused after MAX_HOLD_MS of holds. */
  hold(ms: number): void {
    const now = this.clock.now();
    if (this.held === null && now - this.releasedAt >= HOLD_GAP_MS) this.holdsSince = now;
    const left = this.holdsSince + MAX_HOLD_MS - now;
    if (left <= 0) return this.release();
    const was = this.reading;
    if (this.held !== null) this.clock.clearTimeout(this.held);
    this.held = this.clock.setTimeout(() => this.release(), Math.min(ms, left));
    this.sync(was);
  }

  release(): void {
    if (this.held === null) return;
    const was = this.reading;
    this.clock.clearTimeout(this.held);
    this.held = null;
    this.releasedAt = this.clock.now();
    this.sync(was);
  }

  /** Stop reading for `ms` (a later call sets a new end); release() does not end it. */
  pace(ms: number): void {
    const was = this.reading;
    if (this.paced !== null) this.clock.clearTimeout(this.paced);
    this.paced = this.clock.setTimeout(() => {
      const before = this.reading;
      this.paced = null;
      this.sync(before);
    }, ms);
    this.sync(was);
  }

  /** Bytes read from the pty and handed to the emulator. */
  queued(bytes: number): void {
    this.queuedBytes += bytes;
    if (!this.paused && this.queuedBytes > HIGH_WATER_BYTES) {
      const was = this.reading;
      this.paused = true;
      this.sync(was);
    }
  }

  /** Bytes the emulator has finished parsing. */
  parsed(bytes: number): void {
    this.queuedBytes -= bytes;
    if (this.paused && this.queuedBytes <= LOW_WATER_BYTES) {
      const was = this.reading;
      this.paused = false;
      this.sync(was);
    }
  }

  /** Ends a pace (for dispose: no timer left behind). */
  stopPacing(): void {
    if (this.paced === null) return;
    const was = this.reading;
    this.clock.clearTimeout(this.paced);
    this.paced = null;
    this.sync(was);
  }

  /** Not reading (behind, held or paced). */
  get isPaused(): boolean {
    return !this.reading;
  }

  private get reading(): boolean {
    return !this.paused && this.held === null && this.paced === null;
  }

  /** Whether output read already may be parsed: not while held or paced. */
  get isOpen(): boolean {
    return this.held === null && this.paced === null;
  }

  /** Tell the pty when reading starts or stops, and the gate when it opens or closes; only then. */
  private sync(was: boolean): void {
    if (this.isOpen !== this.gateOpen) {
      this.gateOpen = this.isOpen;
      this.gate(this.gateOpen);
    }
    const now = this.reading;
    if (was && !now) this.target.pause();
    else if (!was && now) this.target.resume();
  }
}
