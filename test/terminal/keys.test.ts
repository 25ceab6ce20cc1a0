import { describe, expect, it } from 'vitest';
import { isKeyName, keyToBytes } from '../../src/terminal/keys.js';

describe('keyToBytes', () => {
  it.each([
    ['Enter', '\r'],
    ['enter', '\r'],
    ['C-m', '\r'],
    ['C-j', '\n'],
    ['Tab', '\t'],
    ['C-i', '\t'],
    ['BTab', '\x1b[Z'],
    ['S-Tab', '\x1b[Z'],
    ['Escape', '\x1b'],
    ['Space', ' '],
    ['BSpace', '\x7f'],
    ['C-c', '\x03'],
    ['C-C', '\x03'],
    ['C-x', '\x18'],
    ['C-[', '\x1b'],
    ['C-Space', '\x00'],
    ['C-?', '\x7f'],
    ['M-x', '\x1bx'],
    ['M-Enter', '\x1b\r'],
    ['C-M-x', '\x1b\x18'],
    ['M-C-x', '\x1b\x18'],
    ['Up', '\x1b[A'],
    ['Left', '\x1b[D'],
    ['C-Up', '\x1b[1;5A'],
    ['M-Right', '\x1b[1;3C'],
    ['Home', '\x1b[H'],
    ['End', '\x1b[F'],
    ['PageUp', '\x1b[5~'],
    ['NPage', '\x1b[6~'],
    ['DC', '\x1b[3~'],
    ['F1', '\x1bOP'],
    ['F5', '\x1b[15~'],
    ['C-F5', '\x1b[15;5~'],
    ['y', 'y'],
    ['S-y', 'Y'],
  ])('%s', (name, bytes) => {
    expect(keyToBytes(name)).toBe(bytes);
  });

  it('rejects names it does not know', () => {
    expect(() => keyToBytes('Return2')).toThrow(/unknown key/);
    expect(() => keyToBytes('C-Enter')).toThrow(/unknown key/);
    expect(isKeyName('Nope')).toBe(false);
    expect(isKeyName('C-j')).toBe(true);
  });
});
