/**
 * The watchdog's heavy check (agents.py's heavy_interval): agents.toml read again — it is
 * authoritative — then the loop's phase (advance, complete, on_complete). Runs at start, every
 * heavy_interval seconds, and whenever the driver asks (a loop agent ended a turn). Never two
 * at once; re-armed after each run, so a slow one never piles up.
 */
import type { FleetPort } from './fleet-port.js';
import type { Clock } from '../base/clock.js';
import { MutableDisposable } from '../base/disposable.js';
import { timer } from '../base/timer.js';

export interface HeavyCheckOptions {
  fleet: FleetPort;
  clock: Clock;
  phases?: { check(now: number): Promise<unknown> };
  reloadConfig?: () => void;
}

export class HeavyCheck {
  private readonly timer = new MutableDisposable();
  private busy = false;
  private disposed = false;
  /** the last reload error, reported once until it changes */
  private reloadProblem = '';

  constructor(private readonly opts: HeavyCheckOptions) {}

  async run(): Promise<void> {
    if (this.disposed || this.busy) return;
    const { fleet, clock } = this.opts;
    this.busy = true;
    this.timer.value = undefined;
    try {
      this.reload();
      await this.opts.phases?.check(clock.now());
    } catch (err) {
      fleet.watchdogEvent('phase-advance', 'warn', `phase check failed: ${(err as Error).message}`);
    } finally {
      this.busy = false;
      if (!this.disposed) this.timer.value = timer(clock, fleet.currentConfig.watchdog.heavy_interval * 1000, () => void this.run());
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
    this.timer.dispose();
  }
}
