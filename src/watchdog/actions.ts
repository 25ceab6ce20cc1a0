/**
 * What the watchdog's pure decisions ask for. Every decision module in this folder is a pure
 * function of (observation, now, state) → { state, actions }; the driver (watchdog.ts) feeds
 * it events and timers and performs these actions against the fleet. Nothing here touches a
 * pty, a file or the clock, which is what lets a six-hour usage-limit wait run in a
 * millisecond under a fake clock.
 */

/** Why the watchdog acted, as one word for scripts (`hangar events --json`) and the cockpit. */
export type WatchdogEventKind =
  | 'restart' // heal: process exited, wrong process, fatal_re, stall
  | 'give-up' // restart budget spent: the agent stays crashed
  | 'launch-failed' // its program is not there (exit 127/126 as it started): crashed at once
  | 'stall' // idle past stall_idle
  | 'waiting' // a WAITING-UNTIL marker postpones the stall check
  | 'limit-hold' // usage-limit banner seen: hold, no restarts
  | 'limit-probe' // resume nudge sent at reset (+slack) or on the fallback interval
  | 'limit-warn' // still limited after several probes
  | 'limit-clear' // banner gone or the agent works again
  | 'usage' // its session file says the usage window is past 80 %
  | 'budget' // it (or the fleet) spent 80 % of its budget_usd
  | 'budget-hold' // its budget (or the fleet's) is spent: nothing is typed into it
  | 'budget-lift' // raised (hangar budget --raise, a higher budget_usd): the hold is over
  | 'wake' // wake prompt delivered
  | 'wake-defer' // wake due but the agent is busy
  | 'wake-skip' // wake due but its prompt file is missing
  | 'handoff-ping' // a claim/review commit or an inbox change pinged its target
  | 'phase-done' // the phase's status file says DONE
  | 'phase-advance' // loop agents restarted on the next phase
  | 'phase-complete' // the last phase is done; sequence-complete marker written
  | 'on-complete' // the on_complete task agent launched
  | 'watcher' // a watcher's nudge typed (watchers/: the watcher's own decisions are its events)
  | 'unclean-exit'; // the last server ended without `down` (recorded by the next one)

export type WatchdogAction =
  /** stop (if running) and start the member again; counts against the restart budget */
  | { type: 'restart'; name: string; reason: string }
  /** start a member that is not running (on_complete task, loop agents after a phase move) */
  | { type: 'start'; name: string; reason: string }
  /** stop a member on purpose */
  | { type: 'stop'; name: string; reason: string }
  /** type a message into an idle agent and submit it (wake prompt, limit nudge, handoff ping) */
  | { type: 'send'; name: string; text: string; reason: string }
  /**
   * show a status the screen cannot tell ('crashed' after the budget, 'stalled', 'limited'
   * with its reset time), or clear it with null
   */
  /** `source`: what decided it, for status_source (default: the watchdog reading the screen) */
  | { type: 'mark'; name: string; status: 'crashed' | 'stalled' | 'limited' | null; detail?: string; until?: number; source?: 'session-file' }
  /** record what was decided (every action is recorded too; this is for decisions with no effect) */
  | { type: 'note'; name?: string; kind: WatchdogEventKind; level: 'info' | 'warn'; message: string };

/** The result of every pure decision in this folder. */
export interface Decision<S> {
  state: S;
  actions: WatchdogAction[];
}
