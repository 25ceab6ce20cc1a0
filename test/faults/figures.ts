/**
 * What the fault suite measures and prints as it goes: a process's memory and CPU time read
 * from /proc, and how long a recovery took. Figures only — nothing here is asserted on; the
 * targets live in the bench (`npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessFigures {
  /** resident set size now, MB */
  rssMb: number;
  /** the highest resident set size the process had, MB (VmHWM) */
  peakRssMb: number;
  /** user + system CPU time since it started, ms */
  cpuMs: number;
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ: what /proc/PID/stat counts in on Linux

export function processFigures(pid: number): ProcessFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  // the fields after the command name (which may hold spaces) in its parentheses
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S };
}

/** The pid of a fleet's server, from `<log_dir>/server.pid`. */
export function serverPid(logDir: string): number {
  return (JSON.parse(readFileSync(join(logDir, 'server.pid'), 'utf8')) as { pid: number }).pid;
}

/** One line of figures for a scenario, e.g. `[faults] crash loop: peak RSS 71.2 MB, …`. */
export function printFigures(scenario: string, figures: Record<string, string | number>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(1)) : v}`)
    .join(', ');
  console.log(`[faults] ${scenario}: ${text}`);
}

/** The server's figures as one record for printFigures. */
export function serverFigures(pid: number): Record<string, string> {
  const f = processFigures(pid);
  return { 'server RSS': `${f.rssMb.toFixed(1)} MB`, 'peak RSS': `${f.peakRssMb.toFixed(1)} MB`, 'CPU': `${Math.round(f.cpuMs)} ms` };
}
