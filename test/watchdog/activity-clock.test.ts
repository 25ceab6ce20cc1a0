import { describe, expect, it } from 'vitest';
import { lastActivityAt, observeActivity, startActivityClock, touchActivityClock, type ActivityPatterns } from '../../src/watchdog/activity-clock.js';

const plain: ActivityPatterns = { active: /esc to interrupt/i, footerUi: false, footerRows: 3 };
// agents.py's selftest backend: a TUI whose transcript keeps words like "reading" on screen.
const footer: ActivityPatterns = { active: /esc interrupt|thinking|reading|searching/i, footerUi: true, footerRows: 3 };

const sample = (now: number, rows: string[], lastOutputAt: number | null = null) => ({ now, rows, cursorY: rows.length - 1, lastOutputAt });

describe('ActivityClock on a plain backend', () => {
  it('counts output, a changed screen and active_re; not an unchanged quiet screen', () => {
    let clock = startActivityClock(0);
    clock = observeActivity(clock, sample(1_000, ['> hi', 'hello']), plain);
    expect(clock.at).toBe(0); // first sample: nothing to compare with yet
    clock = observeActivity(clock, sample(5_000, ['> hi', 'hello'], 4_000), plain);
    expect(clock.at).toBe(4_000); // output
    clock = observeActivity(clock, sample(9_000, ['> hi', 'hello'], 4_000), plain);
    expect(clock.at).toBe(4_000); // nothing new
    clock = observeActivity(clock, sample(12_000, ['> hi', 'hello', 'more']), plain);
    expect(clock.at).toBe(12_000); // the screen changed
    clock = observeActivity(clock, sample(15_000, ['> hi', 'hello', 'more']), plain);
    expect(clock.at).toBe(12_000);
    clock = observeActivity(clock, sample(20_000, ['> hi', 'hello', 'more'], null), { ...plain, active: /more/ });
    expect(clock.at).toBe(20_000); // active_re shows
  });

  it('does not count the cursor wandering over blank rows as a change', () => {
    let clock = observeActivity(startActivityClock(0), { now: 1_000, rows: ['idle', '', ''], cursorY: 0, lastOutputAt: null }, plain);
    clock = observeActivity(clock, { now: 2_000, rows: ['idle  ', '', ''], cursorY: 2, lastOutputAt: null }, plain);
    expect(clock.at).toBe(0);
  });

  it('touch counts a moment as activity', () => {
    expect(touchActivityClock(startActivityClock(0), 7_000).at).toBe(7_000);
  });

  it('ignores the log', () => {
    expect(lastActivityAt(startActivityClock(0), plain, 50_000, 180_000)).toBe(0);
  });
});

describe('ActivityClock on a footer_ui backend', () => {
  const transcript = (lines: string[], bottom: string[]) => [...lines, ...bottom];
  const footerRows = (spinner: string) => [` ${spinner} Preparing patch`, ' ▣ Build · GPT-5.4', ' ctrl+p commands'];

  it('counts a change in the bottom rows (a spinner turning)', () => {
    let clock = observeActivity(startActivityClock(0), sample(1_000, transcript(['a'], footerRows('⠋'))), footer);
    clock = observeActivity(clock, sample(2_000, transcript(['a'], footerRows('⠙'))), footer);
    expect(clock.at).toBe(2_000);
  });

  it('does not count changes or active_re words above the bottom rows, nor raw output', () => {
    const idleFooter = [' ▣ Build · GPT-5.4 · 2m 19s', ' 178.4K (17%) ctrl+p commands', ''];
    let clock = observeActivity(startActivityClock(0), sample(1_000, transcript(['~ Reading src/a.ts'], idleFooter)), footer);
    clock = observeActivity(clock, sample(2_000, transcript(['~ Searching for x', 'x', 'y'], idleFooter), 2_000), footer);
    expect(clock.at).toBe(0);
  });

  it('counts active_re in the bottom rows', () => {
    const clock = observeActivity(startActivityClock(0), sample(3_000, [' ~ Preparing patch...', ' ⬝⬝⬝■■ esc interrupt 137.6K']), footer);
    expect(clock.at).toBe(3_000);
  });

  it('falls back on log recency: a log written at T keeps it active until T + log_grace', () => {
    const clock = startActivityClock(0);
    expect(lastActivityAt(clock, footer, 10_000, 180_000)).toBe(190_000);
    expect(lastActivityAt(clock, footer, null, 180_000)).toBe(0);
  });
});
