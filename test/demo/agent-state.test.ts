import { describe, expect, it } from 'vitest';
import { historyText, initialAgentState, stepAgent, type AgentEvent, type AgentState, type Effect } from '../../src/demo/agent-state.js';

const fresh = (): AgentState => initialAgentState({ id: 's', model: 'demo-1', cwd: '/w', turns: [] });

/** Run events in order at the given times; collect every effect. */
function run(state: AgentState, events: Array<[AgentEvent, number]>): { state: AgentState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const [event, now] of events) {
    const step = stepAgent(state, event, now);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const type = (text: string): AgentEvent => ({ type: 'text', text });
const enter: AgentEvent = { type: 'enter' };

describe('stepAgent', () => {
  it('restores earlier turns after the session line', () => {
    const state = initialAgentState({ id: 'r', model: 'm', cwd: '/w', turns: [{ prompt: 'p', reply: 'q', at: 'x' }] });
    expect(state.entries).toEqual([
      { kind: 'info', text: 'session: r' },
      { kind: 'prompt', text: 'p' },
      { kind: 'reply', text: 'q' },
    ]);
  });

  it('edits the box with typing, paste, backspace and Ctrl-U', () => {
    const { state } = run(fresh(), [
      [type('héllo'), 0],
      [{ type: 'backspace' }, 0],
      [{ type: 'paste', text: '\nx' }, 0],
    ]);
    expect(state.input).toBe('héll\nx');
    expect(run(state, [[{ type: 'ctrl-u' }, 0]]).state.input).toBe('');
  });

  it('thinks on a prompt, keeps typed text while busy, and replies on think-done', () => {
    const thinking = run(fresh(), [
      [type('hi'), 0],
      [enter, 10],
      [type('next'), 20],
      [enter, 30],
    ]);
    expect(thinking.state.mode).toMatchObject({ kind: 'thinking', prompt: 'hi', startedAt: 10 });
    expect(thinking.state.input).toBe('next');
    expect(thinking.effects).toEqual([]);

    const done = run(thinking.state, [[{ type: 'think-done', reply: 'You said: "hi"' }, 1510]]);
    expect(done.state.mode.kind).toBe('idle');
    expect(done.state.entries.slice(-2)).toEqual([
      { kind: 'prompt', text: 'hi' },
      { kind: 'reply', text: 'You said: "hi"' },
    ]);
    expect(done.effects).toEqual([{ kind: 'record-turn', turn: { prompt: 'hi', reply: 'You said: "hi"', at: new Date(1510).toISOString() } }]);
  });

  it('keeps the file command a think-done ran with the turn it records', () => {
    const thinking = stepAgent(initialAgentState({ id: 's', model: 'm', cwd: '/w', turns: [] }), { type: 'submit', prompt: 'rm a.txt' }, 0);
    const done = stepAgent(thinking.state, { type: 'think-done', reply: 'Removed a.txt', tool: { kind: 'rm', path: 'a.txt' } }, 10);
    expect(done.effects).toEqual([{ kind: 'record-turn', turn: { prompt: 'rm a.txt', reply: 'Removed a.txt', at: new Date(10).toISOString(), tool: { kind: 'rm', path: 'a.txt' } } }]);
  });

  it('ignores Enter on an empty box and a stale think-done', () => {
    const state = fresh();
    expect(stepAgent(state, enter, 0).state).toBe(state);
    expect(stepAgent(state, { type: 'think-done', reply: 'x' }, 0).state).toBe(state);
  });

  it('interrupts thinking on Escape and records the interrupted turn', () => {
    const { state, effects } = run(fresh(), [
      [type('long job'), 0],
      [enter, 0],
      [{ type: 'escape' }, 500],
    ]);
    expect(state.mode.kind).toBe('idle');
    expect(state.entries.at(-1)).toEqual({ kind: 'reply', text: 'Interrupted.' });
    expect(effects).toHaveLength(1);
  });

  it('clears the box on Ctrl-C and exits 0 when it is empty; Ctrl-D exits 0', () => {
    const typed = run(fresh(), [[type('draft'), 0]]).state;
    expect(stepAgent(typed, { type: 'ctrl-c' }, 0)).toEqual({ state: { ...typed, input: '' }, effects: [] });
    expect(stepAgent(fresh(), { type: 'ctrl-c' }, 0).effects).toEqual([{ kind: 'exit', code: 0 }]);
    expect(stepAgent(typed, { type: 'ctrl-d' }, 0).effects).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it('exits with the /crash code at once', () => {
    const { effects } = run(fresh(), [[{ type: 'submit', prompt: '/crash 3' }, 0]]);
    expect(effects).toEqual([{ kind: 'exit', code: 3, message: 'hangar-demo: crashed on purpose (exit 3)' }]);
  });

  it('ignores everything once hung', () => {
    const hung = run(fresh(), [[{ type: 'submit', prompt: '/hang' }, 0]]).state;
    expect(hung.mode.kind).toBe('hung');
    for (const event of [type('x'), enter, { type: 'ctrl-c' } as const, { type: 'ctrl-d' } as const, { type: 'limit-reset' } as const]) {
      expect(stepAgent(hung, event, 0)).toEqual({ state: hung, effects: [] });
    }
  });

  it('refuses prompts while limited and lifts the limit at the reset time', () => {
    const limited = run(fresh(), [[{ type: 'submit', prompt: '/limit 2' }, 1000]]).state;
    expect(limited.limitedUntil).toBe(3000);
    const refused = run(limited, [[{ type: 'submit', prompt: 'hello' }, 2000]]).state;
    expect(refused.mode.kind).toBe('idle');
    expect(refused.entries.at(-1)?.text).toMatch(/^Cannot answer now: usage limit resets \d{1,2}:\d{2}[ap]m\.$/);
    // A reset that comes early changes nothing; on time it clears.
    expect(stepAgent(refused, { type: 'limit-reset' }, 2999).state).toBe(refused);
    const cleared = stepAgent(refused, { type: 'limit-reset' }, 3000).state;
    expect(cleared.limitedUntil).toBeUndefined();
    expect(run(cleared, [[{ type: 'submit', prompt: 'hello' }, 3001]]).state.mode.kind).toBe('thinking');
  });

  it('prints WAITING-UNTIL with the ISO time', () => {
    const { state } = run(fresh(), [[{ type: 'submit', prompt: '/wait 60' }, Date.UTC(2025, 0, 1, 12, 0, 0)]]);
    expect(state.entries.at(-1)).toEqual({ kind: 'reply', text: 'WAITING-UNTIL: 2025-01-01T12:01:00.000Z' });
  });

  it('asks a question and only y or n answers it', () => {
    const asking = run(fresh(), [[{ type: 'submit', prompt: '/ask Deploy?' }, 0]]).state;
    expect(asking.mode).toEqual({ kind: 'asking', prompt: '/ask Deploy?', question: 'Deploy?' });
    expect(stepAgent(asking, type('q'), 0).state).toBe(asking);
    expect(stepAgent(asking, enter, 0).state).toBe(asking);
    const answered = run(asking, [[type('qN'), 5]]);
    expect(answered.state.mode.kind).toBe('idle');
    expect(answered.state.entries.at(-1)).toEqual({ kind: 'reply', text: 'You answered no to: Deploy?' });
    expect(answered.effects).toEqual([{ kind: 'record-turn', turn: { prompt: '/ask Deploy?', reply: 'You answered no to: Deploy?', at: new Date(5).toISOString() } }]);
  });

  it('replies with the usage for a malformed command', () => {
    const { state } = run(fresh(), [[{ type: 'submit', prompt: '/crash nope' }, 0]]);
    expect(state.entries.at(-1)?.text).toContain('usage: /crash');
  });

  it('says where a fork came from under the session line', () => {
    const state = initialAgentState({ id: 'f', model: 'm', cwd: '/w', turns: [{ prompt: 'p', reply: 'q', at: 'x' }], forkedFrom: { id: 'orig', turn: 1 } });
    expect(state.entries.slice(0, 2)).toEqual([
      { kind: 'info', text: 'session: f' },
      { kind: 'info', text: '(forked from orig at turn 1)' },
    ]);
    expect(state.turnPrompts).toEqual(['p']);
  });

  it('/history lists the turns held, numbered, without making a turn of itself', () => {
    const restored = initialAgentState({ id: 'h', model: 'm', cwd: '/w', turns: [{ prompt: 'first', reply: 'r', at: 'x' }] });
    const { state, effects } = run(restored, [
      [{ type: 'submit', prompt: 'second\nwith a second line' }, 0],
      [{ type: 'think-done', reply: 'ok' }, 10],
      [{ type: 'submit', prompt: '/wait 1' }, 20],
      [{ type: 'submit', prompt: '/history' }, 30],
    ]);
    expect(state.mode.kind).toBe('idle');
    expect(state.entries.slice(-2)).toEqual([
      { kind: 'prompt', text: '/history' },
      { kind: 'reply', text: 'conversation h: 3 turns\n1. first\n2. second …\n3. /wait 1' },
    ]);
    expect(effects.map((e) => e.kind === 'record-turn' && e.turn.prompt)).toEqual(['second\nwith a second line', '/wait 1']);
    expect(state.turnPrompts).toHaveLength(3);
  });

  it('/history names a fork\'s origin, an empty conversation, and works while limited', () => {
    const empty = initialAgentState({ id: 'e', model: 'm', cwd: '/w', turns: [], forkedFrom: { id: 'orig', turn: 0 } });
    expect(historyText(empty)).toBe('conversation e: no turns (forked from orig at turn 0)');
    const limited = run(fresh(), [[{ type: 'submit', prompt: '/limit 60' }, 0]]).state;
    const { state, effects } = run(limited, [[{ type: 'submit', prompt: '/history' }, 1000]]);
    expect(state.entries.at(-1)).toEqual({ kind: 'reply', text: 'conversation s: 1 turn\n1. /limit 60' });
    expect(effects).toEqual([]);
  });
});
