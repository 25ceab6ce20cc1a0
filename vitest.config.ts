import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // ptys and child processes: keep parallelism modest on 2-core CI machines.
    maxWorkers: 2,
    // vitest's summary, then one plain `N passed, N failed` line for CI to read
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
  },
});
