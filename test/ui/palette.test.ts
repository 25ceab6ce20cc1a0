import { describe, expect, it } from 'vitest';
import { paletteAnswer } from '../../src/ui/palette.js';

describe("what the cockpit shows for a palette verb's output", () => {
  const table = ['  AGENT  KIND        BACKEND', '  alpha  persistent  demo', '  beta   persistent  demo', '  shell  persistent  sh'].join('\n');

  it('every line of a longer answer, in an overlay titled with the line that ran (status, peek, events, …)', () => {
    expect(paletteAnswer('status', { ok: true, output: table }, 60)).toEqual({
      overlay: { kind: 'output', title: ': status', lines: table.split('\n'), offset: 0, failed: false },
    });
  });

  it('a short one-line answer as a notice in the bottom bar', () => {
    expect(paletteAnswer('restart alpha', { ok: true, output: 'restarted alpha (pid 42)' }, 60)).toEqual({ notice: 'restarted alpha (pid 42)' });
    expect(paletteAnswer('peek nobody', { ok: false, output: 'unknown agent "nobody"' }, 60)).toEqual({ notice: 'unknown agent "nobody"' });
  });

  it('one line too long for the bar, or an error of several lines, whole in the overlay', () => {
    const long = `error: ${'x'.repeat(70)}`;
    expect(paletteAnswer('goto alpha T9', { ok: false, output: long }, 60)).toEqual({
      overlay: { kind: 'output', title: ': goto alpha T9 — failed', lines: [long], offset: 0, failed: true },
    });
    expect(paletteAnswer('up', { ok: false, output: 'agents.toml:3: bad\nagents.toml:9: worse' }, 60)).toMatchObject({
      overlay: { lines: ['agents.toml:3: bad', 'agents.toml:9: worse'], failed: true },
    });
  });

  it('tabs expanded, colours and other control characters gone: the overlay gets plain text', () => {
    const answer = paletteAnswer('events', { ok: true, output: 'a\tb\n\x1b[31mred\x1b[0m\x07\r\nc' }, 60);
    expect(answer).toMatchObject({ overlay: { lines: [`a${' '.repeat(7)}b`, 'red', 'c'] } }); // tab stops every 8 columns, as in a terminal
  });
});
