/**
 * How long the emulator spends parsing: xterm's input handler parses each chunk of the write
 * queue (after the plain-flood fast path, which sits in the same place); timing that call
 * counts one session's parsing and nothing else. The time is real (performance.now), the
 * decisions made from it are not here (cpu-budget.ts).
 */
import { performance } from 'node:perf_hooks';
import { toDisposable, type Disposable } from './disposable.js';
import type { XtermInternals } from './xterm-internals.js';

export function timeParses(x: XtermInternals, parsed: (ms: number) => void): Disposable {
  const ih = x.inputHandler;
  const parse = ih.parse;
  ih.parse = (data, promiseResult) => {
    const start = performance.now();
    try {
      return parse.call(ih, data, promiseResult);
    } finally {
      parsed(performance.now() - start);
    }
  };
  return toDisposable(() => {
    ih.parse = parse;
  });
}
