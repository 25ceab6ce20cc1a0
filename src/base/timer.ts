/**
 * A one-shot timer on a Clock as a Disposable, so whoever owns it can register it like any
 * other releasable thing: disposing it cancels it (a no-op once it has fired).
 */
import type { Clock } from './clock.js';
import { toDisposable, type Disposable } from './disposable.js';

export function timer(clock: Clock, ms: number, fn: () => void): Disposable {
  const handle = clock.setTimeout(fn, Math.max(0, ms));
  return toDisposable(() => clock.clearTimeout(handle));
}
