import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { SessionStatus } from '../../src/protocol/messages.js';
import { decideAgentCheck, type AgentCheckEffect, type AgentCheckInput, type AgentCheckState } from '../../src/watchdog/agent-check.js';
import { AgentSettingsCache } from '../../src/watchdog/agent-settings.js';
import { HEALTHY, type HealSettings } from '../../src/watchdog/heal.js';
import { startStall } from '../../src/watchdog/stall.js';
import { startWake } from '../../src/watchdog/wake.js';

// One look at one agent as a pure decision: the order (heal, limit, problem, stall, inbox,
// wake) and what ends a look early. No pty, no clock: inputs carry their own time.
const dir = mkdtempSync(join(tmpdir(), 'hangar-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'agents.toml'),
  `
[defaults]
session_prefix = "ck-"
log_dir = "state"
dir = "work"

[backend.b]
bin = "true"
prompt_delivery = "exec"
fatal_re = "FATAL ERROR"
limit_re = "usage limit reached"
idle_re = "^> "
stall_idle = 60

[[agent]]
name = "a"
backend = "b"
watch = "heal+stall"
`,
);
const { config } = loadConfig({ path: join(dir, 'agents.toml') });
const agent = config.agents[0]!;
const settings = new AgentSettingsCache('UTC').get(config, agent)!;
const heal: HealSettings = { maxRestarts: 2, windowMs: 600_000, backoffBaseMs: 1000, backoffMaxMs: 60_000 };
const NOW = 10_000_000;
const WAKE_MS = 60_000;

/** The look's input: agent `a` running with `rows` on screen in `status`, unless said otherwise. */
function input(over: Partial<AgentCheckInput> & { rows?: string[]; status?: SessionStatus } = {}): AgentCheckInput {
  const { rows = ['> '], status = 'idle', ...rest } = over;
  return {
    name: 'a',
    now: NOW,
    watch: 'heal+stall',
    settings,
    heal,
    backends: config.backends,
    session: { rows, cursorY: 0, status, foregroundProcess: '', lastOutputAt: NOW },
    wake: { intervalMs: WAKE_MS, promptFile: 'wake.md', readPrompt: () => 'check in' },
    sequenceComplete: false,
    ...rest,
  };
}

const fresh = (over: Partial<AgentCheckState> = {}): AgentCheckState => ({
  heal: HEALTHY,
  limit: null,
  stall: startStall(NOW, settings.stall),
  wake: startWake(NOW),
  ...over,
});

/** The effects as short words, in order, empty performs left out: what the driver will do. */
function steps(effects: AgentCheckEffect[]): string[] {
  return effects.flatMap((e) => {
    if (e.type !== 'perform') return [e.type];
    return e.actions.length ? [`${e.kind}:${e.actions.map((a) => a.type).join('+')}`] : [];
  });
}

describe('one look at an agent (agent-check.ts)', () => {
  it('a healthy idle agent: its pings are delivered, nothing else', () => {
    expect(steps(decideAgentCheck(fresh(), input()).effects)).toEqual(['deliver-pings']);
  });

  it('an agent that is not running is only healed: a restart whose backoff is over, then no more', () => {
    const pending = { ...HEALTHY, pending: { at: NOW, reason: 'process exited' } };
    const check = decideAgentCheck(fresh({ heal: pending }), input({ session: null }));
    expect(steps(check.effects)).toEqual(['restart:restart']);
    expect(check.state.heal.pending).toBeNull();
  });

  it('a fatal screen is a failure that ends the look: no pings, no wake', () => {
    const check = decideAgentCheck(fresh({ wake: startWake(NOW - WAKE_MS) }), input({ rows: ['FATAL ERROR', '> '] }));
    expect(steps(check.effects)).toEqual(['restart:restart']);
    expect(check.state.heal.restarts).toEqual([NOW]);
  });

  it('a limit its session file records holds the agent in the same look: no pings, the due wake deferred', () => {
    const transcript = { limited: true, resetAt: NOW + 3_600_000, text: null };
    const base = input({ wake: { intervalMs: WAKE_MS, promptFile: 'wake.md', readPrompt: () => 'check in' } });
    const check = decideAgentCheck(fresh({ wake: startWake(NOW - WAKE_MS) }), { ...base, session: { ...base.session!, transcript } });
    expect(steps(check.effects)).toEqual(['save-hold', 'limit-probe:mark+note', 'wake:note']);
    expect(check.state.wake?.deferred).toBe(true);
  });

  it('the look that types the hold\'s resume nudge types nothing else', () => {
    const held = decideAgentCheck(fresh(), { ...input(), session: { ...input().session!, transcript: { limited: true, resetAt: NOW + 1000, text: null } } }).state;
    const later = input({ now: NOW + 1000, wake: { intervalMs: WAKE_MS, promptFile: 'wake.md', readPrompt: () => 'check in' } });
    const check = decideAgentCheck({ ...held, wake: startWake(NOW - WAKE_MS) }, { ...later, session: { ...later.session!, transcript: { limited: false, resetAt: null, text: null } } });
    expect(steps(check.effects)).toEqual(['save-hold', 'limit-probe:mark+note+send']);
  });

  it('while a usage limit holds, a fatal-looking screen restarts nothing (the hold is saved)', () => {
    const check = decideAgentCheck(fresh(), input({ rows: ['usage limit reached', 'FATAL ERROR', '> '] }));
    expect(steps(check.effects)).toContain('save-hold');
    expect(steps(check.effects).some((s) => s.startsWith('restart:'))).toBe(false);
    expect(check.state.limit).not.toBeNull();
  });

  it('a stall that restarts the agent ends the look before its pings and wake', () => {
    const stalled = decideAgentCheck(fresh({ wake: startWake(NOW - WAKE_MS) }), input({ now: NOW + 61_000, session: { rows: ['> '], cursorY: 0, status: 'idle', foregroundProcess: '', lastOutputAt: NOW } }));
    expect(steps(stalled.effects)).toEqual(['stall:note', 'restart:restart']);
  });

  it('a stall once the restart budget is spent: the agent is marked crashed, the budget saved, and the look goes on', () => {
    const spent = { ...HEALTHY, restarts: [NOW - 2000, NOW - 1000] };
    const check = decideAgentCheck(fresh({ heal: spent }), input({ now: NOW + 61_000 }));
    expect(steps(check.effects)).toEqual(['stall:note', 'save-restarts', 'restart:mark+note', 'deliver-pings', 'wake:send']);
  });

  it('a due wake is deferred while the agent works, and its prompt file is read only when a wake is due', () => {
    let reads = 0;
    const wake = { intervalMs: WAKE_MS, promptFile: 'wake.md', readPrompt: () => (reads++, 'check in') };
    decideAgentCheck(fresh(), input({ wake }));
    expect(reads).toBe(0);
    const busy = decideAgentCheck(fresh({ wake: startWake(NOW - WAKE_MS) }), input({ wake, status: 'working', rows: ['thinking'] }));
    expect(reads).toBe(1);
    expect(steps(busy.effects)).toEqual(['deliver-pings', 'wake:note']);
    expect(busy.state.wake?.deferred).toBe(true);
  });

  it('no wake once the loop is complete', () => {
    const check = decideAgentCheck(fresh({ wake: startWake(NOW - WAKE_MS) }), input({ sequenceComplete: true }));
    expect(steps(check.effects)).toEqual(['deliver-pings']);
  });
});
