import type { ChannelReceiver, MessageChannel } from '../protocol/channel.js';
import { focusKeyTrace, markKey, markSession } from '../base/key-trace.js';
import type { ClientMessage, FleetEvent, ServerIdentity, ServerMessage } from '../protocol/messages.js';
import { PROTOCOL_VERSION } from '../protocol/messages.js';
import type { Args, Result, Verb } from '../protocol/requests.js';
import { wantsEvent, type Subscription } from '../protocol/subscription.js';
import { parseServerMessage } from '../protocol/validate.js';
import { ProtocolViolation } from '../protocol/violation.js';
import { ConnectionClosed, RemoteError, type FleetClient } from './fleet-client.js';

interface Pending {
  resolve(result: unknown): void;
  reject(err: Error): void;
}

interface Listener {
  sub: Subscription;
  onEvent(e: FleetEvent): void;
}

/**
 * The client's side of one connection, whatever the transport: handshake, request ids,
 * event fan-out to subscribers, and failing everything pending when the connection ends.
 */
export class ClientConnection implements FleetClient, ChannelReceiver {
  private phase: 'greeting' | 'ready' | 'closed' = 'greeting';
  private identity: ServerIdentity | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: Listener[] = [];
  private readonly closeCallbacks: Array<(reason?: Error) => void> = [];
  private closeReason: Error | undefined;
  private closeRequested = false;
  private greeting: { resolve(): void; reject(err: Error): void } | null = null;

  private constructor(private readonly channel: MessageChannel<ClientMessage>) {}

  /** Says hello over `channel` and resolves once the server welcomed us. */
  static open(channel: MessageChannel<ClientMessage>, clientName: string, timeoutMs: number): Promise<ClientConnection> {
    const conn = new ClientConnection(channel);
    return new Promise<ClientConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        const err = Object.assign(new Error(`no welcome from the hangar server within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
        conn.greeting?.reject(err);
        channel.destroy();
      }, timeoutMs);
      conn.greeting = {
        resolve: () => {
          clearTimeout(timer);
          resolve(conn);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      channel.open(conn);
      channel.send({ t: 'hello', version: PROTOCOL_VERSION, client: clientName });
    });
  }

  get server(): ServerIdentity {
    if (!this.identity) throw new Error('not connected');
    return this.identity;
  }

  request<V extends Verb>(verb: V, ...[args]: {} extends Args<V> ? [args?: Args<V>] : [args: Args<V>]): Promise<Result<V>> {
    // the server answers with the verb's result: its handler table is typed by the same Result<V>
    return this.call(verb, args ?? {}) as Promise<Result<V>>;
  }

  /**
   * A request as the wire carries it, any verb, any arguments: for transport tests and the
   * server edge's own tests (bad arguments on purpose). Everything else uses `request`.
   */
  call(verb: string, args: Record<string, unknown> = {}): Promise<unknown> {
    if (this.phase !== 'ready' || this.closeRequested) {
      return Promise.reject(new ConnectionClosed(this.closeReason));
    }
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.channel.send({ t: 'request', id, verb, args });
      } catch (err) {
        this.pending.delete(id);
        reject(err as Error);
      }
    });
  }

  subscribe(opts: { events?: boolean; screens?: string[] }, onEvent: (e: FleetEvent) => void): void {
    this.listeners.push({ sub: { events: opts.events ?? false, screens: [...(opts.screens ?? [])] }, onEvent });
    const screens = new Set(this.listeners.flatMap((l) => l.sub.screens));
    this.send({ t: 'subscribe', events: this.listeners.some((l) => l.sub.events), screens: [...screens] });
  }

  input(name: string, data: string): void {
    focusKeyTrace(name);
    markKey('cockpit.send');
    this.send({ t: 'input', name, data });
  }

  resize(name: string, cols: number, rows: number): void {
    this.send({ t: 'resize', name, cols, rows });
  }

  onClose(cb: (reason?: Error) => void): void {
    if (this.phase === 'closed') queueMicrotask(() => cb(this.closeReason));
    else this.closeCallbacks.push(cb);
  }

  close(): void {
    if (this.phase === 'closed' || this.closeRequested) return;
    this.closeRequested = true;
    this.channel.end();
  }

  message(raw: unknown): void {
    if (this.phase === 'closed') return;
    let msg: ServerMessage;
    try {
      msg = parseServerMessage(raw);
    } catch (err) {
      if (!(err instanceof ProtocolViolation)) throw err;
      this.abort(err);
      return;
    }
    if (msg.t === 'error') {
      this.abort(new RemoteError(msg.error.code, msg.error.message));
      return;
    }
    if (this.phase === 'greeting') {
      if (msg.t !== 'welcome') {
        this.abort(new ProtocolViolation('bad_message', `expected welcome, got '${msg.t}'`));
      } else if (msg.version !== PROTOCOL_VERSION) {
        this.abort(new RemoteError('version_mismatch', `server speaks protocol ${msg.version}, client speaks ${PROTOCOL_VERSION}`));
      } else {
        this.identity = msg.server;
        this.phase = 'ready';
        this.greeting?.resolve();
        this.greeting = null;
      }
      return;
    }
    if (msg.t === 'response') {
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.result);
      else waiter.reject(new RemoteError(msg.error.code, msg.error.message));
    } else if (msg.t === 'event') {
      if (msg.event.type === 'screen') markSession(msg.event.update.name, 'cockpit.frame');
      for (const l of [...this.listeners]) {
        if (wantsEvent(l.sub, msg.event)) l.onEvent(msg.event);
      }
    }
  }

  violation(err: ProtocolViolation): void {
    this.abort(err);
  }

  closed(reason?: Error): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.closeReason ??= reason;
    const failure = this.closeReason ?? new ConnectionClosed();
    this.greeting?.reject(failure);
    this.greeting = null;
    const pendingErr = new ConnectionClosed(this.closeReason);
    for (const waiter of this.pending.values()) waiter.reject(pendingErr);
    this.pending.clear();
    for (const cb of this.closeCallbacks.splice(0)) cb(this.closeReason);
  }

  /** Ends the connection because of `reason`, which close callbacks and the handshake see. */
  private abort(reason: Error): void {
    this.closeReason ??= reason;
    this.channel.destroy();
  }

  private send(msg: ClientMessage): void {
    if (this.phase !== 'ready' || this.closeRequested) return;
    this.channel.send(msg);
  }
}
