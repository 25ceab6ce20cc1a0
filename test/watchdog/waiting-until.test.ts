import { describe, expect, it } from 'vitest';
import { parseWaitingUntil } from '../../src/watchdog/waiting-until.js';

const plain = { footerUi: false, footerRows: 10, timeZone: 'Europe/Berlin' };
const footer = { footerUi: true, footerRows: 4, timeZone: 'Europe/Berlin' };
const AT = Date.UTC(2026, 5, 16, 22, 0);

describe('parseWaitingUntil on a plain backend', () => {
  it("reads the demo agent's marker (toISOString) anywhere on screen", () => {
    const rows = ['> /wait 30', `● WAITING-UNTIL: ${new Date(AT).toISOString()}`, '', '╭────╮', '│ >  │', '╰────╯'];
    expect(parseWaitingUntil(rows, plain)).toBe(AT);
  });

  it('reads offsets, and a time without one in the given zone', () => {
    expect(parseWaitingUntil(['WAITING-UNTIL: 2026-06-17T00:00:00+02:00'], plain)).toBe(AT);
    expect(parseWaitingUntil(['WAITING-UNTIL: 2026-06-17T00:00'], plain)).toBe(AT);
    expect(parseWaitingUntil(['WAITING-UNTIL:2026-06-16T22:00Z'], plain)).toBe(AT);
  });

  it('does not take sentence punctuation for part of the time', () => {
    expect(parseWaitingUntil(['I will check back. WAITING-UNTIL: 2026-06-16T22:00:00Z.'], plain)).toBe(AT);
  });

  it('takes the newest marker when there are several', () => {
    const rows = ['WAITING-UNTIL: 2026-06-16T20:00:00Z', 'woke up, checked, waiting again', 'WAITING-UNTIL: 2026-06-16T22:00:00Z'];
    expect(parseWaitingUntil(rows, plain)).toBe(AT);
  });

  it('returns a past time as it is (the stall decision judges it)', () => {
    expect(parseWaitingUntil(['WAITING-UNTIL: 2020-01-01T00:00:00Z'], plain)).toBe(Date.UTC(2020, 0, 1));
  });

  it('returns null without a marker or with an unreadable time', () => {
    expect(parseWaitingUntil(['all done', '> '], plain)).toBeNull();
    expect(parseWaitingUntil(['WAITING-UNTIL: tomorrow'], plain)).toBeNull();
    expect(parseWaitingUntil(['WAITING-UNTIL:'], plain)).toBeNull();
    expect(parseWaitingUntil(['waiting-until is a marker agents print'], plain)).toBeNull();
  });
});

describe('parseWaitingUntil on a footer_ui backend', () => {
  it('reads a marker that is the last non-empty line (as agents.py)', () => {
    expect(parseWaitingUntil(['working', 'WAITING-UNTIL: 2026-06-16T22:00:00Z', '', ''], footer)).toBe(AT);
  });

  it('reads a marker line just above the footer, within the bottom rows', () => {
    const rows = ['  WAITING-UNTIL: 2026-06-16T22:00:00Z', '', ' ▣ Build · GPT-5.4 · 2m 19s', ' 178.4K (17%) ctrl+p commands'];
    expect(parseWaitingUntil(rows, footer)).toBe(AT);
  });

  it('ignores a marker left in the transcript above the bottom rows', () => {
    const rows = ['WAITING-UNTIL: 2026-06-16T22:00:00Z', 'then more work', 'line', 'line', ' ▣ Build', ' ctrl+p commands'];
    expect(parseWaitingUntil(rows, footer)).toBeNull();
  });

  it('ignores a marker that does not start its line (quoted in prose)', () => {
    const rows = ['print WAITING-UNTIL: 2026-06-16T22:00:00Z when idle', ' ▣ Build', ' ctrl+p commands'];
    expect(parseWaitingUntil(rows, footer)).toBeNull();
  });
});
