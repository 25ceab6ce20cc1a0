import xtermHeadless from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { Screen } from '../../src/session/screen.js';
import { xtermInternals } from '../../src/session/xterm-internals.js';

// plain-flood.test.ts holds the fast path to the parser's result; this holds that it is taken
// at all: with the pinned @xterm/headless (package.json; see pinned-packages.test.ts) its
// internals are found, and a Screen built as a session builds it (no options besides its
// size) keeps a flood away from xterm's parser. An xterm whose internals moved would leave
// every output right and the server slow: these fail instead.

type Parser = { parse(data: Uint32Array, length: number): unknown };
type Core = { _core: { _inputHandler: { _parser: Parser } } };

const screens: Screen[] = [];
afterEach(() => {
  for (const s of screens.splice(0)) s.dispose();
});

function write(s: Screen, data: Uint8Array): Promise<void> {
  return new Promise((resolve) => s.write(data, resolve));
}

describe('the plain-flood fast path is taken', () => {
  it('finds the internals it needs in the installed @xterm/headless', () => {
    const terminal = new xtermHeadless.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
    try {
      expect(xtermInternals(terminal)).not.toBeNull();
    } finally {
      terminal.dispose();
    }
  });

  it("keeps a flood of seq from xterm's parser: the lines go to the screen without being parsed", async () => {
    const screen = new Screen({ cols: 80, rows: 24, scrollback: 10_000 });
    screens.push(screen);
    // count what reaches xterm's escape-sequence parser, below the fast path
    const parser = (screen as unknown as { terminal: Core }).terminal._core._inputHandler._parser;
    const parse = parser.parse.bind(parser);
    let parsedCodes = 0;
    parser.parse = (data, length) => {
      parsedCodes += length;
      return parse(data, length);
    };
    const flood = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i + 1}\r\n`).join(''));
    for (let at = 0; at < flood.length; at += 4095) await write(screen, flood.subarray(at, at + 4095));

    expect(screen.tail(2)).toEqual(['19999', '20000']);
    expect(screen.plainLinesFast).toBeGreaterThan(19_000);
    expect(parsedCodes).toBeLessThan(flood.length / 10); // chunk heads and tails, not the lines
  });
});
