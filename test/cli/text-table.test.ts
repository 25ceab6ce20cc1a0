import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../../src/cli/text-table.js';
import { displayWidth } from '../../src/terminal/text-width.js';

describe('renderTextTable', () => {
  it('lines columns up in terminal columns: wide characters take two, combining marks none', () => {
    const text = renderTextTable(['NAME', 'SOURCE'], [['模型', 'a'], ['cafe\u0301', 'b'], ['plain', 'c']]);
    const lines = text.split('\n');
    // SOURCE's cells start at the same column on every line
    const at = (line: string, cell: string) => displayWidth(line.slice(0, line.lastIndexOf(cell)));
    expect(lines.map((l, i) => at(l, ['SOURCE', 'a', 'b', 'c'][i]!))).toEqual([9, 9, 9, 9]);
  });
});
