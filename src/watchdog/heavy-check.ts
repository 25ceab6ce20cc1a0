/**
 * The watchdog's heavy check (agents.py's heavy_interval): agents.toml read again — it is
 * authoritative — then the loop's phase (advance, complete, on_complete). Runs at start, every
 * heavy_interval seconds, and whenever the driver asks (a loop agent ended a turn). Never two
 * at once; re-armed after each run, so a slow one never piles up.
 */
import type { Fleet } from '../fleet/fleet.js';
import type { Clock, TimerHandle } from '../base/clock.js';

export interface HeavyCheckOptions {
  fleet: Fleet;
  clock: Clock;
  phases?: { check(now: number): Promise<unknown> };
  reloadConfig?: () => void;
}

export class HeavyCheck {
  private timer: TimerHandle | null = null;
  private busy = false;
  private disposed = false;
  /** the last reload error, reported once until it changes */
  private reloadProblem = '';

  constructor(private readonly opts: HeavyCheckOptions) {}

  async run(): Promise<void> {
    if (this.disposed || this.busy) return;
    const { fleet, clock } = this.opts;
    this.busy = true;
    if (this.timer !== null) clock.clearTimeout(this.timer);
    this.timer = null;
    try {
      this.reload();
      await this.opts.phases?.check(clock.now());
    } catch (err) {
      fleet.watchdogEvent('phase-advance', 'warn', `phase check failed: ${(err as Error).message}`);
    } finally {
      this.busy = false;
      if (!this.disposed) this.timer = clock.setTimeout(() => void this.run(), fleet.currentConfig.watchdog.heavy_interval * 1000);
    }
  }

  private reload(): void {
    if (!this.opts.reloadConfig) return;
    try {
      this.opts.reloadConfig();
      this.reloadProblem = '';
    } catch (err) {
      const problem = (err as Error).message;
      if (problem !== this.reloadProblem) this.opts.fleet.watchdogEvent('config', 'warn', `agents.toml did not load; keeping the last good config:\n${problem}`);
      this.reloadProblem = problem;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
  }
}
