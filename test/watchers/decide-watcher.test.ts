import { describe, expect, it } from 'vitest';
import type { WatcherConfig } from '../../src/config/types.js';
import { decideWatcher, type WatcherInput } from '../../src/watchers/decide-watcher.js';
import { combine, type Verdict } from '../../src/watchers/watcher-action.js';
import { FRESH, type WatcherState } from '../../src/watchers/watcher-state.js';
import type { TurnObservation } from '../../src/watchers/turn-observation.js';
import { globPattern } from '../../src/watchers/path-glob.js';

const watcher = (kind: WatcherConfig['kind'], more: Partial<WatcherConfig> = {}): WatcherConfig => ({ kind, message_role: 'user', ...more });

function turn(more: Partial<TurnObservation> = {}): TurnObservation {
  return { turn: 1, prompt: 'go', reply: 'done', toolCalls: [], errors: [], filesChanged: [], mcpCalls: [], tokens: 10, costUsd: null, totalCostUsd: null, screen: [], ...more };
}

const input = (obs: TurnObservation, more: Partial<WatcherInput> = {}): WatcherInput => ({ obs, now: 1000, dir: '/work/app', run: null, ...more });

/** Several turns through one watcher: each turn's action type, and the last state. */
function run(w: WatcherConfig, turns: TurnObservation[], state: WatcherState = FRESH) {
  const actions: string[] = [];
  for (const t of turns) {
    const d = decideWatcher(w, input(t), state);
    state = d.state;
    actions.push(d.action.type);
  }
  return { actions, state };
}

const bash = (arg: string) => ({ tool: 'Bash', arg });
const delegate = { tool: 'mcp__hangar__delegate', arg: 'worker-1' };

describe('delegation_reminder', () => {
  it('nudges at the threshold-th tool call in a row that delegates nothing, then counts again', () => {
    const w = watcher('delegation_reminder', { threshold: 3 });
    const r = run(w, [turn({ toolCalls: [bash('ls')] }), turn({ toolCalls: [bash('cat a')] }), turn({ toolCalls: [bash('cat b')] }), turn({ toolCalls: [bash('cat c')] })]);
    expect(r.actions).toEqual(['continue', 'continue', 'nudge', 'continue']);
    expect(r.state.fired).toBe(1);
    expect(r.state.last?.action).toMatchObject({ type: 'nudge', reason: '3 tool calls in a row without delegating' });
  });

  it('a delegating call (hangar MCP tool) starts the count again; text-only turns neither add nor reset', () => {
    const w = watcher('delegation_reminder', { threshold: 2 });
    expect(run(w, [turn({ toolCalls: [bash('ls')] }), turn({ toolCalls: [delegate] }), turn({ toolCalls: [bash('ls')] }), turn(), turn({ toolCalls: [bash('pwd')] })]).actions).toEqual([
      'continue',
      'continue',
      'continue',
      'continue',
      'nudge',
    ]);
  });

  it('looks only at the last `lookback` calls', () => {
    const w = watcher('delegation_reminder', { threshold: 3, lookback: 2 });
    expect(run(w, [turn({ toolCalls: [bash('a'), bash('b'), bash('c')] })]).actions).toEqual(['continue']);
  });

  it('its nudge says it is a watcher, or gives the configured message', () => {
    const d = decideWatcher(watcher('delegation_reminder', { threshold: 1 }), input(turn({ toolCalls: [bash('ls')] })), FRESH);
    expect(d.action).toMatchObject({ type: 'nudge', text: expect.stringMatching(/^\[watcher: delegation_reminder\] You have made 1 tool calls/) });
    const custom = decideWatcher(watcher('delegation_reminder', { threshold: 1, message: 'delegate!' }), input(turn({ toolCalls: [bash('ls')] })), FRESH);
    expect(custom.action).toMatchObject({ text: '[watcher: delegation_reminder] delegate!' });
  });
});

describe('budget', () => {
  it('aborts once the agent cost reaches max_cost_usd', () => {
    const w = watcher('budget', { max_cost_usd: 0.5 });
    expect(decideWatcher(w, input(turn({ totalCostUsd: 0.49 })), FRESH).action.type).toBe('continue');
    expect(decideWatcher(w, input(turn({ totalCostUsd: 0.5 })), FRESH).action).toEqual({ type: 'abort', reason: 'budget: cost $0.5000 reached its cap of $0.5' });
    expect(decideWatcher(w, input(turn({ totalCostUsd: null })), FRESH).action.type).toBe('continue');
  });

  it('aborts on the turn that reaches max_turns', () => {
    expect(run(watcher('budget', { max_turns: 2 }), [turn(), turn()]).actions).toEqual(['continue', 'abort']);
  });

  it('counts delegate calls across turns against max_sessions', () => {
    const t = turn({ mcpCalls: ['delegate', 'check'] });
    expect(run(watcher('budget', { max_sessions: 1 }), [t, t]).actions).toEqual(['continue', 'abort']);
  });

  it('takes another action when configured', () => {
    expect(decideWatcher(watcher('budget', { max_turns: 1, action: 'pause' }), input(turn()), FRESH).action.type).toBe('pause');
    expect(decideWatcher(watcher('budget', { max_turns: 1, action: 'nudge' }), input(turn()), FRESH).action).toMatchObject({ type: 'nudge', text: expect.stringContaining('budget is spent') });
  });
});

describe('progress', () => {
  it('nudges at the same tool call `repeat` times in a row, across turns', () => {
    const w = watcher('progress', { repeat: 3 });
    const r = run(w, [turn({ toolCalls: [bash('npm test'), bash('npm test')], filesChanged: ['a'] }), turn({ toolCalls: [bash('npm test')], filesChanged: ['a'] })]);
    expect(r.actions).toEqual(['continue', 'nudge']);
    expect(r.state.last?.action.reason).toBe('the same tool call 3 times: Bash npm test');
  });

  it('nudges at the same error `repeat` times in a row', () => {
    const t = turn({ errors: ['ENOENT: no such file'], filesChanged: ['a'] });
    expect(run(watcher('progress', { repeat: 2 }), [t, t]).actions).toEqual(['continue', 'nudge']);
  });

  it('nudges after idle_turns turns with no file changed and nothing delegated; either resets the count', () => {
    const w = watcher('progress', { idle_turns: 2 });
    expect(run(w, [turn(), turn({ filesChanged: ['x'] }), turn(), turn({ toolCalls: [delegate] }), turn(), turn()]).actions).toEqual([
      'continue',
      'continue',
      'continue',
      'continue',
      'continue',
      'nudge',
    ]);
  });
});

describe('delegation', () => {
  it('nudges an agent that edited files itself, not one that only read and delegated', () => {
    const w = watcher('delegation');
    expect(decideWatcher(w, input(turn({ toolCalls: [bash('ls'), delegate] })), FRESH).action.type).toBe('continue');
    expect(decideWatcher(w, input(turn({ toolCalls: [{ tool: 'Write', arg: '/work/app/a.ts' }] })), FRESH).action).toMatchObject({ type: 'nudge', reason: 'edited files itself: /work/app/a.ts' });
  });
});

describe('scope', () => {
  it('nudges at a file edited outside its paths (relative to the agent dir)', () => {
    const w = watcher('scope', { paths: ['src/**', 'README.md'] });
    expect(decideWatcher(w, input(turn({ filesChanged: ['/work/app/src/x/y.ts', 'README.md'] })), FRESH).action.type).toBe('continue');
    expect(decideWatcher(w, input(turn({ filesChanged: ['/work/app/package.json'] })), FRESH).action).toMatchObject({ type: 'nudge', reason: 'edited outside its paths: package.json' });
  });

  it('nudges at an out-of-scope keyword in the reply or a tool call, case-insensitively', () => {
    const w = watcher('scope', { keywords: ['rewrite'] });
    expect(decideWatcher(w, input(turn({ prompt: 'do not rewrite it' })), FRESH).action.type).toBe('continue');
    expect(decideWatcher(w, input(turn({ reply: 'I will Rewrite the parser' })), FRESH).action).toMatchObject({ type: 'nudge', reason: 'out-of-scope work: "rewrite"' });
  });
});

describe('pattern', () => {
  it('matches its regex against the reply (default) or the screen, with its action', () => {
    const w = watcher('pattern', { regex: 'give up', action: 'pause' });
    expect(decideWatcher(w, input(turn({ reply: 'I GIVE UP on this' })), FRESH).action).toEqual({ type: 'pause', reason: '/give up/ in the reply: I GIVE UP on this' });
    expect(decideWatcher(w, input(turn({ reply: 'fine', screen: ['I give up'] })), FRESH).action.type).toBe('continue');
    expect(decideWatcher({ ...w, on: 'screen' }, input(turn({ screen: ['', ' I give up '] })), FRESH).action.type).toBe('pause');
  });
});

describe('quality', () => {
  it('nudges with the tail of a failed command, and says nothing of one that passed', () => {
    const w = watcher('quality', { command: 'npm test', tail: 2 });
    expect(decideWatcher(w, input(turn(), { run: { code: 0, timedOut: false, output: 'ok' } }), FRESH).action.type).toBe('continue');
    const d = decideWatcher(w, input(turn(), { run: { code: 1, timedOut: false, output: 'a\nb\nc\n' } }), FRESH);
    expect(d.action).toMatchObject({ type: 'nudge', reason: '`npm test` exited 1' });
    expect(d.action.type === 'nudge' && d.action.text.endsWith('Fix what it reports:\nb\nc')).toBe(true);
    expect(decideWatcher(w, input(turn(), { run: { code: null, timedOut: true, output: '' } }), FRESH).action).toMatchObject({ reason: '`npm test` ran past its timeout' });
  });
});

describe('combine', () => {
  const v = (action: Verdict['action'], kind: Verdict['kind'] = 'progress'): Verdict => ({ index: 0, kind, role: 'user', action });
  it('the strongest action wins; nudges of one turn go in as one message', () => {
    expect(combine([v({ type: 'continue' })]).action.type).toBe('continue');
    expect(combine([v({ type: 'nudge', text: 'a', reason: 'ra' }), v({ type: 'abort', reason: 'cap' }, 'budget')]).action).toEqual({ type: 'abort', reason: 'cap' });
    const both = combine([v({ type: 'nudge', text: 'a', reason: 'ra' }), v({ type: 'nudge', text: 'b', reason: 'rb' }, 'scope')]);
    expect(both.action).toEqual({ type: 'nudge', text: 'a\n\nb', reason: 'ra; rb' });
    expect(both.by.map((x) => x.kind)).toEqual(['progress', 'scope']);
  });
});

describe('path globs', () => {
  it('** crosses folders (or none), * and ? stay within one', () => {
    expect(globPattern('src/**/*.ts').test('src/a.ts')).toBe(true);
    expect(globPattern('src/**/*.ts').test('src/x/y/a.ts')).toBe(true);
    expect(globPattern('src/*.ts').test('src/x/a.ts')).toBe(false);
    expect(globPattern('a?.md').test('ab.md')).toBe(true);
    expect(globPattern('a.md').test('aXmd')).toBe(false);
  });
});
