import type { FleetView, FleetViewAnswer } from '../../src/protocol/fleet-view.js';
import type { ClientMessage, ServerMessage } from '../../src/protocol/messages.js';

/**
 * One fixed message per kind, whose exact encoding is pinned in golden/<kind>.hex.
 * APPEND-ONLY: a new kind gets a new entry and file; changing an entry is a wire change
 * (and a PROTOCOL_VERSION bump).
 */
export type GoldenMessage =
  | { kind: string; side: 'client'; message: ClientMessage }
  | { kind: string; side: 'server'; message: ServerMessage };

const identity = {
  pid: 4242,
  socket: '/tmp/hangar/hangar.sock',
  version: '0.1.0',
  startedAt: '2026-01-02T03:04:05.678Z',
  config: '/home/pilot/agents.toml',
};

export const GOLDEN_MESSAGES: readonly GoldenMessage[] = [
  { kind: 'hello', side: 'client', message: { t: 'hello', version: 1, client: 'cli' } },
  { kind: 'request', side: 'client', message: { t: 'request', id: 3, verb: 'send', args: { name: 'worker', text: 'héllo ✈' } } },
  { kind: 'subscribe', side: 'client', message: { t: 'subscribe', events: true, screens: ['worker', 'reviewer'] } },
  { kind: 'input', side: 'client', message: { t: 'input', name: 'worker', data: '\x1b[A\x03\r' } },
  { kind: 'resize', side: 'client', message: { t: 'resize', name: 'worker', cols: 120, rows: 40 } },
  { kind: 'welcome', side: 'server', message: { t: 'welcome', version: 1, server: identity } },
  { kind: 'response-ok', side: 'server', message: { t: 'response', id: 3, ok: true, result: { sent: true, turns: [1, 2] } } },
  {
    kind: 'response-error',
    side: 'server',
    message: { t: 'response', id: 4, ok: false, error: { code: 'not_found', message: 'no agent named "nope"' } },
  },
  {
    kind: 'event-status',
    side: 'server',
    message: { t: 'event', event: { type: 'status', name: 'worker', status: 'needs-input', prev: 'working', at: 1700000000123 } },
  },
  { kind: 'event-started', side: 'server', message: { t: 'event', event: { type: 'started', name: 'worker', pid: 31337, at: 1700000000000 } } },
  {
    kind: 'event-exit',
    side: 'server',
    message: { t: 'event', event: { type: 'exit', name: 'worker', code: null, signal: 15, at: 1700000000456 } },
  },
  {
    kind: 'event-log',
    side: 'server',
    message: { t: 'event', event: { type: 'log', level: 'warn', message: 'limit until 14:00', name: 'worker', at: 1700000000789 } },
  },
  {
    kind: 'event-watchdog',
    side: 'server',
    message: { t: 'event', event: { type: 'watchdog', kind: 'limit-hold', level: 'info', message: 'worker: limit hit — holding until 14:00', name: 'worker', at: 1700000000999 } },
  },
  {
    kind: 'event-pilot',
    side: 'server',
    message: { t: 'event', event: { type: 'pilot', name: 'worker', current: 'T3', level: 'info', message: 'worker T3 — 2 files (+5 −1): add the parser', at: 1700000001111 } },
  },
  {
    kind: 'event-orchestration',
    side: 'server',
    message: { t: 'event', event: { type: 'orchestration', kind: 'verdict', name: 'worker', level: 'info', message: 'worker ended: completed — the parser reads every frame', at: 1700000001333 } },
  },
  {
    kind: 'event-usage',
    side: 'server',
    message: { t: 'event', event: { type: 'usage', name: 'worker', at: 1700000001222 } },
  },
  {
    kind: 'event-screen',
    side: 'server',
    message: {
      t: 'event',
      event: {
        type: 'screen',
        update: {
          name: 'worker',
          cols: 80,
          rows: 24,
          full: false,
          lines: [
            { y: 0, text: '\x1b[1;32m✓\x1b[0m done' },
            { y: 23, text: '> ' },
          ],
          cursor: { x: 2, y: 23, visible: true },
        },
      },
    },
  },
  { kind: 'error', side: 'server', message: { t: 'error', error: { code: 'version_mismatch', message: 'server speaks protocol 1, client speaks 2' } } },
  { kind: 'error-too-many-requests', side: 'server', message: { t: 'error', error: { code: 'too_many_requests', message: 'more than 256 requests unanswered on one connection' } } },
  { kind: 'error-too-many-connections', side: 'server', message: { t: 'error', error: { code: 'too_many_connections', message: 'the server serves 64 connections already; try again when one closes' } } },
  // the fleet's view (protocol/fleet-view.ts): a cockpit reports it, the next one reads it back
  {
    kind: 'request-set-view',
    side: 'client',
    message: { t: 'request', id: 7, verb: 'set-view', args: { view: { layout: 'main-stack', zoomed: true, focus: 'worker', pilot: null } satisfies FleetView } },
  },
  {
    kind: 'response-view',
    side: 'server',
    message: { t: 'response', id: 8, ok: true, result: { view: { layout: 'tiled', zoomed: false, focus: 'reviewer', pilot: 'worker' } } satisfies FleetViewAnswer },
  },
];
