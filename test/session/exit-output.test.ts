import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionHarness, waitForExit, waitForScreen } from './session-helpers.js';

let harness = new SessionHarness();
afterEach(async () => {
  await harness.cleanup();
  harness = new SessionHarness();
});

describe('output written just before exit', () => {
  // Without the slave-side hold (pty-output-guard.ts), node-pty alone lost the tail of a
  // 3000-line burst in about 1 of 4 runs here; 8 runs catch a regression ~90% of the time.
  it('reaches the log and the screen in every one of 8 runs', async () => {
    const burst = `i=1; while [ $i -le 3000 ]; do echo line $i; i=$((i+1)); done`;
    for (let run = 0; run < 8; run++) {
      const session = harness.start(burst, { rows: 10, scrollback: 50, logPath: `${harness.dir}/run${run}.log` });
      await waitForExit(session);
      await session.logFlushed();
      const log = readFileSync(`${harness.dir}/run${run}.log`, 'utf8');
      expect(log.endsWith('line 3000\r\n'), `run ${run}: log ends ${JSON.stringify(log.slice(-20))}`).toBe(true);
      await waitForScreen(session, () => session.tail(1)[0] === 'line 3000');
      session.dispose();
    }
  });
});
