import xtermHeadless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { reuseAltBufferLines } from '../../src/session/alt-buffer-lines.js';
import { Screen } from '../../src/session/screen.js';

const { Terminal } = xtermHeadless;
type Term = InstanceType<typeof Terminal>;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const write = (t: Term, data: string) => new Promise<void>((resolve) => t.write(data, resolve));

/** Everything a cell and a line of the active buffer say through xterm's public API, and the cursor. */
function state(t: Term): unknown {
  const b = t.buffer.active;
  const rows: unknown[] = [];
  for (let y = 0; y < b.length; y++) {
    const line = b.getLine(y)!;
    const cells: unknown[] = [];
    for (let x = 0; x < line.length; x++) {
      const c = line.getCell(x)!;
      cells.push([c.getChars(), c.getWidth(), c.getFgColor(), c.getFgColorMode(), c.getBgColor(), c.getBgColorMode(), c.isBold(), c.isInverse(), c.isUnderline()]);
    }
    rows.push([line.isWrapped, cells]);
  }
  return { type: b.type, x: b.cursorX, y: b.cursorY, base: b.baseY, rows };
}

const CHUNKS = [
  '\x1b[?1049h',
  '\x1b[?1049l',
  'hello',
  'x'.repeat(57),
  '\r\n',
  '\x1b[31m',
  '\x1b[44m',
  '\x1b[48;5;200m',
  '\x1b[48;2;1;2;3m',
  '\x1b[0m',
  '\x1b[1;7m',
  '\x1b[K',
  '\x1b[2J',
  '\x1b[H',
  '\x1b[3;6r',
  '\x1b[r',
  '\x1b[5S',
  '\x1b[3T',
  '\x1b[2L',
  '\x1b[2M',
  '\x1b[4:3m\x1b[58;5;9m underlined \x1b[0m',
  '漢字',
  '\x1b[?47h',
  '\x1b[?47l',
];

describe('the alternate screen reuses its lines (alt-buffer-lines.ts)', () => {
  it.each([1, 2, 3, 4, 5, 6])('leaves every screen exactly as xterm alone does (seed %i)', async (seed) => {
    const random = prng(seed);
    const plain = new Terminal({ cols: 30, rows: 8, scrollback: 50, allowProposedApi: true, logLevel: 'off' });
    const reusing = new Terminal({ cols: 30, rows: 8, scrollback: 50, allowProposedApi: true, logLevel: 'off' });
    const lines = reuseAltBufferLines(reusing, () => reusing.cols)!;
    expect(lines).not.toBeNull();
    for (let step = 0; step < 400; step++) {
      if (random() < 0.03) {
        const [cols, rows] = [10 + Math.floor(random() * 40), 3 + Math.floor(random() * 10)];
        plain.resize(cols, rows);
        reusing.resize(cols, rows);
        continue;
      }
      const chunk = CHUNKS[Math.floor(random() * CHUNKS.length)]!;
      await Promise.all([write(plain, chunk), write(reusing, chunk)]);
      const [a, b] = [state(plain), state(reusing)];
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(b, `seed ${seed}, step ${step}, ${JSON.stringify(chunk)}`).toEqual(a);
    }
    expect(lines.reused).toBeGreaterThan(0); // the reuse did happen
    lines.dispose();
  });

  it('a Screen takes the reuse: toggling the alternate screen allocates no new lines', async () => {
    const screen = new Screen({ cols: 80, rows: 24, scrollback: 100 });
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => screen.write('\x1b[?1049hX\x1b[?1049lY', resolve));
    // the first entry builds the lines; each later one reuses a screenful
    expect(screen.altLinesReused).toBe(9 * 24);
    screen.dispose();
  });

  it('changes nothing where xterm is not as expected', () => {
    expect(reuseAltBufferLines({}, () => 80)).toBeNull();
    expect(reuseAltBufferLines({ _core: { _bufferService: { buffers: { alt: { lines: [] } } } } }, () => 80)).toBeNull();
  });
});
