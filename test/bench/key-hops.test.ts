import { describe, expect, it } from 'vitest';
import { KEY_HOPS, hopTable, keyPaths, parseMarks, tailTable } from '../../src/bench/key-hops.js';

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
});
