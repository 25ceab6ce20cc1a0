import { afterEach, describe, expect, it } from 'vitest';
import { SessionHarness, waitForText } from './session-helpers.js';

let harness: SessionHarness;
afterEach(async () => {
  await harness.cleanup();
});

describe('a session past its CPU share is paced', () => {
  it('a child toggling the alternate screen in a loop has its pty read less often; its output still arrives', async () => {
    harness = new SessionHarness();
    // a tiny budget, so a few ms of parsing use it up (the defaults are tested on a fake clock)
    const session = harness.create(
      `i=0; while [ $i -lt 3000 ]; do printf '\\033[?1049hX\\033[?1049lY'; i=$((i+1)); done; printf '\\r\\nDONE\\r\\n'; sleep 30`,
      { cpuBudget: { share: 0.2, burstMs: 5 } },
    );
    const paced: number[] = [];
    session.onPaced((ms) => paced.push(ms));
    session.start();
    await waitForText(session, 'DONE', 60_000);
    expect(paced.length).toBeGreaterThan(0);
    console.log(`paced ${paced.length} times, ${paced.reduce((a, b) => a + b, 0)} ms in all`);
  });

  it('a plain child within its share is never paced', async () => {
    harness = new SessionHarness();
    const session = harness.create(`printf 'one\\r\\ntwo\\r\\nDONE\\r\\n'; sleep 30`);
    const paced: number[] = [];
    session.onPaced((ms) => paced.push(ms));
    session.start();
    await waitForText(session, 'DONE');
    expect(paced).toEqual([]);
  });
});
