import { describe, expect, it } from 'vitest';
import { rowToAnsi } from '../../../src/session/row-ansi.js';
import { parseAnsiLine } from '../../../src/ui/grid/parse-ansi.js';
import { headlessTerminal, terminalCell, writeTo } from './xterm-cells.js';

const COLS = 30;

/** What the server does for a pane row (rowToAnsi), then what the cockpit does (parseAnsiLine). */
describe('rowToAnsi → parseAnsiLine', () => {
  const contents: Record<string, string> = {
    attributes: '\x1b[1mB\x1b[2mD\x1b[22;3mI\x1b[4mU\x1b[24;5mK\x1b[0;7mR\x1b[0;8mH\x1b[0;9mS\x1b[0;53mO\x1b[0m plain',
    'bold and dim together': '\x1b[1;2mboth\x1b[22;1monly-bold\x1b[0m',
    '16 colours': '\x1b[31ma\x1b[42mb\x1b[93mc\x1b[104md\x1b[0m',
    '256 and truecolor': '\x1b[38;5;208ma\x1b[48;5;17mb\x1b[38;2;10;20;30mc\x1b[48;2;200;100;0md\x1b[0m',
    'coloured blanks at the end': 'x\x1b[44m     \x1b[0m',
    'wide characters and emoji': '中文\x1b[32m한글\x1b[0mＡ😀🚀ok',
    'combining marks': 'cafe\u0301 nai\u0308ve',
    'inverse wide': '\x1b[7m日本\x1b[0m|',
  };

  for (const [name, content] of Object.entries(contents)) {
    it(name, async () => {
      const terminal = headlessTerminal(COLS, 2);
      await writeTo(terminal, content);
      const text = rowToAnsi(terminal.buffer.active.getLine(0)!, COLS);
      const row = parseAnsiLine(text, COLS);
      for (let x = 0; x < COLS; x++) expect(row.get(x), `column ${x} of ${JSON.stringify(text)}`).toEqual(terminalCell(terminal, x, 0));
      terminal.dispose();
    });
  }
});
