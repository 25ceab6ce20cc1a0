/**
 * One handoff check as the driver runs it (agents.py calls `handoff_check` every
 * signal_interval while there are loop agents): read the repository, decide, remember. The
 * driver performs the returned actions; this never throws and never runs two checks at once.
 */

import type { FleetConfig } from '../config/types.js';
import type { WatchdogAction } from './actions.js';
import { decideHandoff, emptyHandoffState, handoffEnabled, handoffRepo, type HandoffState } from './handoff.js';
import { DEFAULT_GIT_LIMITS, readHandoffObservation, type GitLimits } from './handoff-git.js';
import { readHandoffState, writeHandoffState } from './handoff-state-file.js';

export class HandoffMonitor {
  /** null until the first check reads the state file */
  private state: HandoffState | null = null;
  private running = false;
  /** bumped by reset(), so a check that was reading meanwhile drops what it saw */
  private generation = 0;
  /** the problems last reported, so a repository that stays unreachable is logged once */
  private reported = '';

  constructor(
    private readonly statePath: string,
    private readonly limits: GitLimits = DEFAULT_GIT_LIMITS,
  ) {}

  /**
   * The pings due now, plus notes for problems (each reported once until it changes). Nothing
   * when the config has no [loop.handoff] or no enabled loop agent, or a check is running.
   */
  async check(config: FleetConfig): Promise<WatchdogAction[]> {
    const handoff = config.loop.handoff;
    if (!handoff || !handoffEnabled(config) || this.running) return [];
    this.running = true;
    const generation = this.generation;
    const problems: string[] = [];
    try {
      const before = this.load(problems);
      const read = await readHandoffObservation(handoffRepo(config), handoff, before.sha, this.limits);
      problems.push(...read.problems);
      if (generation !== this.generation) return [];
      const decision = decideHandoff(handoff, before, read.observation);
      this.state = decision.state;
      if (JSON.stringify(decision.state) !== JSON.stringify(before)) this.save(decision.state, problems);
      return [...this.report(problems), ...decision.actions];
    } catch (err) {
      return this.report([...problems, `handoff: ${(err as Error).message}`]);
    } finally {
      this.running = false;
    }
  }

  /**
   * Forget everything (agents.py's `handoff_reset`, after a phase moves on): the next check
   * takes a new baseline of origin/main and pings the inboxes it finds to the new loop agents.
   */
  reset(): WatchdogAction[] {
    this.generation++;
    this.state = emptyHandoffState();
    const problems: string[] = [];
    this.save(this.state, problems);
    return this.report(problems);
  }

  private load(problems: string[]): HandoffState {
    if (!this.state) {
      const { state, problem } = readHandoffState(this.statePath);
      if (problem) problems.push(problem);
      this.state = state;
    }
    return this.state;
  }

  private save(state: HandoffState, problems: string[]): void {
    try {
      writeHandoffState(this.statePath, state);
    } catch (err) {
      problems.push(`handoff: cannot save ${this.statePath}: ${(err as Error).message}`);
    }
  }

  private report(problems: string[]): WatchdogAction[] {
    const text = problems.join('\n');
    if (text === this.reported) return [];
    const was = this.reported;
    this.reported = text;
    if (!text) return [{ type: 'note', kind: 'handoff-ping', level: 'info', message: `handoff: checks work again (was: ${was.split('\n')[0]})` }];
    return problems.map((message) => ({ type: 'note', kind: 'handoff-ping', level: 'warn', message }));
  }
}
