import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bottomRegion, decideStatus, screenShowsFatal, STARTING_OUTPUT_MS, type StatusObservation, type StatusPatterns } from '../../src/session/status.js';

const ROWS = 24;

/** A recorded screen, padded to a full-height screen with the cursor on `cursorY`. */
function screen(name: string, cursorY?: number): { rows: string[]; cursorY: number } {
  const text = readFileSync(new URL(`./screens/${name}.txt`, import.meta.url), 'utf8').replace(/\n$/, '');
  const rows = text.split('\n');
  const y = cursorY ?? rows.length - 1;
  while (rows.length < ROWS) rows.push('');
  return { rows, cursorY: y };
}

function observe(name: string, over: Partial<StatusObservation> = {}): StatusObservation {
  return { ...screen(name), msSinceOutput: 5_000, msSinceFirstOutput: 60_000, settled: true, exited: false, stopped: false, ...over };
}

const QUIET = 800;

const demo: StatusPatterns = {
  active: /esc to interrupt/i,
  idle: /│ > +│/,
  ask: /\[y\/n\]/i,
  limit: /usage limit|limit reached|hit your .*limit/i,
  fatal: /authentication failed/i,
  footerUi: false,
  footerRows: 10,
};

// The backend of agents.py's selftest (a footer_ui TUI).
const footerTui: StatusPatterns = {
  active: /esc interrupt|thinking|inferring|running tool|preparing patch|reading|searching/i,
  limit: /usage limit|limit reached|hit your .*limit/i,
  footerUi: true,
  footerRows: 10,
};

describe('decideStatus on recorded screens', () => {
  it('demo agent thinking is working, even when output has gone quiet', () => {
    expect(decideStatus(observe('demo-thinking'), demo, QUIET)).toBe('working');
  });

  it('demo agent with an empty input box is idle, even while it still prints', () => {
    expect(decideStatus(observe('demo-idle', { msSinceOutput: 10 }), demo, QUIET)).toBe('idle');
  });

  it('a [y/n] question near the bottom needs input', () => {
    expect(decideStatus(observe('demo-asking'), demo, QUIET)).toBe('needs-input');
  });

  it('a question scrolled far above the prompt region does not count', () => {
    const obs = observe('demo-asking');
    const rows = ['? Allow rm -rf build/ [y/n]', ...Array.from({ length: 15 }, (_, i) => `output ${i}`), ...obs.rows.slice(5)];
    expect(decideStatus({ ...obs, rows: rows.slice(0, ROWS), cursorY: 17 }, demo, QUIET)).toBe('idle');
  });

  it('footer_ui: idle footer is not working', () => {
    expect(decideStatus(observe('footer-idle'), footerTui, QUIET)).toBe('idle');
  });

  it('footer_ui: active footer is working', () => {
    expect(decideStatus(observe('footer-active'), footerTui, QUIET)).toBe('working');
  });

  it('footer_ui: a limit banner over an idle footer is limited, not working', () => {
    expect(decideStatus(observe('footer-limit'), footerTui, QUIET)).toBe('limited');
  });

  it('footer_ui: activity words above the footer rows are history, not work', () => {
    expect(decideStatus(observe('footer-stale-activity'), footerTui, QUIET)).toBe('idle');
    // The same screen for a backend without a footer counts the whole screen.
    expect(decideStatus(observe('footer-stale-activity'), { ...footerTui, footerUi: false }, QUIET)).toBe('working');
  });

  it('a limit banner loses to visible activity', () => {
    const obs = observe('footer-limit');
    const rows = [...obs.rows];
    rows[6] = ' ⬝⬝⬝■■ esc interrupt 137.6K';
    expect(decideStatus({ ...obs, rows }, footerTui, QUIET)).toBe('working');
  });

  it('a bash prompt without patterns follows quiescence', () => {
    const none: StatusPatterns = { footerUi: false, footerRows: 10 };
    expect(decideStatus(observe('bash-prompt', { msSinceOutput: 100 }), none, QUIET)).toBe('working');
    expect(decideStatus(observe('bash-prompt', { msSinceOutput: QUIET }), none, QUIET)).toBe('idle');
    expect(decideStatus(observe('bash-prompt', { msSinceOutput: 100, msSinceFirstOutput: 500, settled: false }), none, QUIET)).toBe('starting');
    expect(decideStatus(observe('bash-prompt', { msSinceOutput: null, msSinceFirstOutput: null, settled: false }), none, QUIET)).toBe('starting');
    // output without a pause since the first, for STARTING_OUTPUT_MS: a spinner or a build, working
    const streaming = { msSinceOutput: 100, settled: false };
    expect(decideStatus(observe('bash-prompt', { ...streaming, msSinceFirstOutput: STARTING_OUTPUT_MS - 1 }), none, QUIET)).toBe('starting');
    expect(decideStatus(observe('bash-prompt', { ...streaming, msSinceFirstOutput: STARTING_OUTPUT_MS }), none, QUIET)).toBe('working');
    expect(decideStatus(observe('bash-prompt', { ...streaming, msSinceFirstOutput: 1000 }), none, QUIET, 1000)).toBe('working');
  });

  it('stopped wins over exited, and both win over the screen', () => {
    expect(decideStatus(observe('demo-thinking', { exited: true }), demo, QUIET)).toBe('exited');
    expect(decideStatus(observe('demo-asking', { exited: true, stopped: true }), demo, QUIET)).toBe('stopped');
  });

  it('global-flag patterns give the same answer every time', () => {
    const sticky: StatusPatterns = { ...demo, active: /esc to interrupt/g };
    const obs = observe('demo-thinking');
    expect(decideStatus(obs, sticky, QUIET)).toBe('working');
    expect(decideStatus(obs, sticky, QUIET)).toBe('working');
  });

  it('fatal is reported separately for the watchdog', () => {
    expect(screenShowsFatal(['Error: authentication failed'], demo)).toBe(true);
    expect(screenShowsFatal(screen('demo-idle').rows, demo)).toBe(false);
  });
});

describe('bottomRegion', () => {
  it('ends at the last non-empty row of an inline TUI, not the blank screen bottom', () => {
    const { rows, cursorY } = screen('footer-idle');
    expect(bottomRegion(rows, cursorY, 2)).toBe(' ▣ Build · GPT-5.4 · 2m 19s\n 178.4K (17%) ctrl+p commands');
  });

  it('reaches down to the cursor when it sits below the content', () => {
    expect(bottomRegion(['a', 'b', '', ''], 3, 2)).toBe('\n');
    expect(bottomRegion(['a', 'b', '', ''], 3, 4)).toBe('a\nb\n\n');
  });

  it('a hidden cursor (null) does not reach down: a TUI that draws its own parks it anywhere', () => {
    expect(bottomRegion(['a', 'b', '', ''], null, 2)).toBe('a\nb');
    const rows = ['Choose one', '> 1. Yes', 'Press enter to continue', ...Array<string>(21).fill('')];
    const obs = { rows, msSinceOutput: 60_000, msSinceFirstOutput: 60_000, settled: true, exited: false, stopped: false };
    const menu: StatusPatterns = { ask: /press enter to continue/i, footerUi: false, footerRows: 10 };
    expect(decideStatus({ ...obs, cursorY: null }, menu, QUIET)).toBe('needs-input');
    // shown that far down, the cursor is where the input is: the menu is above the prompt region
    expect(decideStatus({ ...obs, cursorY: 23 }, menu, QUIET)).toBe('idle');
  });
});
