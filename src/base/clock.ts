/**
 * Time as a dependency. Every timer in the session layer (and the watchdog above it) goes
 * through a Clock so tests can drive hours of waiting with a manual clock in microseconds.
 */

/** Opaque handle returned by Clock.setTimeout. */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch (or any monotonic origin the clock chooses). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock: Date.now and the global timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
