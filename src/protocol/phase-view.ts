/**
 * The loop's phases as `phase` answers them (watchdog/phase-report.ts builds it): every phase
 * with its status file and DONE verdict, the current one, on_complete's trigger.
 */

export interface PhaseReportEntry {
  /** 0-based, as `hangar phase set N` takes it */
  index: number;
  id: string;
  plan: string;
  /** the status file as configured, and where it was looked for */
  status: string;
  statusPath: string;
  statusExists: boolean;
  done: boolean;
  /** the DONE line and its body, or why the phase is not done */
  detail: string;
  current: boolean;
  models: Record<string, string>;
}

export interface PhaseReport {
  phases: PhaseReportEntry[];
  /** null when no phases are configured */
  current: number | null;
  complete: boolean;
  autoAdvance: boolean;
  doneMarker: string;
  loopAgents: string[];
  indexFile: string;
  onComplete: { run: string | null; triggerFile: string; armed: boolean } | null;
}
