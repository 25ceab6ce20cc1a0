import { afterEach, describe, expect, it } from 'vitest';
import { SessionHarness, waitForText } from './session-helpers.js';

let harness: SessionHarness;
afterEach(async () => {
  await harness.cleanup();
});

describe('a session hands costly output to its emulator in pieces (parse-feed.ts)', () => {
  it('the alternate screen toggled in a loop goes in pieces, and all of it arrives, in order', async () => {
    harness = new SessionHarness();
    // written in large blocks (256 toggles each), so the pty hands over KiBs at once; a numbered
    // line on the main screen after each block
    const session = harness.create(
      `u='\\033[?1049hX\\033[?1049lY'; b="$u$u$u$u$u$u$u$u"; b="$b$b$b$b$b$b$b$b"; i=0; while [ $i -lt 60 ]; do printf "$b$b$b$b\\r\\nL%d\\r\\n" $i; i=$((i+1)); done; printf 'DONE %s\\r\\n' $i; sleep 30`,
    );
    session.start();
    await waitForText(session, 'DONE 60', 60_000);
    expect(session.costlyPieces).toBeGreaterThan(0);
    const { total } = session.history(0, 0);
    const text = session.history(0, total).rows.join('\n');
    const numbered = [...text.matchAll(/^L(\d+)$/gm)].map((m) => Number(m[1]));
    expect(numbered).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // each block's Ys fill one row: leaving the alternate screen restores the cursor saved on
    // entering it, without the pending wrap, so past the last column each Y overwrites the one before
    const rows = text.split('\n');
    const before = numbered.map((n) => rows[rows.indexOf(`L${n}`) - 1]);
    expect(before).toEqual(Array(60).fill('Y'.repeat(80))); // the harness's 80 columns
  });

  it('a plain flood arrives whole and in order, cut or not', async () => {
    harness = new SessionHarness();
    const session = harness.create(`seq 1 30000; printf 'DONE\\r\\n'; sleep 30`);
    session.start();
    await waitForText(session, 'DONE', 60_000);
    const { total } = session.history(0, 0);
    const lines = session.history(0, total).rows.filter((r) => /^\d+$/.test(r)).map(Number);
    expect(lines.at(-1)).toBe(30000);
    expect(lines.every((n, i) => i === 0 || n === lines[i - 1]! + 1)).toBe(true);
  });

  it("held (another pane's echo goes first), no piece is handed over: the output read already waits too", async () => {
    harness = new SessionHarness();
    const session = harness.create(`while :; do printf '\\033[?1049hX\\033[?1049lY'; done`, { cpuBudget: { share: 1, burstMs: 1e9 } });
    session.start();
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    // each turn of the event loop hands one piece over while it is slicing
    while (session.costlyPieces < 5) await turns(1);
    session.holdOutput(60_000);
    await turns(2); // the piece with the emulator when the hold came finishes
    const held = session.costlyPieces;
    await turns(50);
    expect(session.costlyPieces).toBe(held);
    session.releaseOutput();
    while (session.costlyPieces <= held) await turns(1); // and it goes on at once after
  });
});
