/**
 * A keystroke's way through hangar, timed at each hop (issue 17's per-hop breakdown): when
 * HANGAR_KEY_TRACE names a folder, each process (bench, cockpit, server) notes when a key
 * passes one of its hops and appends the marks to `<folder>/<pid>.tsv` (time in ms on the
 * system's monotonic clock, which every process shares, a tab, the hop's name). Off — the
 * normal case — a mark is one test of a boolean. `npm run bench -- --trace` turns it on and
 * reads the files back (bench/key-hops.ts).
 *
 * Marks for one session only: output is marked for the session that last took input (the
 * key's), so a flooding neighbour does not fill the file.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const FLUSH_MS = 500;
/** The hop name of a garbage collection's pause, followed by its length in ms and its kind. */
export const GC_MARK = 'gc';
/** perf_hooks' gc kinds (NODE_PERFORMANCE_GC_*) */
const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak-callbacks' };

let file: string | null = null;
let marks: string[] = [];
let focus: string | null = null;

/** The folder the marks go to; null when tracing is off. */
function keyTraceDir(): string | null {
  return process.env.HANGAR_KEY_TRACE || null;
}

function flush(): void {
  if (file === null || marks.length === 0) return;
  const text = marks.join('');
  marks = [];
  try {
    appendFileSync(file, text);
  } catch {
    file = null; // the folder went away: tracing ends, the process goes on
  }
}

/** Start tracing into `dir` (the bench's own process; the others read HANGAR_KEY_TRACE at load). */
export function startKeyTrace(dir: string): void {
  if (file !== null) return;
  file = join(dir, `${process.pid}.tsv`);
  setInterval(flush, FLUSH_MS).unref();
  // V8's pauses too, each a mark at its start: `gc <ms> <kind>` (bench/key-hops.ts counts the slow keys they overlap)
  const origin = traceNow() - performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      marks.push(`${(origin + entry.startTime).toFixed(3)}\t${GC_MARK} ${entry.duration.toFixed(3)} ${kind}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('exit', flush);
}

const fromEnv = keyTraceDir();
if (fromEnv !== null) startKeyTrace(fromEnv);

/** Now on the monotonic clock every process shares (uv_hrtime), in ms. */
export function traceNow(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A time taken with performance.now(), on the trace's clock. */
export function traceTimeOf(performanceMs: number): number {
  return traceNow() - (performance.now() - performanceMs);
}

/** A key passed `hop`. */
export function markKey(hop: string, at: number = file === null ? 0 : traceNow()): void {
  if (file === null) return;
  marks.push(`${at.toFixed(3)}\t${hop}\n`);
}

/** Input went to session `name`: its output is the one marked from now on. */
export function focusKeyTrace(name: string): void {
  if (file !== null) focus = name;
}

/** Session `name` passed `hop` (marked only for the session the last key went to). */
export function markSession(name: string, hop: string): void {
  if (file !== null && name === focus) markKey(hop);
}
