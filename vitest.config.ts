import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // ptys and child processes: keep parallelism modest on 2-core CI machines.
    maxWorkers: 2,
    // vitest's summary, then one plain `N passed, N failed` line for CI to read
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'test/faults/**'],
        },
      },
      {
        // kill -9s, crash loops and a socket fuzzer: after the rest, so their figures
        // (RSS, CPU, time to recover) are not measured beside a full suite
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
