/**
 * Input from the terminal into the router and out as actions, one chunk after the other. The
 * router stops after each command: the command runs (and may change the view, so the router's
 * mode: an overlay, history, a search line) before the keys typed after it are read.
 */
import type { InputAction, InputRouter } from './input/index.js';

export class InputPump {
  private queue: Promise<void> = Promise.resolve();
  private escapeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly router: InputRouter,
    private readonly handle: (actions: InputAction[]) => Promise<void>,
    private readonly failed: (err: unknown) => void,
  ) {}

  /** A chunk from the terminal, handled after the ones before it. */
  input(chunk: string): void {
    this.enqueue(() => this.route(chunk));
  }

  dispose(): void {
    if (this.escapeTimer) clearTimeout(this.escapeTimer);
    this.escapeTimer = null;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch(this.failed);
  }

  private async route(chunk: string): Promise<void> {
    this.dispose();
    let actions = this.router.feed(chunk);
    for (;;) {
      await this.handle(actions);
      if (!this.router.stopped) break;
      actions = this.router.resume();
    }
    const wait = this.router.pendingMs();
    // nothing followed a held ESC: it is the Escape key after all (a chunk that comes first clears this timer)
    if (wait !== null) this.escapeTimer = setTimeout(() => void this.handle(this.router.flush()).catch(this.failed), wait);
  }
}
