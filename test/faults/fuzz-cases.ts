/**
 * What the socket fuzzer sends: one case per iteration, drawn from a SeededRandom — garbage,
 * frames with valid headers and garbage bodies, valid JSON of wrong shapes, random verbs
 * (`__proto__` and friends too), partial and oversized frames, frames split byte by byte,
 * pipelined requests, and many connections at once. Nothing here stops the fleet or types into
 * an agent: verbs that change the fleet (up, down, send, keys, restart, phase, goto, …) are
 * never sent, and input goes only to names no agent has.
 */
import { encodeFrame, MAX_FRAME_BYTES } from '../../src/protocol/frame.js';
import { helloFrame } from './raw-connection.js';
import type { SeededRandom } from './seeded-random.js';

export interface FuzzCase {
  kind: string;
  /** the chunks each connection writes, in order */
  connections: Buffer[][];
  /** keep these connections open until the server has answered a status meanwhile */
  holdOpen?: boolean;
}

/** Verbs that only read, the prototype's names, and verbs no table has. */
const READ_VERBS = ['status', 'events', 'view', 'screen', 'peek', 'history', 'find', 'logpath', 'wait', 'checkpoints', 'diff', 'scrollback'];
const PROTO_VERBS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

function header(length: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(length >>> 0, 0);
  return b;
}

/** A frame around any text, valid JSON or not. */
function rawFrame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([header(body.length), body]);
}

function verb(r: SeededRandom): string {
  const roll = r.next();
  return roll < 0.5 ? r.pick(READ_VERBS) : roll < 0.8 ? r.pick(PROTO_VERBS) : r.text(12) || 'x';
}

function request(r: SeededRandom, agent: string): Buffer {
  const args = r.next() < 0.5 ? { name: r.pick([agent, r.text(10), '__proto__']), ...(r.json(2) as object) } : r.json(3);
  return encodeFrame({ t: 'request', id: r.pick([1, 0, -1, 1.5, 2 ** 53, 'one', null]), verb: verb(r), args });
}

const CASES: Array<[string, (r: SeededRandom, agent: string) => Omit<FuzzCase, 'kind'>]> = [
  ['garbage', (r) => ({ connections: [[r.bytes(r.int(1, 65536))]] })],
  ['garbage after hello', (r) => ({ connections: [[helloFrame(), r.bytes(r.int(1, 4096))]] })],
  ['valid header, garbage body', (r) => { const n = r.int(1, 4096); return { connections: [[header(n), r.bytes(n)]] }; }],
  ['JSON of a wrong shape before hello', (r) => ({ connections: [[encodeFrame(r.json(4))]] })],
  ['JSON of a wrong shape after hello', (r) => ({ connections: [[helloFrame(), encodeFrame(r.json(4)), encodeFrame({ t: r.pick(['request', 'subscribe', 'input', 'resize', 'hello', 'welcome']), ...(r.json(2) as object) })]] })],
  ['bad hello', (r) => ({ connections: [[encodeFrame({ t: 'hello', version: r.json(1), client: r.json(1) })]] })],
  ['random requests', (r, agent) => ({ connections: [[helloFrame(), ...Array.from({ length: r.int(1, 20) }, () => request(r, agent))]] })],
  [
    '__proto__ in verbs and args',
    (r) => ({
      connections: [[helloFrame(), rawFrame(`{"t":"request","id":1,"verb":${JSON.stringify(r.pick(PROTO_VERBS))},"args":{"__proto__":{"polluted":true},"name":"__proto__","constructor":{"prototype":{"x":1}}}}`)]],
    }),
  ],
  [
    'subscribe, input and resize of names no agent has',
    (r) => ({
      connections: [[
        helloFrame(),
        encodeFrame({ t: 'subscribe', events: r.json(0), screens: r.next() < 0.5 ? [r.text(10), '__proto__'] : r.json(2) }),
        encodeFrame({ t: 'input', name: r.pick(['__proto__', 'constructor', r.text(10) || 'x']), data: r.text(200) }),
        encodeFrame({ t: 'resize', name: r.pick(['__proto__', r.text(10) || 'x']), cols: r.pick([0, 1, 80, 65535, 65536, -1, 1.5]), rows: r.pick([0, 1, 24, 65535, 1e9]) }),
      ]],
    }),
  ],
  ['a partial frame', (r) => { const n = r.int(2, 1 << 20); return { connections: [[...(r.next() < 0.5 ? [helloFrame()] : []), header(n), r.bytes(r.int(0, Math.min(n - 1, 65536)))]] }; }],
  ['an oversized header', (r) => ({ connections: [[...(r.next() < 0.5 ? [helloFrame()] : []), header(r.int(MAX_FRAME_BYTES + 1, 0xffffffff)), r.bytes(r.int(0, 1024))]] })],
  ['a zero-length frame', () => ({ connections: [[helloFrame(), header(0)]] })],
  ['a request split byte by byte', (r, agent) => { const bytes = Buffer.concat([helloFrame(), request(r, agent)]); return { connections: [[...bytes].map((b) => Buffer.from([b]))] }; }],
  ['pipelined status requests', (r) => ({ connections: [[helloFrame(), Buffer.concat(Array.from({ length: r.int(50, 500) }, (_, i) => encodeFrame({ t: 'request', id: i + 1, verb: 'status', args: {} })))]] })],
  ['a wait nobody waits for', (_r, agent) => ({ connections: [[helloFrame(), encodeFrame({ t: 'request', id: 1, verb: 'wait', args: { name: agent, for: 'exited', timeoutMs: 600_000 } })]] })],
  [
    'many connections at once, each holding a partial frame',
    (r) => ({
      holdOpen: true,
      connections: Array.from({ length: r.int(20, 120) }, () => {
        const roll = r.next();
        if (roll < 0.3) return [];
        if (roll < 0.6) return [helloFrame()];
        const n = r.int(2, 1 << 16);
        return [helloFrame(), header(n), r.bytes(r.int(0, n - 1))];
      }),
    }),
  ],
];

export const CASE_KINDS = CASES.map(([kind]) => kind);

export function fuzzCase(r: SeededRandom, agent: string): FuzzCase {
  const [kind, make] = r.pick(CASES);
  return { kind, ...make(r, agent) };
}
