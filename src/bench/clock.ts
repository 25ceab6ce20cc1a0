/** Time as the scenarios see it; injectable so their logic can be tested without waiting. */
export interface BenchClock {
  /** milliseconds, monotonic */
  now(): number;
  /** a deliberate wait (the CPU window, documented settle periods) — never used to wait for output */
  sleep(ms: number): Promise<void>;
}

export const realClock: BenchClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
