import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKeyTrace, traceNow } from '../base/key-trace.js';
import { hopTable, keyPaths, parseMarks, pausesInTail, renderHopTable, tailTable, type KeyMark, type KeyPath } from './key-hops.js';

/**
 * `npm run bench -- --trace`: every process of the run (this one, and through HANGAR_KEY_TRACE
 * every cockpit and server it starts) marks each key's hops into `dir`; each echo run is a
 * window, reported hop by hop once the workbenches have closed (their last marks are written
 * on exit).
 */
export class KeyTraceRun {
  private readonly windows: Array<{ label: string; from: number; to: number }> = [];

  constructor(private readonly dir: string) {
    process.env.HANGAR_KEY_TRACE = dir;
    startKeyTrace(dir);
  }

  /** Run one echo measurement as a window named `label`. */
  async window<T>(label: string, run: () => Promise<T>): Promise<T> {
    const from = traceNow();
    try {
      return await run();
    } finally {
      this.windows.push({ label, from, to: traceNow() });
    }
  }

  report(): string[] {
    const marks: KeyMark[] = readdirSync(this.dir)
      .filter((f) => f.endsWith('.tsv'))
      .flatMap((f) => parseMarks(readFileSync(join(this.dir, f), 'utf8')));
    const lines: string[] = [];
    const together = new Map<string, KeyPath[]>();
    for (const w of this.windows) {
      const paths = keyPaths(marks, w.from, w.to);
      lines.push(`${w.label}: ${paths.length} keys, each hop from the one before it`);
      lines.push(...breakdown(paths, marks));
      // the same run of every round, together (what docs/PERFORMANCE.md shows)
      const run = w.label.replace(/ round \d+:/, ':');
      together.set(run, [...(together.get(run) ?? []), ...paths]);
    }
    if (this.windows.length > together.size) {
      for (const [run, paths] of together) {
        lines.push(`${run}, every round: ${paths.length} keys`);
        lines.push(...breakdown(paths, marks));
      }
    }
    return lines;
  }
}

/** The hops of these keys, then those of the slowest 1 % and the GC pauses within them. */
function breakdown(paths: KeyPath[], marks: KeyMark[]): string[] {
  const gc = pausesInTail(paths, marks);
  return [
    ...renderHopTable(hopTable(paths)).map((l) => `  ${l}`),
    `  the slowest 1 % of keys, the same hops:`,
    ...renderHopTable(tailTable(paths)).map((l) => `    ${l}`),
    `    of these ${gc.keys} keys, ${gc.overlapped} overlap a GC pause of the bench, the cockpit or the server: ${gc.pauseMs.toFixed(1)} of their ${gc.wholeMs.toFixed(1)} ms`,
  ];
}
