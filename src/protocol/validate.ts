import { ORCHESTRATION_KINDS, type ClientMessage, type FleetEvent, type ServerIdentity, type ServerMessage } from './messages.js';
import { isErrorCode } from './error-codes.js';
import { ProtocolViolation } from './violation.js';

/**
 * Structural checks for what arrives off the wire: enough that code past this point can
 * trust the types. Extra fields are allowed (older peers ignore what they do not know).
 * The check tables are typed by message kind, so adding a kind to messages.ts without a
 * check here fails to compile.
 */

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isNat = (x: unknown): boolean => isInt(x) && x >= 0;
const isDim = (x: unknown): boolean => isInt(x) && x >= 1 && x <= 65535;
const isTime = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
const isIntOrNull = (x: unknown): boolean => x === null || isInt(x);
const isStrArray = (x: unknown): boolean => Array.isArray(x) && x.every(isStr);

const STATUSES = new Set(['starting', 'working', 'idle', 'needs-input', 'limited', 'stalled', 'exited', 'crashed', 'stopped']);
const LOG_LEVELS = new Set(['info', 'warn', 'error']);

const isStatus = (x: unknown): boolean => isStr(x) && STATUSES.has(x);
const isProtocolError = (x: unknown): boolean => isObj(x) && isErrorCode(x.code) && isStr(x.message);

function isScreenUpdate(u: unknown): boolean {
  if (!isObj(u)) return false;
  const c = u.cursor;
  return (
    isStr(u.name) &&
    isNat(u.cols) &&
    isNat(u.rows) &&
    isBool(u.full) &&
    Array.isArray(u.lines) &&
    u.lines.every((l) => isObj(l) && isNat(l.y) && isStr(l.text)) &&
    isObj(c) &&
    isInt(c.x) &&
    isInt(c.y) &&
    isBool(c.visible) &&
    (u.modes === undefined || isScreenModes(u.modes))
  );
}

const MOUSE_MODES = new Set(['none', 'x10', 'vt200', 'drag', 'any']);

function isScreenModes(m: unknown): boolean {
  return isObj(m) && isBool(m.applicationCursor) && isBool(m.bracketedPaste) && isStr(m.mouse) && MOUSE_MODES.has(m.mouse) && isBool(m.sendFocus);
}

const EVENT_CHECKS: { [K in FleetEvent['type']]: (e: Obj) => boolean } = {
  status: (e) => isStr(e.name) && isStatus(e.status) && isStatus(e.prev) && isTime(e.at),
  started: (e) => isStr(e.name) && isInt(e.pid) && isTime(e.at),
  exit: (e) => isStr(e.name) && isIntOrNull(e.code) && isIntOrNull(e.signal) && isTime(e.at),
  log: (e) =>
    isStr(e.level) && LOG_LEVELS.has(e.level) && isStr(e.message) && (e.name === undefined || isStr(e.name)) && isTime(e.at),
  watchdog: (e) =>
    isStr(e.kind) && (e.level === 'info' || e.level === 'warn') && isStr(e.message) && (e.name === undefined || isStr(e.name)) && isTime(e.at),
  orchestration: (e) =>
    isStr(e.kind) && (ORCHESTRATION_KINDS as readonly string[]).includes(e.kind) && isStr(e.name) && (e.level === 'info' || e.level === 'warn') && isStr(e.message) && isTime(e.at),
  pilot: (e) => isStr(e.name) && isStr(e.current) && (e.level === 'info' || e.level === 'warn') && isStr(e.message) && isTime(e.at),
  screen: (e) => isScreenUpdate(e.update),
  clipboard: (e) => isStr(e.name) && isStr(e.selection) && isStr(e.base64) && isTime(e.at),
  usage: (e) => isStr(e.name) && isTime(e.at),
};

function isFleetEvent(e: unknown): boolean {
  if (!isObj(e) || !isStr(e.type) || !Object.prototype.hasOwnProperty.call(EVENT_CHECKS, e.type)) return false;
  return EVENT_CHECKS[e.type as FleetEvent['type']](e);
}

export function isServerIdentity(s: unknown): s is ServerIdentity {
  return isObj(s) && isInt(s.pid) && isStr(s.socket) && isStr(s.version) && isStr(s.startedAt) && isStr(s.config);
}

const CLIENT_CHECKS: { [K in ClientMessage['t']]: (m: Obj) => boolean } = {
  hello: (m) => isInt(m.version) && isStr(m.client),
  request: (m) => isNat(m.id) && isStr(m.verb) && m.verb.length > 0 && isObj(m.args),
  subscribe: (m) => isBool(m.events) && isStrArray(m.screens),
  input: (m) => isStr(m.name) && isStr(m.data),
  resize: (m) => isStr(m.name) && isDim(m.cols) && isDim(m.rows),
};

const SERVER_CHECKS: { [K in ServerMessage['t']]: (m: Obj) => boolean } = {
  welcome: (m) => isInt(m.version) && isServerIdentity(m.server),
  response: (m) =>
    isNat(m.id) && (m.ok === true ? 'result' in m : m.ok === false && isProtocolError(m.error)),
  event: (m) => isFleetEvent(m.event),
  error: (m) => isProtocolError(m.error),
};

function check<T>(x: unknown, table: Record<string, (m: Obj) => boolean>, side: string): T {
  if (!isObj(x)) throw new ProtocolViolation('bad_message', `${side} message is not an object`);
  const kind = x.t;
  if (!isStr(kind) || !Object.prototype.hasOwnProperty.call(table, kind)) {
    throw new ProtocolViolation('bad_message', `unknown ${side} message kind ${JSON.stringify(kind)}`);
  }
  if (!table[kind]!(x)) throw new ProtocolViolation('bad_message', `malformed ${side} message '${kind}'`);
  return x as T;
}

export function parseClientMessage(x: unknown): ClientMessage {
  return check<ClientMessage>(x, CLIENT_CHECKS, 'client');
}

export function parseServerMessage(x: unknown): ServerMessage {
  return check<ServerMessage>(x, SERVER_CHECKS, 'server');
}
