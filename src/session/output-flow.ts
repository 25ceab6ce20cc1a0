/**
 * Flow control between a pty and its emulator: reading from the pty stops while the emulator
 * has more than HIGH_WATER_BYTES of output queued, and starts again once it is down to
 * LOW_WATER_BYTES. A flooding child then waits in the kernel (as under tmux) instead of
 * piling megabytes into the emulator's queue, and each turn of the server's event loop
 * parses a bounded amount — so a keystroke's echo in another pane is never stuck behind a
 * long parse of someone else's flood.
 */
export const HIGH_WATER_BYTES = 32 * 1024;
export const LOW_WATER_BYTES = 8 * 1024;

export interface FlowTarget {
  pause(): void;
  resume(): void;
}

export class OutputFlow {
  private queuedBytes = 0;
  private paused = false;

  constructor(private readonly target: FlowTarget) {}

  /** Bytes read from the pty and handed to the emulator. */
  queued(bytes: number): void {
    this.queuedBytes += bytes;
    if (!this.paused && this.queuedBytes > HIGH_WATER_BYTES) {
      this.paused = true;
      this.target.pause();
    }
  }

  /** Bytes the emulator has finished parsing. */
  parsed(bytes: number): void {
    this.queuedBytes -= bytes;
    if (this.paused && this.queuedBytes <= LOW_WATER_BYTES) {
      this.paused = false;
      this.target.resume();
    }
  }

  get isPaused(): boolean {
    return this.paused;
  }
}
