/**
 * How long the emulator spends parsing: xterm's input handler parses each chunk of the write
 * queue (after the plain-flood fast path, which sits in the same place); timing that call
 * counts one session's parsing and nothing else. The time is the process's CPU time
 * (process.cpuUsage), not the wall clock: on a busy machine a parse's wall time includes the
 * time the server was not running at all, which made the budget pace a flooding child for
 * seconds (seen in the full suite under load). The decisions made from it are not here
 * (cpu-budget.ts).
 */
import { toDisposable, type Disposable } from '../base/disposable.js';
import type { XtermInternals } from './xterm-internals.js';

/** `parsed(ms, units)`: a parse of `units` (bytes, or code units of a string) took `ms` of CPU time. */
export function timeParses(x: XtermInternals, parsed: (ms: number, units: number) => void): Disposable {
  const ih = x.inputHandler;
  const parse = ih.parse;
  ih.parse = (data, promiseResult) => {
    const start = process.cpuUsage();
    try {
      return parse.call(ih, data, promiseResult);
    } finally {
      const used = process.cpuUsage(start);
      parsed((used.user + used.system) / 1000, data.length);
    }
  };
  return toDisposable(() => {
    ih.parse = parse;
  });
}
