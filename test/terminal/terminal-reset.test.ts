import xtermHeadless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { TERMINAL_RESET } from '../../src/terminal/terminal-reset.js';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const terminal = (): HeadlessTerminal => new Terminal({ cols: 30, rows: 6, scrollback: 100, allowProposedApi: true });
const write = (t: HeadlessTerminal, data: string) => new Promise<void>((resolve) => t.write(data, resolve));
const text = (t: HeadlessTerminal) => {
  const b = t.buffer.active;
  return Array.from({ length: b.length }, (_, y) => b.getLine(y)!.translateToString(true)).join('\n');
};

/** Ten lines on the main screen (four of them in scrollback), the cursor after the last. */
async function usedTerminal(): Promise<HeadlessTerminal> {
  const t = terminal();
  await write(t, Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\r\n') + ' $ ');
  return t;
}

describe('TERMINAL_RESET', () => {
  it('gives back a terminal a killed full-screen program left: main screen, every mode off, nothing of the main screen lost', async () => {
    const t = await usedTerminal();
    const before = { text: text(t), cursor: [t.buffer.active.cursorX, t.buffer.active.cursorY] };
    // what a cockpit (and agents it mirrored) switches on, and what other TUIs do
    await write(t, '\x1b[?1049h\x1b[?25l\x1b[?1003h\x1b[?1006h\x1b[?1004h\x1b[?2004h\x1b[?1h\x1b=\x1b[2;4r\x1b[1;31m\x1b[?2026h\x1b[5;9Hdrawn');
    expect(t.buffer.active.type).toBe('alternate');
    await write(t, TERMINAL_RESET);
    expect(t.buffer.active.type).toBe('normal');
    expect(t.modes).toMatchObject({
      mouseTrackingMode: 'none',
      sendFocusMode: false,
      bracketedPasteMode: false,
      applicationCursorKeysMode: false,
      applicationKeypadMode: false,
      synchronizedOutputMode: false,
      wraparoundMode: true,
      originMode: false,
    });
    expect(text(t)).toBe(before.text);
    expect([t.buffer.active.cursorX, t.buffer.active.cursorY]).toEqual(before.cursor);
    // the cursor shows and the text that follows is plain
    expect((t as unknown as { _core: { coreService: { isCursorHidden: boolean } } })._core.coreService.isCursorHidden).toBe(false);
    await write(t, 'x');
    const cell = t.buffer.active.getLine(t.buffer.active.baseY + t.buffer.active.cursorY)!.getCell(t.buffer.active.cursorX - 1)!;
    expect([cell.getChars(), cell.isBold(), cell.getFgColorMode()]).toEqual(['x', 0, 0]);
  });

  it('changes nothing visible on a terminal that is fine: the cursor stays, the scrollback too', async () => {
    const t = await usedTerminal();
    const before = { text: text(t), cursor: [t.buffer.active.cursorX, t.buffer.active.cursorY], scrollback: t.buffer.active.baseY };
    await write(t, TERMINAL_RESET);
    expect(text(t)).toBe(before.text);
    expect([t.buffer.active.cursorX, t.buffer.active.cursorY]).toEqual(before.cursor);
    expect(t.buffer.active.baseY).toBe(before.scrollback);
  });

  it('makes the whole screen scroll again after a program left a scroll region', async () => {
    const t = await usedTerminal();
    await write(t, '\x1b[2;3r');
    await write(t, TERMINAL_RESET);
    const scrollback = t.buffer.active.baseY;
    await write(t, '\x1b[6;1H\n');
    expect(t.buffer.active.baseY).toBe(scrollback + 1);
  });
});
