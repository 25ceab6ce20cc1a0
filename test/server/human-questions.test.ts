import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { FleetError } from '../../src/fleet/fleet-error.js';
import { typeIntoAnswer } from '../../src/server/answer-line.js';
import { HumanQuestions } from '../../src/server/human-questions.js';

// ask: one question per agent, shown as needs-input with the question, answered by a send or a
// line typed into the pane (keys that never reach the CLI), or given up at its timeout (fake
// clock) or when the asking client goes. A recording stand-in for the fleet.

function recordingFleet(running = ['orch']) {
  const marks: Array<[string, string | null]> = [];
  const events: string[] = [];
  return {
    marks,
    events,
    fleet: {
      markAsking: (name: string, question: string | null) => void marks.push([name, question]),
      orchestrationEvent: (kind: string, name: string, level: string, message: string) => void events.push(`${kind} ${level}: ${message}`),
      isRunning: (name: string) => running.includes(name),
      info: (name: string) => {
        if (name === 'nosuch') throw new FleetError('not_found', 'no agent or service named "nosuch"');
        return {} as never;
      },
    },
  };
}

describe('typing an answer into a pane', () => {
  it('adds text, takes back with Backspace, clears with Ctrl-U, gives it with Enter', () => {
    expect(typeIntoAnswer('', 'Postgrx')).toEqual({ line: 'Postgrx', answer: null });
    expect(typeIntoAnswer('Postgrx', '\x7fes')).toEqual({ line: 'Postgres', answer: null });
    expect(typeIntoAnswer('Postgres', '\r')).toEqual({ line: '', answer: 'Postgres' });
    expect(typeIntoAnswer('oops', '\x15yes\r')).toEqual({ line: '', answer: 'yes' });
  });

  it('passes over arrows, function keys, paste brackets and other control keys; an empty Enter gives nothing', () => {
    expect(typeIntoAnswer('', '\x1b[A\x1bOP\x1b[200~8080\x1b[201~\x03\t')).toEqual({ line: '8080', answer: null });
    expect(typeIntoAnswer('  ', '\r')).toEqual({ line: '  ', answer: null });
    expect(typeIntoAnswer('é', '\x7f')).toEqual({ line: '', answer: null });
  });

  it('an answer ends the line: keys after its Enter are dropped', () => {
    expect(typeIntoAnswer('', 'one\rtwo')).toEqual({ line: '', answer: 'one' });
  });
});

describe('HumanQuestions', () => {
  it('marks the agent asking, takes a send as the answer, and withdraws the mark', async () => {
    const r = recordingFleet();
    const q = new HumanQuestions(r.fleet, new ManualClock());
    const answer = q.ask('orch', 'Postgres or SQLite?', 60_000);
    expect(q.question('orch')).toBe('Postgres or SQLite?');
    expect(q.answer('worker', 'SQLite')).toBe(false); // nobody asks there: a message as usual
    expect(q.answer('orch', 'SQLite')).toBe(true);
    expect(await answer).toBe('SQLite');
    expect(q.question('orch')).toBeUndefined();
    expect(r.marks).toEqual([
      ['orch', 'Postgres or SQLite?'],
      ['orch', null],
    ]);
    expect(r.events).toEqual(['ask info: orch asks: Postgres or SQLite?', 'answer info: orch was answered: SQLite']);
  });

  it("takes the pane's keys while it asks, and leaves them to the CLI otherwise", async () => {
    const q = new HumanQuestions(recordingFleet().fleet, new ManualClock());
    expect(q.input('orch', 'x')).toBe(false);
    const answer = q.ask('orch', 'Which port?', 60_000);
    expect(q.input('orch', '808')).toBe(true);
    expect(q.input('orch', '0\r')).toBe(true);
    expect(await answer).toBe('8080');
    expect(q.input('orch', 'x')).toBe(false);
  });

  it('gives up at the timeout, on the clock it is given', async () => {
    const r = recordingFleet();
    const clock = new ManualClock();
    const q = new HumanQuestions(r.fleet, clock);
    let settled = false;
    const answer = q.ask('orch', 'Anyone?', 30_000).then((a) => ((settled = true), a));
    clock.advance(29_999);
    await Promise.resolve();
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await answer).toBeNull();
    expect(r.marks.at(-1)).toEqual(['orch', null]);
    expect(r.events.at(-1)).toBe("answer warn: orch's question got no answer");
  });

  it('gives up when the asking client goes, and when the server stops', async () => {
    const q = new HumanQuestions(recordingFleet(['orch', 'b']).fleet, new ManualClock());
    const gone = new AbortController();
    const first = q.ask('orch', 'A?', 60_000, gone.signal);
    gone.abort();
    expect(await first).toBeNull();
    const second = q.ask('b', 'B?', 60_000);
    q.dispose();
    expect(await second).toBeNull();
  });

  it('refuses a second question while one stands, an agent that is not running, and a name that is none', async () => {
    const q = new HumanQuestions(recordingFleet().fleet, new ManualClock());
    const first = q.ask('orch', 'A?', 60_000);
    expect(() => q.ask('orch', 'B?', 60_000)).toThrow('orch already asks: A? (one question at a time)');
    expect(() => q.ask('idle-one', 'C?', 60_000)).toThrow('"idle-one" is not running: only a running agent can ask');
    expect(() => q.ask('nosuch', 'D?', 60_000)).toThrow('no agent or service named "nosuch"');
    q.answer('orch', 'fine');
    expect(await first).toBe('fine');
  });
});
