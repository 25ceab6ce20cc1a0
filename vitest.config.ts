import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // ptys and child processes: keep parallelism modest on 2-core CI machines.
    maxWorkers: 2,
  },
});
