/** Cancels a scheduled callback; calling it twice is harmless. */
export type CancelTimer = () => void;

/** Time as the demo agent sees it, so tests can move it by hand. */
export interface Clock {
  now(): number;
  /** Run `callback` once after `ms`. */
  schedule(callback: () => void, ms: number): CancelTimer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
