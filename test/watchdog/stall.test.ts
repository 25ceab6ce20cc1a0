import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { SessionStatus } from '../../src/protocol/messages.js';
import type { WatchdogAction } from '../../src/watchdog/actions.js';
import { decideStall, nextStallCheck, stallSettingsFrom, startStall, type StallSettings, type StallState } from '../../src/watchdog/stall.js';

const S = 1_000;
const T0 = Date.UTC(2026, 5, 14, 18, 0);

const settings: StallSettings = {
  name: 'builder',
  patterns: { active: /esc to interrupt/i, footerUi: false, footerRows: 10 },
  stallIdleMs: 300 * S,
  stallGraceMs: 180 * S,
  logGraceMs: 180 * S,
  timeZone: 'UTC',
};

const footerSettings: StallSettings = {
  ...settings,
  name: 'tui',
  patterns: { active: /esc interrupt|thinking|preparing patch/i, footerUi: true, footerRows: 3 },
};

const IDLE = ['> write the tests', '● Done. Added 12 tests.', '', '╭──────╮', '│ >    │', '╰──────╯'];
const waitingScreen = (until: number) => ['> /wait', `● WAITING-UNTIL: ${new Date(until).toISOString()}`, '', '╭──────╮', '│ >    │', '╰──────╯'];

interface Seen {
  rows?: string[];
  status?: SessionStatus;
  limitHeld?: boolean;
  lastOutputAt?: number | null;
  logTouchedAt?: number | null;
}

/** Drives decideStall like the driver: one observation per call, collecting the actions. */
class Harness {
  state: StallState;
  readonly actions: WatchdogAction[] = [];
  constructor(
    readonly s: StallSettings = settings,
    start = T0,
  ) {
    this.state = startStall(start, s);
  }
  at(now: number, seen: Seen = {}): WatchdogAction[] {
    const rows = seen.rows ?? IDLE;
    const decision = decideStall(
      this.state,
      {
        now,
        rows,
        cursorY: rows.length - 2,
        status: seen.status ?? 'idle',
        limitHeld: seen.limitHeld ?? false,
        lastOutputAt: seen.lastOutputAt ?? null,
        logTouchedAt: seen.logTouchedAt ?? null,
      },
      this.s,
    );
    this.state = decision.state;
    this.actions.push(...decision.actions);
    return decision.actions;
  }
  restarts(): WatchdogAction[] {
    return this.actions.filter((a) => a.type === 'restart');
  }
}

describe('decideStall without a WAITING-UNTIL marker', () => {
  it('restarts an agent idle for stall_idle, naming the idle time, with a stall note', () => {
    const h = new Harness();
    h.at(T0 + 10 * S, { lastOutputAt: T0 + 10 * S }); // last output: the reply
    expect(nextStallCheck(h.state)).toBe(T0 + 310 * S);
    expect(h.at(T0 + 309 * S)).toEqual([]);
    const actions = h.at(T0 + 310 * S);
    expect(actions).toContainEqual({ type: 'restart', name: 'builder', reason: 'stalled: idle 300s with no WAITING-UNTIL marker' });
    expect(actions).toContainEqual(expect.objectContaining({ type: 'note', kind: 'stall', level: 'warn', message: expect.stringContaining('idle 300s') }));
  });

  it('starts over after the restart instead of restarting again at once', () => {
    const h = new Harness();
    h.at(T0 + 300 * S);
    expect(h.restarts()).toHaveLength(1);
    expect(h.at(T0 + 301 * S)).toEqual([]);
    expect(nextStallCheck(h.state)).toBe(T0 + 600 * S);
  });

  it('does not restart an agent that keeps printing', () => {
    const h = new Harness();
    for (let t = 60; t <= 1_200; t += 60) h.at(T0 + t * S, { lastOutputAt: T0 + (t - 5) * S });
    expect(h.restarts()).toEqual([]);
  });

  it('does not restart an agent showing active_re, even without new output', () => {
    const h = new Harness();
    const thinking = ['> write the tests', '⠋ Thinking… (3s · esc to interrupt)', '╭──╮'];
    for (let t = 60; t <= 1_200; t += 60) h.at(T0 + t * S, { rows: thinking, status: 'working' });
    expect(h.restarts()).toEqual([]);
  });
});

describe('decideStall with a WAITING-UNTIL marker', () => {
  it('waits until the marker + stall_grace, noting it once, then restarts', () => {
    const until = T0 + 3_600 * S;
    const h = new Harness();
    const first = h.at(T0 + 5 * S, { rows: waitingScreen(until), lastOutputAt: T0 + 5 * S });
    expect(first).toEqual([
      expect.objectContaining({ type: 'note', kind: 'waiting', level: 'info', message: expect.stringContaining('until 19:00') }),
    ]);
    expect(nextStallCheck(h.state)).toBe(until + 180 * S);
    for (let t = 60; t < 3_780; t += 60) expect(h.at(T0 + t * S, { rows: waitingScreen(until) })).toEqual([]);
    const actions = h.at(until + 180 * S, { rows: waitingScreen(until) });
    expect(actions).toContainEqual({
      type: 'restart',
      name: 'builder',
      reason: 'stalled: idle 3775s, 180s past its WAITING-UNTIL 19:00 — the self-wake did not fire',
    });
    expect(h.actions.filter((a) => a.type === 'note' && a.kind === 'waiting')).toHaveLength(1);
  });

  it('notes a new marker again', () => {
    const h = new Harness();
    h.at(T0 + 5 * S, { rows: waitingScreen(T0 + 3_600 * S) });
    h.at(T0 + 10 * S, { rows: waitingScreen(T0 + 7_200 * S) });
    expect(h.actions.filter((a) => a.type === 'note' && a.kind === 'waiting')).toHaveLength(2);
  });

  it('never shortens the allowance: a marker sooner than stall_idle changes nothing', () => {
    const h = new Harness();
    const actions = h.at(T0 + 5 * S, { rows: waitingScreen(T0 + 30 * S), lastOutputAt: T0 + 5 * S });
    expect(actions).toEqual([]); // no 'waiting' note: the marker does not postpone anything
    expect(h.at(T0 + 250 * S, { rows: waitingScreen(T0 + 30 * S) })).toEqual([]);
    expect(h.at(T0 + 305 * S, { rows: waitingScreen(T0 + 30 * S) })).toContainEqual(
      expect.objectContaining({ type: 'restart', reason: 'stalled: idle 300s with no WAITING-UNTIL marker' }),
    );
  });

  it('does not restart at once for a stale marker left on screen by an agent that has since worked', () => {
    const until = T0 + 600 * S;
    const h = new Harness();
    h.at(T0 + 5 * S, { rows: waitingScreen(until) });
    // it woke at its time, worked, and went quiet with the old marker still on screen
    h.at(until + 500 * S, { rows: waitingScreen(until), lastOutputAt: until + 490 * S });
    expect(h.restarts()).toEqual([]);
    expect(nextStallCheck(h.state)).toBe(until + 790 * S);
  });
});

describe('decideStall on a footer_ui backend', () => {
  const footer = (spinner: string) => ['~ Reading src/a.ts', 'Patch applied.', ` ${spinner} Preparing patch…`, ' ▣ Build · GPT-5.4', ' ctrl+p commands'];
  const idleFooter = ['~ Reading src/a.ts', 'Patch applied.', '', ' ▣ Build · GPT-5.4 · 2m 19s', ' 178.4K (17%) ctrl+p commands'];
  const noActive = { ...footerSettings, patterns: { ...footerSettings.patterns, active: /esc interrupt/i } };

  it('is not stalled while its spinner row keeps changing', () => {
    const h = new Harness(noActive);
    const frames = ['⠋', '⠙', '⠹', '⠸'];
    for (let i = 1; i <= 120; i++) h.at(T0 + i * 10 * S, { rows: footer(frames[i % frames.length]!) });
    expect(h.restarts()).toEqual([]);
  });

  it('is stalled once the footer stops changing (output elsewhere does not count)', () => {
    const h = new Harness(noActive);
    h.at(T0 + 10 * S, { rows: idleFooter });
    h.at(T0 + 200 * S, { rows: ['~ Searching', ...idleFooter.slice(1)], lastOutputAt: T0 + 200 * S });
    expect(h.at(T0 + 310 * S, { rows: idleFooter })).toContainEqual(expect.objectContaining({ type: 'restart' }));
  });

  it('counts a recently written log as activity until log_grace has passed', () => {
    const h = new Harness(footerSettings);
    const logTouchedAt = T0 + 100 * S;
    h.at(T0 + 10 * S, { rows: idleFooter, logTouchedAt });
    // active until 100 + 180 = 280 s; a stall at 280 + 300 = 580 s
    expect(nextStallCheck(h.state)).toBe(T0 + 580 * S);
    expect(h.at(T0 + 579 * S, { rows: idleFooter, logTouchedAt })).toEqual([]);
    expect(h.at(T0 + 580 * S, { rows: idleFooter, logTouchedAt })).toContainEqual(expect.objectContaining({ type: 'restart' }));
  });
});

describe('decideStall never stalls an agent that is not expected to be busy', () => {
  it.each(['needs-input', 'limited', 'stopped', 'exited', 'crashed'] as const)('%s: no restart however long', (status) => {
    const h = new Harness();
    for (let t = 60; t <= 7_200; t += 60) h.at(T0 + t * S, { status });
    expect(h.restarts()).toEqual([]);
    expect(nextStallCheck(h.state)).toBeNull();
  });

  it('a needs-input agent counts idle time from when its question was answered', () => {
    const h = new Harness();
    h.at(T0 + 3_600 * S, { status: 'needs-input' });
    expect(h.at(T0 + 3_601 * S, { status: 'idle' })).toEqual([]);
    expect(nextStallCheck(h.state)).toBe(T0 + 3_900 * S);
  });

  it('a limit hold counts as not busy, whatever the screen says', () => {
    const h = new Harness();
    for (let t = 60; t <= 7_200; t += 60) h.at(T0 + t * S, { limitHeld: true });
    expect(h.restarts()).toEqual([]);
  });
});

describe('stallSettingsFrom', () => {
  it('reads stall_idle, log_grace, stall_grace from the config, in ms', () => {
    const path = fileURLToPath(new URL('../../agents.example.toml', import.meta.url));
    const { config } = loadConfig({ path, env: {} });
    const agent = config.agents.find((a) => a.name === 'builder')!;
    const s = stallSettingsFrom(agent, config.backends[agent.backend]!, config.watchdog, 'UTC');
    expect(s).toMatchObject({ name: 'builder', stallIdleMs: 300_000, stallGraceMs: 180_000, logGraceMs: 180_000, timeZone: 'UTC' });
    expect(s.patterns.active?.test('esc to interrupt')).toBe(true);
    expect(s.patterns.footerUi).toBe(false);
  });
});
