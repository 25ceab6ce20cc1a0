import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { WatchdogAction } from '../../src/watchdog/actions.js';
import { decideLimit, isHeld, limitMark, limitNudge, limitSettingsFrom, nextLimitCheck, parseHold, serializeHold, type LimitHold, type LimitSettings, type TranscriptLimit } from '../../src/watchdog/limit-hold.js';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 5, 14, 22, 0); // 22:00 UTC

const settings: LimitSettings = {
  name: 'supervisor',
  kind: 'persistent',
  patterns: { limit: /hit your usage limit/i, active: /esc to interrupt/i, ask: /\[y\/n\]/i, footerUi: false, footerRows: 10 },
  timeZone: 'UTC',
  resetSlackMs: 45 * S,
  probeFallbackMs: 300 * S,
};
const NUDGE = limitNudge('persistent');

/** A demo-agent-like screen: conversation, status line, input box, footer; cursor in the box. */
function screen(conversation: string[], status = '', input = ''): { rows: string[]; cursorY: number } {
  const rows = [...conversation, status, '╭────────────────────────────────────────╮', `│ > ${input.padEnd(37)}│`, '╰────────────────────────────────────────╯', 'demo · model demo-1'];
  return { rows, cursorY: rows.length - 3 };
}
const banner = (reset = '4am') => `You've hit your usage limit · resets ${reset}`;
const limited = (reset?: string, conversation = ['> go on', '● Working on it.']) => screen(conversation, banner(reset));
const thinking = screen(['> go on', `> ${NUDGE.slice(0, 60)}`], '⠋ Thinking… (1s · esc to interrupt)');
const idle = screen(['> go on', '● Done.']);

/** Drives decideLimit like the driver: observations at given times, actions collected. */
class Harness {
  hold: LimitHold | null = null;
  readonly log: { at: number; action: WatchdogAction }[] = [];
  constructor(readonly s: LimitSettings = settings) {}
  at(now: number, view: { rows: string[]; cursorY: number }, running = true): WatchdogAction[] {
    const d = decideLimit(this.hold, { now, ...view, running }, this.s);
    this.hold = d.state;
    for (const action of d.actions) this.log.push({ at: now, action });
    return d.actions;
  }
  /** Follow nextLimitCheck while the screen stays `view`, up to `until`. */
  runUntil(until: number, view: (now: number) => { rows: string[]; cursorY: number }): void {
    for (let next = nextLimitCheck(this.hold); next !== null && next <= until; next = nextLimitCheck(this.hold)) this.at(next, view(next));
  }
  sends(): number[] {
    return this.log.filter((e) => e.action.type === 'send').map((e) => e.at);
  }
  of(type: WatchdogAction['type']): WatchdogAction[] {
    return this.log.filter((e) => e.action.type === type).map((e) => e.action);
  }
}

describe('decideLimit: a six-hour window', () => {
  it('holds without restarts or nudges, then nudges at reset + slack and clears when the agent resumes', () => {
    const h = new Harness();
    const reset = T0 + 6 * H; // "resets 4am"
    const started = h.at(T0, limited());
    expect(started).toEqual([
      { type: 'mark', name: 'supervisor', status: 'limited', until: reset, detail: 'resets Jun 15 04:00' },
      expect.objectContaining({ type: 'note', kind: 'limit-hold', level: 'info', message: expect.stringContaining('resume nudge at Jun 15 04:00') }),
    ]);
    expect(isHeld(h.hold)).toBe(true);
    expect(nextLimitCheck(h.hold)).toBe(reset + 45 * S);

    for (let t = T0 + 10 * MIN; t < reset + 45 * S; t += 10 * MIN) expect(h.at(t, limited())).toEqual([]);
    expect(isHeld(h.hold)).toBe(true);
    expect(h.of('restart')).toEqual([]);

    const probe = h.at(reset + 45 * S, limited());
    expect(probe).toContainEqual({ type: 'send', name: 'supervisor', text: NUDGE, reason: 'usage-limit probe #1' });
    expect(probe).toContainEqual(expect.objectContaining({ type: 'note', kind: 'limit-probe' }));
    expect(nextLimitCheck(h.hold)).toBe(reset + 48 * S);

    const resumed = h.at(reset + 48 * S, thinking);
    expect(resumed).toEqual([
      { type: 'mark', name: 'supervisor', status: null },
      expect.objectContaining({ type: 'note', kind: 'limit-clear', message: expect.stringContaining('probe #1 resumed it') }),
    ]);
    expect(h.hold).toBeNull();
    expect(h.sends()).toEqual([reset + 45 * S]);
  });

  it('returns the same hold object when nothing changed, so the driver need not save it', () => {
    const h = new Harness();
    h.at(T0, limited());
    const before = h.hold;
    h.at(T0 + MIN, limited());
    expect(h.hold).toBe(before);
  });
});

describe('decideLimit: probing', () => {
  it('probes an unreadable reset every limit_probe_fallback and warns once after three failed probes', () => {
    const h = new Harness();
    const noTime = () => screen(['> go on', `> ${NUDGE.slice(0, 50)}`, '● Cannot answer now.'], "You've hit your usage limit.");
    h.at(T0, noTime());
    expect(h.of('mark')[0]).toEqual({ type: 'mark', name: 'supervisor', status: 'limited', detail: 'reset time unknown; probing' });
    expect(nextLimitCheck(h.hold)).toBe(T0 + 300 * S);
    h.runUntil(T0 + 30 * MIN, noTime);
    expect(h.sends()).toEqual([T0 + 300 * S, T0 + 603 * S, T0 + 906 * S, T0 + 1_209 * S, T0 + 1_512 * S]);
    const warnings = h.log.filter((e) => e.action.type === 'note' && e.action.kind === 'limit-warn');
    expect(warnings).toEqual([
      { at: T0 + 909 * S, action: expect.objectContaining({ level: 'warn', message: expect.stringContaining('after 3 probes') }) },
    ]);
    expect(h.of('restart')).toEqual([]);
  });

  it('probes on the fallback interval when the reset is more than six hours away, still showing it', () => {
    const h = new Harness();
    h.at(T0, limited('Jun 16, 10pm'));
    expect(h.of('mark')[0]).toMatchObject({ status: 'limited', until: Date.UTC(2026, 5, 16, 22, 0) });
    expect(nextLimitCheck(h.hold)).toBe(T0 + 300 * S);
  });

  it('after a failed probe, waits for the reset the banner now names', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    const after = h.at(T0 + 5 * MIN + 48 * S, limited('11pm', ['> go on', `> ${NUDGE.slice(0, 50)}`]));
    expect(after).toEqual([expect.objectContaining({ type: 'mark', status: 'limited', until: T0 + H })]);
    expect(nextLimitCheck(h.hold)).toBe(T0 + H + 45 * S);
  });

  it('after a failed probe, does not trust a reset that has already passed', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 48 * S, limited('10:05pm'));
    expect(nextLimitCheck(h.hold)).toBe(T0 + 5 * MIN + 48 * S + 300 * S);
  });

  it('probes at once when the banner names a reset that has just passed', () => {
    const h = new Harness();
    h.at(T0 + 2 * MIN, limited('10pm'));
    expect(nextLimitCheck(h.hold)).toBe(T0 + 2 * MIN);
    expect(h.at(T0 + 2 * MIN, limited('10pm'))).toContainEqual(expect.objectContaining({ type: 'send' }));
  });

  it('does not type the nudge again while the last one is still on screen below the banner', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    const typed = screen(['> go on'], banner('10:05pm'), NUDGE.slice(0, 36));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 48 * S, typed); // failed: banner still up
    expect(nextLimitCheck(h.hold)).toBe(T0 + 5 * MIN + 48 * S + 300 * S);
    expect(h.at(T0 + 10 * MIN + 48 * S, typed)).toEqual([]);
    expect(nextLimitCheck(h.hold)).toBe(T0 + 10 * MIN + 48 * S + 30 * S);
    expect(h.sends()).toHaveLength(1);
  });

  it('types the nudge again when the agent answered the last one with the banner', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    const answered = screen(['> go on', `> ${NUDGE.slice(0, 36)}`], banner('10:05pm'));
    h.at(T0 + 5 * MIN + 48 * S, answered);
    h.at(T0 + 10 * MIN + 48 * S, answered);
    expect(h.sends()).toHaveLength(2);
  });

  it('does not type a nudge over a question waiting for a person', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    const asking = screen(['> go on', '? Allow rm -rf build/ [y/n]'], banner('10:05pm'));
    expect(h.at(T0 + 6 * MIN, asking)).toEqual([]);
    expect(nextLimitCheck(h.hold)).toBe(T0 + 6 * MIN + 30 * S);
  });
});

describe('decideLimit: confirming a nudge', () => {
  it('does not judge before the confirm delay, and takes a banner that stays for a failed probe', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    expect(h.at(T0 + 5 * MIN + 46 * S, limited('10:05pm'))).toEqual([]);
    expect(h.hold?.phase).toBe('confirming');
    h.at(T0 + 5 * MIN + 48 * S, limited('10:05pm'));
    expect(h.hold?.phase).toBe('waiting');
    expect(h.hold?.probes).toBe(1);
  });

  it('keeps watching an agent that works while the banner is still on screen, then counts it resumed', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    const busyUnderBanner = screen(['> go on', banner('10:05pm'), `> ${NUDGE.slice(0, 40)}`], '⠋ Thinking… (2s · esc to interrupt)');
    h.runUntil(T0 + 5 * MIN + 74 * S, () => busyUnderBanner);
    expect(h.hold).not.toBeNull();
    h.runUntil(T0 + 5 * MIN + 75 * S, () => busyUnderBanner);
    expect(h.hold).toBeNull();
    expect(h.of('mark').at(-1)).toEqual({ type: 'mark', name: 'supervisor', status: null });
  });

  it('a spinner that gives way to the banner again is a failed probe, not a resume', () => {
    const h = new Harness();
    h.at(T0, limited('10:05pm'));
    h.at(T0 + 5 * MIN + 45 * S, limited('10:05pm'));
    const sending = screen(['> go on', banner('10:05pm'), `> ${NUDGE.slice(0, 40)}`], '⠋ Thinking… (0s · esc to interrupt)');
    h.at(T0 + 5 * MIN + 48 * S, sending);
    h.at(T0 + 5 * MIN + 50 * S, limited('11pm'));
    h.at(nextLimitCheck(h.hold)!, limited('11pm'));
    expect(h.hold).toMatchObject({ phase: 'waiting', probes: 1, nextAt: T0 + H + 45 * S });
  });
});

describe('decideLimit: clearing', () => {
  it('clears when the agent works again, without a nudge', () => {
    const h = new Harness();
    h.at(T0, limited());
    const actions = h.at(T0 + H, screen(['> (typed by a person)'], '⠋ Thinking… (1s · esc to interrupt)'));
    expect(actions).toEqual([{ type: 'mark', name: 'supervisor', status: null }, expect.objectContaining({ kind: 'limit-clear', message: expect.stringContaining('works again') })]);
    expect(h.hold).toBeNull();
  });

  it('clears when the banner disappears before the reset, without a nudge', () => {
    const h = new Harness();
    h.at(T0, limited());
    const actions = h.at(T0 + H, idle);
    expect(actions).toEqual([{ type: 'mark', name: 'supervisor', status: null }, expect.objectContaining({ kind: 'limit-clear', message: expect.stringContaining('banner is gone') })]);
  });

  it('clears and nudges an idle agent whose banner went away at the reset', () => {
    const h = new Harness();
    h.at(T0, limited('10:01pm'));
    const actions = h.at(T0 + MIN + 20 * S, idle);
    expect(actions).toContainEqual({ type: 'mark', name: 'supervisor', status: null });
    expect(actions).toContainEqual({ type: 'send', name: 'supervisor', text: NUDGE, reason: 'usage limit lifted: resume' });
    expect(h.hold).toBeNull();
  });

  it('clears when the process exits (healing restarts it)', () => {
    const h = new Harness();
    h.at(T0, limited());
    expect(h.at(T0 + MIN, limited(), false)).toContainEqual(expect.objectContaining({ kind: 'limit-clear', message: expect.stringContaining('exited') }));
    expect(h.hold).toBeNull();
  });

  it('starts no hold while the agent works, without a banner, or without limit_re', () => {
    const h = new Harness();
    expect(h.at(T0, screen([banner()], '⠋ Thinking… (1s · esc to interrupt)'))).toEqual([]);
    expect(h.at(T0, idle)).toEqual([]);
    const noPattern = new Harness({ ...settings, patterns: { ...settings.patterns, limit: undefined } });
    expect(noPattern.at(T0, limited())).toEqual([]);
    expect(h.hold).toBeNull();
    expect(nextLimitCheck(null)).toBeNull();
  });
});

describe('decideLimit on a footer_ui backend (the screens of agents.py\'s selftest)', () => {
  const tui: LimitSettings = {
    ...settings,
    name: 'tui',
    kind: 'loop',
    patterns: { limit: /usage limit|limit reached|hit your .*limit/i, active: /esc interrupt|thinking|preparing patch|reading|searching/i, footerUi: true, footerRows: 10 },
  };
  const read = (name: string) => {
    const rows = readFileSync(new URL(`../session/screens/${name}.txt`, import.meta.url), 'utf8').replace(/\n$/, '').split('\n');
    return { rows, cursorY: rows.length - 1 };
  };

  it('a limit banner under an idle footer is a hold, with the reset the banner names', () => {
    const h = new Harness(tui);
    h.at(T0, read('footer-limit'));
    expect(h.hold).toMatchObject({ resetAt: Date.UTC(2026, 5, 16, 22, 0), nextAt: T0 + 300 * S }); // two days away: probe
  });

  it('an active footer is work: no hold, and a hold clears', () => {
    const h = new Harness(tui);
    const active = read('footer-active');
    expect(h.at(T0, { rows: [...active.rows, banner()], cursorY: active.rows.length - 1 })).toEqual([]);
    h.at(T0, read('footer-limit'));
    expect(h.at(T0 + MIN, active)).toContainEqual(expect.objectContaining({ kind: 'limit-clear' }));
  });

  it('loop agents get the loop nudge', () => {
    const h = new Harness(tui);
    h.at(T0, read('footer-limit'));
    expect(h.at(T0 + 300 * S, read('footer-limit'))).toContainEqual(expect.objectContaining({ type: 'send', text: limitNudge('loop') }));
  });
});

describe('holds across a server restart', () => {
  it('round-trips through serializeHold / parseHold', () => {
    const h = new Harness();
    h.at(T0, limited());
    h.at(T0 + 6 * H + 45 * S, limited());
    h.at(T0 + 6 * H + 48 * S, limited()); // probe #1 refused: waiting for the next one
    const stored = parseHold(serializeHold(h.hold!));
    expect(stored).toEqual({ ...h.hold!, bannerSeen: false });
  });

  it("a freshly started agent's work does not end a restored hold: its probe at the reset does", () => {
    const h = new Harness();
    h.at(T0, limited());
    h.hold = parseHold(serializeHold(h.hold!));
    // the new process works on its kickoff, then sits idle: the limit has not been tested
    expect(h.at(T0 + MIN, thinking)).toEqual([]);
    expect(h.at(T0 + 2 * MIN, idle)).toEqual([]);
    expect(isHeld(h.hold)).toBe(true);
    // at the reset (+ slack) it is probed, and working then is the limit lifting
    expect(h.at(T0 + 6 * H + 45 * S, idle)).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #1' }));
    expect(h.at(T0 + 6 * H + 46 * S, thinking)).toContainEqual(expect.objectContaining({ kind: 'limit-clear', message: expect.stringContaining('probe #1 resumed it') }));
  });

  it('a restored hold does not type its probe over work in progress: it looks again later', () => {
    const h = new Harness();
    h.at(T0, limited());
    h.hold = parseHold(serializeHold(h.hold!));
    expect(h.at(T0 + 6 * H + 45 * S, thinking)).toEqual([]);
    expect(nextLimitCheck(h.hold)).toBe(T0 + 6 * H + 75 * S);
    expect(h.at(T0 + 6 * H + 75 * S, idle)).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #1' }));
  });

  it('a hold saved while its probe was being confirmed probes the new process again', () => {
    const h = new Harness();
    h.at(T0, limited());
    h.at(T0 + 6 * H + 45 * S, limited()); // probe #1 typed into the old process
    expect(h.hold?.phase).toBe('confirming');
    h.hold = parseHold(serializeHold(h.hold!));
    expect(h.hold).toMatchObject({ phase: 'waiting', probes: 1, nextAt: T0 + 6 * H + 48 * S });
    // the new process's first output is not the nudge's answer
    expect(h.at(T0 + 6 * H + 50 * S, thinking)).toEqual([]);
    expect(h.at(T0 + 6 * H + 80 * S, idle)).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #2' }));
  });

  it('a restored hold is not cleared by a fresh screen without the banner: it waits for its probe', () => {
    const h = new Harness();
    h.at(T0, limited());
    h.hold = parseHold(serializeHold(h.hold!));
    expect(h.at(T0 + MIN, idle)).toEqual([]);
    expect(h.hold).not.toBeNull();
    const probe = h.at(T0 + 6 * H + 45 * S, idle);
    expect(probe).toContainEqual(expect.objectContaining({ type: 'send' }));
    expect(h.at(T0 + 6 * H + 48 * S, idle)).toContainEqual(expect.objectContaining({ kind: 'limit-clear', message: expect.stringContaining('no banner after probe #1') }));
  });

  it('a restored hold clears once its banner, seen again, goes away', () => {
    const h = new Harness();
    h.at(T0, limited());
    h.hold = parseHold(serializeHold(h.hold!));
    h.at(T0 + MIN, limited());
    expect(h.at(T0 + 2 * MIN, idle)).toContainEqual(expect.objectContaining({ kind: 'limit-clear' }));
  });

  it('gives the driver the mark to show for a restored hold', () => {
    const hold = parseHold(serializeHold({ since: T0, resetAt: T0 + H, nextAt: T0 + H + 45 * S, probes: 0, phase: 'waiting', sentAt: null, bannerSeen: true }))!;
    expect(limitMark('supervisor', hold, 'UTC')).toEqual({ type: 'mark', name: 'supervisor', status: 'limited', until: T0 + H, detail: 'resets 23:00' });
  });

  it.each([
    '',
    'not json',
    'null',
    '[]',
    '42',
    '{}',
    '{"version":2,"since":1,"resetAt":null,"nextAt":2,"probes":0,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":"1","resetAt":null,"nextAt":2,"probes":0,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":1,"resetAt":null,"nextAt":2,"probes":-1,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":1,"resetAt":null,"nextAt":2,"probes":1.5,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":1,"resetAt":null,"nextAt":2,"probes":0,"phase":"napping","sentAt":null}',
    '{"version":1,"since":1,"resetAt":null,"nextAt":2,"probes":1,"phase":"confirming","sentAt":null}',
    '{"version":1,"since":1,"resetAt":"soon","nextAt":2,"probes":0,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":1,"nextAt":2,"probes":0,"phase":"waiting","sentAt":null}',
    '{"version":1,"since":1e999,"resetAt":null,"nextAt":2,"probes":0,"phase":"waiting","sentAt":null}',
    '{"until": 1781474400.5, "nudges": 0}',
  ])('parseHold(%j) is null', (text) => {
    expect(parseHold(text)).toBeNull();
  });
});

describe('nudge text and settings', () => {
  it('tells loop agents to re-read their phase files, everyone else to carry on', () => {
    expect(limitNudge('loop')).toContain('RESUME your loop now');
    for (const kind of ['persistent', 'orchestrator', 'task'] as const) expect(limitNudge(kind)).toContain('RESUME now — re-check status');
    for (const kind of ['loop', 'persistent'] as const) expect(limitNudge(kind).startsWith('watchdog probe: if the quota')).toBe(true);
  });

  it('limitSettingsFrom reads limit_reset_slack and limit_probe_fallback in ms, and the backend patterns', () => {
    const path = fileURLToPath(new URL('../../agents.example.toml', import.meta.url));
    const { config } = loadConfig({ path, env: {} });
    const agent = config.agents.find((a) => a.name === 'supervisor')!;
    const s = limitSettingsFrom(agent, config.backends[agent.backend]!, config.watchdog, 'UTC');
    expect(s).toMatchObject({ name: 'supervisor', kind: 'persistent', resetSlackMs: 45_000, probeFallbackMs: 300_000 });
    expect(s.patterns.limit?.test("You've hit your usage limit · resets 10:42pm")).toBe(true);
  });
});

describe('decideLimit: a limit the session file records (no banner needed)', () => {
  const at = (h: LimitHold | null, now: number, view: { rows: string[]; cursorY: number }, transcript: TranscriptLimit | null) =>
    decideLimit(h, { now, ...view, running: true, transcript }, settings);

  it("Codex's resets_at: the hold waits until exactly that second, then clears and nudges the agent to resume", () => {
    const resetAt = T0 + 2 * H + 17 * S;
    const codex = (now: number): TranscriptLimit => ({ limited: now < resetAt, resetAt: now < resetAt ? resetAt : null, text: null });
    const started = at(null, T0, idle, codex(T0));
    // the record decided it: status_source "session-file"
    expect(started.actions).toContainEqual({ type: 'mark', name: 'supervisor', status: 'limited', until: resetAt, detail: 'resets Jun 15 00:00', source: 'session-file' });
    expect(parseHold(serializeHold(started.state!))).toMatchObject({ recorded: true }); // and a restart keeps it so
    expect(started.actions).toContainEqual(expect.objectContaining({ kind: 'limit-hold', message: expect.stringContaining('session file says reset') }));
    expect(nextLimitCheck(started.state)).toBe(resetAt);
    const before = at(started.state, resetAt - 1, idle, codex(resetAt - 1));
    expect(before.actions).toEqual([]);
    const reset = at(started.state, resetAt, idle, codex(resetAt));
    expect(reset.state).toBeNull();
    expect(reset.actions).toContainEqual({ type: 'send', name: 'supervisor', text: NUDGE, reason: 'usage limit lifted: resume' });
    expect(reset.actions).toContainEqual({ type: 'mark', name: 'supervisor', status: null });
  });

  it("Claude's 429 record holds an idle agent with no banner on screen, the reset read from the record's text", () => {
    const record: TranscriptLimit = { limited: true, resetAt: null, text: "You've hit your session limit · resets 3am (UTC)" };
    const d = at(null, T0, idle, record);
    expect(d.actions[0]).toEqual({ type: 'mark', name: 'supervisor', status: 'limited', until: T0 + 5 * H, detail: 'resets Jun 15 03:00', source: 'session-file' });
    expect(nextLimitCheck(d.state)).toBe(T0 + 5 * H + 45 * S);
    // probed at the reset; the model's answer (a real record) clears the hold
    const probe = at(d.state, T0 + 5 * H + 45 * S, idle, record);
    expect(probe.actions).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #1' }));
    const answered = at(probe.state, T0 + 5 * H + 48 * S, thinking, { limited: false, resetAt: null, text: null });
    expect(answered.state).toBeNull();
  });

  it('a record that says no limit starts no hold; without a session file the screen alone decides', () => {
    expect(at(null, T0, idle, { limited: false, resetAt: null, text: null }).state).toBeNull();
    expect(at(null, T0, idle, null).state).toBeNull();
    expect(isHeld(at(null, T0, limited(), null).state)).toBe(true);
  });
});

describe('decideLimit: a refused probe that only the session file records', () => {
  it('probes again at the next reset although its last nudge is still on screen with no banner after it', () => {
    const record: TranscriptLimit = { limited: true, resetAt: null, text: 'API Error: 429 rate limited' };
    const nudged = screen(['> go on', `> ${NUDGE.slice(0, 60)}`, '● API Error: 429']);
    const h = { hold: null as LimitHold | null };
    const at = (now: number, view: { rows: string[]; cursorY: number }) => {
      const d = decideLimit(h.hold, { now, ...view, running: true, transcript: record }, settings);
      h.hold = d.state;
      return d.actions;
    };
    at(T0, idle);
    expect(at(T0 + 300 * S, idle)).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #1' }));
    expect(at(T0 + 303 * S, nudged).filter((a) => a.type === 'send')).toEqual([]); // refused: waits for the fallback
    expect(at(nextLimitCheck(h.hold)!, nudged)).toContainEqual(expect.objectContaining({ type: 'send', reason: 'usage-limit probe #2' }));
  });
});
