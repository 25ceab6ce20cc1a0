import { configDefaults, defineConfig } from 'vitest/config';
import { ALL_TESTS, E2E_TESTS, FAULT_TESTS, PTY_TESTS, REAL_CLI_TESTS, SOAK_TESTS } from './test/projects.js';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // ptys and child processes: keep parallelism modest on 2-core CI machines.
    maxWorkers: 2,
    // vitest's summary, then one plain `N passed, N failed` line for CI to read
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
    // which file runs where, and why: test/projects.ts
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [...ALL_TESTS],
          exclude: [...configDefaults.exclude, FAULT_TESTS, REAL_CLI_TESTS, ...PTY_TESTS, ...E2E_TESTS, ...SOAK_TESTS],
          setupFiles: ['./test/helpers/no-children.ts'],
          // one worker process for many files (each still imports src afresh: no-children.ts);
          // a process per file was most of the project's time
          isolate: false,
        },
      },
      // pure and seeded like unit, but long: not in `npm run test:unit`
      { extends: true, test: { name: 'soak', include: [...SOAK_TESTS], setupFiles: ['./test/helpers/no-children.ts'] } },
      { extends: true, test: { name: 'pty', include: [...PTY_TESTS] } },
      { extends: true, test: { name: 'e2e', include: [...E2E_TESTS] } },
      {
        // kill -9s, crash loops and a socket fuzzer: after the rest, so their figures
        // (RSS, CPU, time to recover) are not measured beside a full suite
        extends: true,
        test: {
          name: 'faults',
          include: [FAULT_TESTS],
          sequence: { groupOrder: 1 },
        },
      },
      // the installed claude and codex (test/real-clis/): opt in with HANGAR_REAL_CLIS=1
      // (`npm run test:real-clis`); without it the project does not exist, so `npm test` never runs them
      ...(process.env.HANGAR_REAL_CLIS === '1'
        ? [{ extends: true, test: { name: 'real', include: [REAL_CLI_TESTS], testTimeout: 120_000, hookTimeout: 120_000 } }]
        : []),
    ],
  },
});
