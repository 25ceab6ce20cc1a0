import { describe, expect, it } from 'vitest';
import { KEY_HOPS, hopTable, keyPaths, parseMarks, pausesInTail, tailTable } from '../../src/bench/key-hops.js';

/** A key typed at `t` whose hops follow each other `gaps` ms apart (in KEY_HOPS order). */
function key(t: number, gaps: number[]): string {
  let at = t;
  return KEY_HOPS.slice(0, gaps.length + 1)
    .map((hop, i) => {
      if (i > 0) at += gaps[i - 1]!;
      return `${at.toFixed(3)}\t${hop}\n`;
    })
    .join('');
}

describe('key hops (--trace)', () => {
  const even = Array<number>(KEY_HOPS.length - 1).fill(0.5);

  it('times each hop of each key from the hop before it, and the whole way', () => {
    const slow = [...even];
    slow[4] = 12; // server.pty-write → server.pty-read
    const marks = parseMarks(key(100, even) + key(200, slow) + 'junk line\n');
    const paths = keyPaths(marks, 0, 1000);
    expect(paths).toHaveLength(2);
    const rows = hopTable(paths);
    const echo = rows.find((r) => r.hop === 'server.pty-write → server.pty-read')!;
    expect(echo).toMatchObject({ keys: 2, p50: 0.5, max: 12 });
    expect(rows.at(-1)).toMatchObject({ hop: 'whole way', keys: 2, max: 0.5 * 9 + 12 });
    // the tail's breakdown is the slow key's own
    expect(tailTable(paths).find((r) => r.hop === 'server.pty-write → server.pty-read')!.p50).toBe(12);
  });

  it('a hop not marked is left out: the next is timed from the last one found (tmux marks none)', () => {
    const marks = parseMarks(`10.000\tbench.key\n13.000\tbench.seen\n`);
    expect(hopTable(keyPaths(marks, 0, 100))).toEqual([
      { hop: 'bench.key → bench.seen', keys: 1, p50: 3, p99: 3, max: 3 },
      { hop: 'whole way', keys: 1, p50: 3, p99: 3, max: 3 },
    ]);
  });

  it("a mark of another key (before this key's hop, or after its echo was seen) is not this key's", () => {
    const marks = parseMarks(`5.000\tserver.input\n10.000\tbench.key\n11.000\tserver.input\n12.000\tbench.seen\n12.500\tcockpit.write\n`);
    const [path] = keyPaths(marks, 0, 100);
    expect([...path!.entries()]).toEqual([
      ['bench.key', 10],
      ['server.input', 11],
      ['bench.seen', 12],
    ]);
    expect(keyPaths(marks, 11, 100)).toEqual([]); // outside the window
  });

  it('counts the GC pauses (of any process) within the slowest keys, and only the part inside each key', () => {
    const marks = parseMarks(
      `10.000\tbench.key\n11.000\tbench.seen\n` + // fast
        `20.000\tbench.key\n29.000\tbench.seen\n` + // slow: the last 1 ms of a pause inside it
        `28.000\tgc 5.000 minor\n` +
        `40.000\tbench.key\n41.500\tbench.seen\n39.000\tgc 0.500 major\n`, // a pause just before: not in it
    );
    const paths = keyPaths(marks, 0, 100);
    expect(pausesInTail(paths, marks, 0.34)).toEqual({ keys: 2, overlapped: 1, pauseMs: 1, wholeMs: 10.5 });
    expect(pausesInTail(paths, marks, 0.01)).toEqual({ keys: 1, overlapped: 1, pauseMs: 1, wholeMs: 9 });
    expect(pausesInTail([], marks)).toEqual({ keys: 0, overlapped: 0, pauseMs: 0, wholeMs: 0 });
  });
});
