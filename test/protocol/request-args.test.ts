import { describe, expect, it } from 'vitest';
import { checkArgs } from '../../src/protocol/request-args.js';
import { isVerb, REQUESTS, VERBS } from '../../src/protocol/requests.js';

describe('checkArgs: a request checked against its verb schema', () => {
  it('accepts what the schema declares, leaving out absent, null and unknown fields', () => {
    expect(checkArgs('peek', { name: 'worker', lines: 5 })).toEqual({ ok: true, args: { name: 'worker', lines: 5 } });
    expect(checkArgs('peek', { name: 'worker', lines: null, extra: 1 })).toEqual({ ok: true, args: { name: 'worker' } });
    expect(checkArgs('status', {})).toEqual({ ok: true, args: {} });
  });

  it('words the first wrong field as the hand-written checks did', () => {
    const problem = (verb: Parameters<typeof checkArgs>[0], args: Record<string, unknown>) => {
      const r = checkArgs(verb, args);
      return r.ok ? null : r.problem;
    };
    expect(problem('screen', {})).toBe('"name" must be a non-empty string');
    expect(problem('screen', { name: '' })).toBe('"name" must be a non-empty string');
    expect(problem('goto', { name: 'w' })).toBe('"to" must be a non-empty string');
    expect(problem('peek', { name: 'w', lines: -1 })).toBe('"lines" must be a non-negative number');
    expect(problem('peek', { name: 'w', lines: '3' })).toBe('"lines" must be a non-negative number');
    expect(problem('events', { lines: 10_001 })).toBe('"lines" must be a whole number from 0 to 10000');
    expect(problem('events', { lines: 1.5 })).toBe('"lines" must be a whole number from 0 to 10000');
    expect(problem('events', { types: 'started' })).toBe('"types" must be a list of strings');
    expect(problem('down', { names: ['a', 1] })).toBe('"names" must be a list of strings');
    expect(problem('keys', { name: 'w', keys: [] })).toBe('"keys" must be a non-empty list of strings');
    expect(problem('wait', { name: 'w', for: 'asleep' })).toBe('"for" must be one of: starting, working, idle, needs-input, limited, stalled, exited, crashed, stopped');
    expect(problem('phase', { action: 'jump' })).toBe('"action" must be one of: show, next, set');
    expect(problem('send', { name: 'w', text: 'hi', wait: 'yes' })).toBe('"wait" must be true or false');
    expect(problem('up', { env: { A: 1 } })).toBe('"env" must be an object of strings');
    expect(problem('set-view', {})).toBe('a view must be an object {layout, zoomed, focus, pilot}');
    expect(problem('set-view', { view: { layout: 'spiral', zoomed: false, focus: null, pilot: null } })).toBe('"layout" must be one of: tiled, main-stack');
  });

  it('reads the schema only: a field named like an Object builtin is no field', () => {
    expect(checkArgs('status', JSON.parse('{"__proto__":{"polluted":true},"constructor":1}') as Record<string, unknown>)).toEqual({ ok: true, args: {} });
    expect(isVerb('__proto__')).toBe(false);
    expect(isVerb('toString')).toBe(false);
    expect(isVerb('scrollback')).toBe(true);
  });

  it('describes every field in one line, for listings and the MCP tools', () => {
    for (const verb of VERBS) {
      expect(REQUESTS[verb].summary, verb).toMatch(/^[^\n]+$/);
      for (const [field, spec] of Object.entries(REQUESTS[verb].args)) expect(spec.description, `${verb}.${field}`).toMatch(/^[^\n]+$/);
    }
  });
});
