import xtermHeadless from '@xterm/headless';
import type { IBufferCell } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { rowToAnsi } from '../../src/session/row-ansi.js';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const COLS = 40;

function terminalWith(data: string): Promise<HeadlessTerminal> {
  const terminal = new Terminal({ cols: COLS, rows: 3, allowProposedApi: true });
  return new Promise((resolve) => terminal.write(data, () => resolve(terminal)));
}

/** Everything a cell carries, for comparing two terminals cell by cell. */
function describeCell(cell: IBufferCell) {
  return {
    chars: cell.getChars() || ' ', // an untouched cell and a written space look the same
    width: cell.getWidth(),
    fgMode: cell.getFgColorMode(),
    fg: cell.getFgColor(),
    bgMode: cell.getBgColorMode(),
    bg: cell.getBgColor(),
    bold: cell.isBold(),
    dim: cell.isDim(),
    italic: cell.isItalic(),
    underline: cell.isUnderline(),
    blink: cell.isBlink(),
    inverse: cell.isInverse(),
    invisible: cell.isInvisible(),
    strikethrough: cell.isStrikethrough(),
    overline: cell.isOverline(),
  };
}

function cells(terminal: HeadlessTerminal, y: number) {
  const line = terminal.buffer.active.getLine(y)!;
  return Array.from({ length: COLS }, (_, x) => describeCell(line.getCell(x)!));
}

function row0(terminal: HeadlessTerminal): string {
  return rowToAnsi(terminal.buffer.active.getLine(0)!, COLS);
}

/** Serialize row 0, replay it into a fresh terminal, and expect identical cells. */
async function roundTrip(input: string): Promise<string> {
  const source = await terminalWith(input);
  const ansi = row0(source);
  const copy = await terminalWith(ansi);
  expect(cells(copy, 0)).toEqual(cells(source, 0));
  return ansi;
}

describe('rowToAnsi', () => {
  it('plain text needs no escapes and drops trailing default blanks', async () => {
    expect(await roundTrip('hello world   ')).toBe('hello world');
  });

  it('16-colour palette, bright colours and backgrounds', async () => {
    const ansi = await roundTrip('\x1b[31mred\x1b[0m \x1b[92;44mbright on blue\x1b[0m');
    expect(ansi).toBe('\x1b[31mred\x1b[0m \x1b[92;44mbright on blue\x1b[0m');
  });

  it('256-colour and truecolor foreground and background', async () => {
    const ansi = await roundTrip('\x1b[38;5;208morange\x1b[48;2;10;20;30mdeep\x1b[38;2;255;0;128mpink\x1b[0m');
    expect(ansi).toContain('38;5;208');
    expect(ansi).toContain('48;2;10;20;30');
    expect(ansi).toContain('38;2;255;0;128');
  });

  it('bold, dim, italic, underline, inverse, strikethrough and their removal', async () => {
    await roundTrip('\x1b[1mB\x1b[2mBD\x1b[22;2mD\x1b[22;3mI\x1b[4mIU\x1b[23mU\x1b[24;7mR\x1b[27;9mS\x1b[29mplain');
  });

  it('emits one transition per style run, not per cell', async () => {
    const ansi = await roundTrip('\x1b[1;33mwarning: long message\x1b[0m');
    expect(ansi).toBe('\x1b[1;33mwarning: long message\x1b[0m');
  });

  it('dropping bold while keeping dim re-asserts dim', async () => {
    const ansi = await roundTrip('\x1b[1;2mboth\x1b[22;2mdim');
    expect(ansi).toContain('\x1b[22;2m');
  });

  it('keeps trailing blanks that carry a background colour', async () => {
    const ansi = await roundTrip('bar\x1b[41m   \x1b[0m');
    expect(ansi).toBe('bar\x1b[41m   \x1b[0m');
  });

  it('wide characters take two cells and are written once', async () => {
    const ansi = await roundTrip('漢字 ok');
    expect(ansi).toBe('漢字 ok');
  });

  it('an empty row is an empty string', async () => {
    const terminal = await terminalWith('');
    expect(row0(terminal)).toBe('');
  });
});
