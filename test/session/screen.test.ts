import { afterEach, describe, expect, it, vi } from 'vitest';
import { Screen } from '../../src/session/screen.js';
import { diffScreens } from '../../src/session/screen-diff.js';

let screens: Screen[] = [];
afterEach(() => {
  for (const screen of screens) screen.dispose();
  screens = [];
});

function makeScreen(cols = 20, rows = 5, scrollback = 10): Screen {
  const screen = new Screen({ cols, rows, scrollback });
  screens.push(screen);
  return screen;
}

function bytesTo(screen: Screen, data: Uint8Array): Promise<void> {
  return new Promise((resolve) => screen.write(data, resolve));
}

function write(screen: Screen, data: string): Promise<void> {
  return new Promise((resolve) => screen.write(data, resolve));
}

describe('Screen', () => {
  it('plain rows, text and cursor', async () => {
    const screen = makeScreen();
    await write(screen, 'one  \r\n\x1b[1mtwo\x1b[0m');
    expect(screen.visibleRows()).toEqual(['one', 'two', '', '', '']);
    expect(screen.text()).toBe('one\ntwo');
    expect(screen.cursor()).toEqual({ x: 3, y: 1, visible: true });
  });

  it('decodes UTF-8 split across byte chunks', async () => {
    const screen = makeScreen();
    const bytes = Buffer.from('é漢', 'utf8');
    await write(screen, bytes.subarray(0, 1) as unknown as string);
    await new Promise<void>((resolve) => screen.write(bytes.subarray(1), resolve));
    expect(screen.visibleRows()[0]).toBe('é漢');
  });

  it('follows cursor visibility (DECTCEM) and reset', async () => {
    const screen = makeScreen();
    await write(screen, '\x1b[?25l');
    expect(screen.cursor().visible).toBe(false);
    await write(screen, '\x1b[?1;25h');
    expect(screen.cursor().visible).toBe(true);
    await write(screen, '\x1b[?25l\x1bc');
    expect(screen.cursor().visible).toBe(true);
  });

  it('follows bracketed paste mode', async () => {
    const screen = makeScreen();
    expect(screen.bracketedPaste).toBe(false);
    await write(screen, '\x1b[?2004h');
    expect(screen.bracketedPaste).toBe(true);
    await write(screen, '\x1b[?2004l');
    expect(screen.bracketedPaste).toBe(false);
  });

  it('scrollback is bounded and tail reads across it', async () => {
    const screen = makeScreen(20, 5, 10);
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    await write(screen, lines.join('\r\n'));
    expect(screen.bufferLength()).toBe(15);
    expect(screen.tail(3)).toEqual(['line 97', 'line 98', 'line 99']);
    expect(screen.tail(1000)).toEqual(lines.slice(-15));
  });

  it('tail ends at the content, not the blank screen bottom', async () => {
    const screen = makeScreen();
    await write(screen, '$ ls\r\nfile\r\n$ ');
    expect(screen.tail(10)).toEqual(['$ ls', 'file', '$']);
  });

  it('parses the answer to input at once: an echo does not wait for the emulator timer', async () => {
    const screen = makeScreen();
    await write(screen, 'prompt$ '); // xterm parses a write on a later timer tick...
    let parsed = false;
    screen.write('x', () => (parsed = true));
    expect(parsed).toBe(false);
    await write(screen, '');
    screen.noteInput(); // ...except the first write after input
    screen.write('y', () => (parsed = true));
    expect(parsed).toBe(true);
    expect(screen.visibleRows()[0]).toBe('prompt$ xy');
  });

  it('counts the bytes it has parsed, and sends no reply for an input nudge', async () => {
    const screen = makeScreen();
    const replies: string[] = [];
    screen.onReply((r) => replies.push(r));
    screen.noteInput();
    expect(screen.bytesParsed).toBe(0);
    await write(screen, 'four');
    await write(screen, Buffer.from('é') as unknown as string);
    expect(screen.bytesParsed).toBe(6);
    expect(replies).toEqual([]);
  });

  it('answers the child’s cursor position query', async () => {
    const screen = makeScreen();
    const replies: string[] = [];
    screen.onReply((data) => replies.push(data));
    await write(screen, 'abc\x1b[6n');
    expect(replies.join('')).toBe('\x1b[1;4R');
  });

  it('snapshot has every row with SGR; diff has only changed rows', async () => {
    const screen = makeScreen();
    await write(screen, '\x1b[31mred\x1b[0m\r\nsame');
    const first = screen.snapshot('a');
    expect(first).toMatchObject({ name: 'a', cols: 20, rows: 5, full: true });
    expect(first.lines).toHaveLength(5);
    expect(first.lines[0]).toEqual({ y: 0, text: '\x1b[31mred\x1b[0m' });
    await write(screen, '\x1b[1;1H\x1b[32mred');
    const second = screen.snapshot('a');
    const diff = diffScreens(first, second);
    expect(diff.full).toBe(false);
    expect(diff.lines).toEqual([{ y: 0, text: '\x1b[32mred\x1b[0m' }]);
    expect(diff.cursor).toEqual({ x: 3, y: 0, visible: true });
    expect(diffScreens(second, second).lines).toEqual([]);
    screen.resize(30, 6);
    const resized = diffScreens(second, screen.snapshot('a'));
    expect(resized.full).toBe(true);
    expect(resized.lines).toHaveLength(6);
  });
});

describe('character widths', () => {
  it('puts an emoji in two columns, as modern terminals and the cockpit do', async () => {
    const { Screen } = await import('../../src/session/screen.js');
    const screen = new Screen({ cols: 20, rows: 2, scrollback: 10 });
    await new Promise<void>((resolve) => screen.write('a😀b', resolve));
    expect(screen.cursor().x).toBe(4);
    screen.dispose();
  });
});

describe('DECCOLM (CSI ? 3 h / l, the 132/80-column switch)', () => {
  const filled = async (): Promise<Screen> => {
    const screen = makeScreen(20, 5);
    // content on every row, a scroll region (rows 2–4) and the cursor inside it
    await write(screen, 'one\r\ntwo\r\nthree\r\nfour\r\nfive\x1b[2;4r\x1b[3;5H');
    return screen;
  };

  it.each([
    ['set', '\x1b[?3h'],
    ['reset', '\x1b[?3l'],
  ])('%s clears the screen, homes the cursor and resets the margins, and keeps the size (as tmux)', async (_, deccolm) => {
    const screen = await filled();
    await write(screen, deccolm);
    expect(screen.visibleRows()).toEqual(['', '', '', '', '']);
    expect(screen.cursor()).toEqual({ x: 0, y: 0, visible: true });
    expect([screen.cols, screen.rows]).toEqual([20, 5]);
    // the whole screen scrolls again: a line feed on the last row moves row 1 up and off
    await write(screen, 'top\x1b[5;1Hbottom\n');
    expect(screen.visibleRows()).toEqual(['', '', '', 'bottom', '']);
  });

  it('leaves the other modes of the same sequence to the emulator', async () => {
    const screen = await filled();
    await write(screen, '\x1b[?25l\x1b[?1;3;25h');
    expect(screen.visibleRows()).toEqual(['', '', '', '', '']);
    expect(screen.cursor().visible).toBe(true);
    expect(screen.modes().applicationCursor).toBe(true);
    await write(screen, 'x\x1b[?3;1l');
    expect(screen.visibleRows()[0]).toBe('');
    expect(screen.modes().applicationCursor).toBe(false);
  });
});

describe("the emulator's own logger", () => {
  it('stays silent however bad the bytes: nothing reaches the console (the server log) per byte', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    try {
      const screen = makeScreen(40, 10);
      // the same seeded garbage each run: every byte value, C1 controls and broken sequences among them
      let seed = 11;
      const bytes = Buffer.alloc(64 * 1024, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16);
      await new Promise<void>((resolve) => screen.write(bytes, resolve));
      await new Promise<void>((resolve) => screen.write(Buffer.from('\x1b[0m\x1b\\\x07\r\nstill parsing'), resolve));
      expect(screen.visibleRows().join('\n')).toContain('still parsing');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('hostile output', () => {
  it('an unterminated OSC or DCS is cut at 64 KiB: the parser returns to ground, later output shows', async () => {
    for (const opener of ['\x1b]0;', '\x1bPq', '\xc2\x9d0;', '\x1b\x00]0;', '\x1b\x7fP']) {
      const screen = makeScreen(40, 5);
      await bytesTo(screen, Buffer.from(opener, 'latin1'));
      const payload = Buffer.alloc(16 * 1024, 0x61);
      for (let i = 0; i < 8; i++) await bytesTo(screen, payload); // 128 KiB, never terminated
      await bytesTo(screen, Buffer.from('\r\nstill here\r\n', 'latin1'));
      // a later sequence works as usual: the parser is back in ground
      await bytesTo(screen, Buffer.from('\x1b]0;t\x07\x1b[1mshown', 'latin1'));
      expect(screen.visibleRows().slice(-2), JSON.stringify(opener)).toEqual(['still here', 'shown']);
    }
  });

  it('reports a clipboard write (OSC 52), and neither reports nor answers a query', async () => {
    const screen = makeScreen();
    const writes: unknown[] = [];
    const replies: string[] = [];
    screen.onClipboard((w) => writes.push(w));
    screen.onReply((r) => replies.push(r));
    await write(screen, '\x1b]52;c;aGVsbG8=\x07\x1b]52;c;?\x07\x1b]52;p;aGk=\x1b\\shown');
    expect(writes).toEqual([{ selection: 'c', base64: 'aGVsbG8=' }, { selection: 'p', base64: 'aGk=' }]);
    expect(replies).toEqual([]);
    expect(screen.visibleRows()[0]).toBe('shown');
  });

  it('a line of megabytes without a newline is held as scrollback rows, bounded by the scrollback', async () => {
    const screen = makeScreen(80, 24, 100);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 32; i++) await bytesTo(screen, chunk); // 2 MiB, one line
    await bytesTo(screen, Buffer.from('\r\nafter', 'latin1'));
    expect(screen.bufferLength()).toBeLessThanOrEqual(100 + 24);
    expect(screen.visibleRows().filter(Boolean).at(-1)).toBe('after');
  });
});
