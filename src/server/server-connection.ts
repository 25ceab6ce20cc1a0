import type { ChannelReceiver, MessageChannel } from '../protocol/channel.js';
import { isErrorCode } from '../protocol/error-codes.js';
import type { ClientMessage, ErrorCode, FleetEvent, ProtocolError, ServerIdentity, ServerMessage } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import { wantsEvent, type Subscription } from '../protocol/subscription.js';
import { parseClientMessage } from '../protocol/validate.js';
import { ProtocolViolation } from '../protocol/violation.js';
import type { ConnectionInfo, RequestHandler, Transport } from './request-handler.js';

/**
 * A client with this much output it has not taken yet is behind: its screen frames are
 * skipped (the screens it missed are noted), and once it has taken everything it gets one
 * full frame of each of them — the latest state, however many frames went by. A slow client
 * (a cockpit over ssh, a stopped terminal) then costs frames it never sees, not memory, and
 * never slows the others down. The connection is still dropped at the channel's hard bound
 * (16 MiB) if even the other events pile up.
 */
export const SCREEN_BACKLOG_BYTES = 512 * 1024;

/**
 * Requests one connection may have unanswered at once. Each waits on something (a `wait` holds a
 * listener and a timer until its status comes): a client piling them up without end would pin
 * the server's memory, so past this it is closed. A CLI verb has one in flight, a cockpit a few.
 */
export const MAX_REQUESTS_IN_FLIGHT = 256;

export interface ConnectionContext {
  handler: RequestHandler;
  identity: ServerIdentity;
  /** Errors thrown by handler hooks that have no reply to travel in. */
  reportError(err: unknown, conn: ConnectionInfo | null): void;
  /** Called once, when the connection has closed. */
  onGone(conn: ServerConnection): void;
  /** A client that has not said hello by then is closed (a silent peer must not hold a slot). */
  helloTimeoutMs: number;
}

/**
 * The server's side of one client, whatever the transport: handshake, dispatch of
 * requests/input/resize to the handler, and this client's event subscription. Anything
 * that breaks the protocol earns an `error` message and the end of this connection only.
 */
export class ServerConnection implements ChannelReceiver {
  private phase: 'greeting' | 'ready' | 'closing' | 'closed' = 'greeting';
  private subscription: Subscription | null = null;
  private connInfo: ConnectionInfo | null = null;
  private markGone!: () => void;
  /** Resolves once the connection has closed. */
  readonly gone = new Promise<void>((resolve) => {
    this.markGone = resolve;
  });

  /** aborted as the connection closes (ConnectionInfo.closed) */
  private readonly closing = new AbortController();
  private helloTimer: NodeJS.Timeout | null;
  /** requests received and not answered yet */
  private inFlight = 0;
  /** screens whose frames this client missed while behind */
  private readonly missed = new Set<string>();

  constructor(
    readonly id: number,
    readonly transport: Transport,
    private readonly channel: MessageChannel<ServerMessage>,
    private readonly ctx: ConnectionContext,
  ) {
    this.helloTimer = setTimeout(() => {
      this.helloTimer = null;
      if (this.phase === 'greeting') this.fail('not_hello', `no hello within ${ctx.helloTimeoutMs} ms`);
    }, ctx.helloTimeoutMs);
    this.helloTimer.unref();
  }

  private stopHelloTimer(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  /** Set once the client has said hello. */
  get info(): ConnectionInfo | null {
    return this.connInfo;
  }

  message(raw: unknown): void {
    if (this.phase === 'closing' || this.phase === 'closed') return;
    let msg: ClientMessage;
    try {
      msg = parseClientMessage(raw);
    } catch (err) {
      if (!(err instanceof ProtocolViolation)) throw err;
      this.fail(err.code, err.message);
      return;
    }
    if (this.phase === 'greeting') {
      this.greet(msg);
      return;
    }
    const conn = this.connInfo!;
    switch (msg.t) {
      case 'hello':
        this.fail('bad_message', 'hello sent twice');
        return;
      case 'request':
        if (this.inFlight >= MAX_REQUESTS_IN_FLIGHT) {
          this.fail('too_many_requests', `more than ${MAX_REQUESTS_IN_FLIGHT} requests unanswered on one connection`);
          return;
        }
        this.inFlight++;
        void this.answer(msg.id, msg.verb, msg.args, conn).finally(() => this.inFlight--);
        return;
      case 'subscribe':
        this.subscription = { events: msg.events, screens: msg.screens };
        this.guard(conn, () => this.ctx.handler.onSubscribe?.(conn, msg.screens));
        return;
      case 'input':
        this.guard(conn, () => this.ctx.handler.input?.(msg.name, msg.data));
        return;
      case 'resize':
        this.guard(conn, () => this.ctx.handler.resize?.(conn, msg.name, msg.cols, msg.rows));
        return;
    }
  }

  violation(err: ProtocolViolation): void {
    this.fail(err.code, err.message);
  }

  closed(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.stopHelloTimer();
    this.subscription = null;
    const conn = this.connInfo;
    if (conn) this.guard(conn, () => this.ctx.handler.onDisconnect?.(conn));
    this.closing.abort();
    this.ctx.onGone(this);
    this.markGone();
  }

  /** Sends `event` if this client subscribed to it. `msg` is shared across clients: do not mutate. */
  deliver(msg: ServerMessage & { t: 'event' }): void {
    if (this.phase !== 'ready' || !this.subscription || !wantsEvent(this.subscription, msg.event)) return;
    if (msg.event.type === 'screen' && this.behind(msg.event.update.name)) return;
    try {
      this.channel.send(msg);
    } catch (err) {
      this.ctx.reportError(err, this.connInfo);
    }
  }

  /** Whether a frame of screen `name` is to be skipped: the client is behind, or missed its earlier frames. */
  private behind(name: string): boolean {
    if (!this.missed.has(name) && this.channel.backlog() <= SCREEN_BACKLOG_BYTES) return false;
    if (this.missed.size === 0) this.channel.onDrained(() => this.caughtUp());
    this.missed.add(name);
    return true;
  }

  private caughtUp(): void {
    const conn = this.connInfo;
    if (this.phase !== 'ready' || !conn || this.missed.size === 0) return;
    if (this.channel.backlog() > SCREEN_BACKLOG_BYTES) {
      this.channel.onDrained(() => this.caughtUp()); // more went out meanwhile: not caught up yet
      return;
    }
    const screens = [...this.missed];
    this.missed.clear();
    this.guard(conn, () => this.ctx.handler.onCaughtUp?.(conn, screens));
  }

  deliverEvent(event: FleetEvent): void {
    this.deliver({ t: 'event', event });
  }

  /** Flushes what was sent, then closes. */
  close(): void {
    if (this.phase === 'closing' || this.phase === 'closed') return;
    this.phase = 'closing';
    this.channel.end();
  }

  /** Closes at once, dropping unsent output (a peer that ignored a graceful close). */
  destroy(): void {
    this.channel.destroy();
  }

  private greet(msg: ClientMessage): void {
    this.stopHelloTimer();
    if (msg.t !== 'hello') {
      this.fail('not_hello', `expected hello, got '${msg.t}'`);
      return;
    }
    if (msg.version !== PROTOCOL_VERSION) {
      this.fail('version_mismatch', `server speaks protocol ${PROTOCOL_VERSION}, client speaks ${msg.version}`);
      return;
    }
    this.connInfo = { id: this.id, client: msg.client, transport: this.transport, closed: this.closing.signal };
    this.phase = 'ready';
    this.channel.send({ t: 'welcome', version: PROTOCOL_VERSION, server: this.ctx.identity });
  }

  private async answer(id: number, verb: string, args: Record<string, unknown>, conn: ConnectionInfo): Promise<void> {
    let reply: ServerMessage;
    try {
      const result = await this.ctx.handler.request(verb, args, conn);
      // `undefined` would vanish from the JSON; null says "done, nothing to return".
      reply = { t: 'response', id, ok: true, result: result === undefined ? null : result };
    } catch (err) {
      reply = { t: 'response', id, ok: false, error: toProtocolError(err) };
    }
    if (this.phase !== 'ready') return;
    try {
      this.channel.send(reply);
    } catch (err) {
      // The result could not be encoded (too large, not JSON): the request still gets an answer.
      if (!(err instanceof ProtocolViolation)) throw err;
      this.channel.send({ t: 'response', id, ok: false, error: { code: 'internal', message: `cannot send result of '${verb}': ${err.message}` } });
    }
  }

  private fail(code: ErrorCode, message: string): void {
    if (this.phase === 'closing' || this.phase === 'closed') return;
    this.channel.send({ t: 'error', error: { code, message } });
    this.close();
  }

  private guard(conn: ConnectionInfo, hook: () => void): void {
    try {
      hook();
    } catch (err) {
      this.ctx.reportError(err, conn);
    }
  }
}

function toProtocolError(err: unknown): ProtocolError {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return {
    code: isErrorCode(code) ? code : 'internal',
    message: err instanceof Error ? err.message : String(err),
  };
}
