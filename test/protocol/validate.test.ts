import { describe, it, expect } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../src/protocol/validate.js';
import { ProtocolViolation } from '../../src/protocol/violation.js';
import { GOLDEN_MESSAGES } from './golden-messages.js';

function badMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolViolation && err.code === 'bad_message') return err.message;
    throw err;
  }
  throw new Error('expected bad_message');
}

describe('message validation', () => {
  it('accepts every golden message on its own side', () => {
    for (const g of GOLDEN_MESSAGES) {
      const parse = g.side === 'client' ? parseClientMessage : parseServerMessage;
      expect(parse(g.message), g.kind).toBe(g.message);
    }
  });

  it('rejects golden messages on the other side', () => {
    for (const g of GOLDEN_MESSAGES) {
      const parse = g.side === 'client' ? parseServerMessage : parseClientMessage;
      badMessage(() => parse(g.message));
    }
  });

  it('tolerates extra fields', () => {
    expect(parseClientMessage({ t: 'hello', version: 1, client: 'x', extra: true })).toMatchObject({ t: 'hello' });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [{ t: 'hello' }]],
    ['no kind', { version: 1, client: 'x' }],
    ['an unknown kind', { t: 'launch', version: 1 }],
    ['a server kind', { t: 'welcome', version: 1, server: {} }],
    ['hello without client', { t: 'hello', version: 1 }],
    ['hello with a string version', { t: 'hello', version: '1', client: 'x' }],
    ['request with a fractional id', { t: 'request', id: 1.5, verb: 'status', args: {} }],
    ['request with a negative id', { t: 'request', id: -1, verb: 'status', args: {} }],
    ['request with an empty verb', { t: 'request', id: 1, verb: '', args: {} }],
    ['request with array args', { t: 'request', id: 1, verb: 'status', args: [] }],
    ['request with no args', { t: 'request', id: 1, verb: 'status' }],
    ['subscribe with a non-string screen', { t: 'subscribe', events: true, screens: [1] }],
    ['subscribe without events', { t: 'subscribe', screens: [] }],
    ['input with binary data', { t: 'input', name: 'a', data: [1, 2] }],
    ['resize to zero columns', { t: 'resize', name: 'a', cols: 0, rows: 24 }],
    ['resize to a huge size', { t: 'resize', name: 'a', cols: 80, rows: 1e6 }],
  ])('rejects a client message that is %s', (_why, msg) => {
    badMessage(() => parseClientMessage(msg));
  });

  const identity = { pid: 1, socket: '/s', version: '0.1.0', startedAt: 't', config: '/c' };
  const screen = { name: 'a', cols: 80, rows: 24, full: true, lines: [{ y: 0, text: 'x' }], cursor: { x: 0, y: 0, visible: true } };

  it.each([
    ['welcome without identity', { t: 'welcome', version: 1 }],
    ['welcome with an incomplete identity', { t: 'welcome', version: 1, server: { ...identity, pid: 'x' } }],
    ['ok response without result', { t: 'response', id: 1, ok: true }],
    ['failed response with an unknown code', { t: 'response', id: 1, ok: false, error: { code: 'oops', message: 'm' } }],
    ['response with ok missing', { t: 'response', id: 1, result: 1 }],
    ['error without message', { t: 'error', error: { code: 'internal' } }],
    ['event of an unknown type', { t: 'event', event: { type: 'boom', at: 1 } }],
    ['status event with an unknown status', { t: 'event', event: { type: 'status', name: 'a', status: 'napping', prev: 'idle', at: 1 } }],
    ['exit event with a string code', { t: 'event', event: { type: 'exit', name: 'a', code: '1', signal: null, at: 1 } }],
    ['log event with an unknown level', { t: 'event', event: { type: 'log', level: 'debug', message: 'm', at: 1 } }],
    ['screen event with a bad row', { t: 'event', event: { type: 'screen', update: { ...screen, lines: [{ y: 0 }] } } }],
    ['screen event without cursor', { t: 'event', event: { type: 'screen', update: { ...screen, cursor: undefined } } }],
  ])('rejects a server message that is %s', (_why, msg) => {
    badMessage(() => parseServerMessage(msg));
  });
});
