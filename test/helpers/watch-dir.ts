import { watch } from 'node:fs';

/**
 * Resolve once `check()` returns a value (not undefined), looking again at every change in
 * `dir` (fs.watch: no polling); reject after timeoutMs with what `describe()` says.
 */
export function whenDir<T>(dir: string, check: () => T | undefined, timeoutMs: number, describe: () => string = () => ''): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      watcher.close();
      fn();
    };
    const look = () => {
      try {
        const found = check();
        if (found !== undefined) finish(() => resolve(found));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const watcher = watch(dir, look);
    const timer = setTimeout(() => finish(() => reject(new Error(`gave up waiting on ${dir} after ${timeoutMs} ms: ${describe()}`))), timeoutMs);
    look();
  });
}
