import type { ChannelReceiver, MessageChannel } from './channel.js';
import { serializeMessage } from './frame.js';

type Delivery = { kind: 'message'; raw: unknown } | { kind: 'close' };

/**
 * Both ends of a connection that lives in memory (the in-process transport). Messages are
 * copied through JSON, exactly what a socket would carry, and delivered asynchronously in
 * order, so code behaves the same over either transport.
 */
export function createChannelPair<AOut, BOut>(): [MessageChannel<AOut>, MessageChannel<BOut>] {
  const link = new MemoryLink();
  return [link.end<AOut>(0), link.end<BOut>(1)];
}

type Side = 0 | 1;

class MemoryLink {
  private readonly receivers: [ChannelReceiver | null, ChannelReceiver | null] = [null, null];
  /** What each side has yet to be told, in order. */
  private readonly inboxes: [Delivery[], Delivery[]] = [[], []];
  private readonly flushScheduled: [boolean, boolean] = [false, false];
  private readonly closedNotified: [boolean, boolean] = [false, false];
  /** No more sends once either side ends or destroys. */
  private closing = false;

  end<Out>(side: Side): MessageChannel<Out> {
    return {
      open: (receiver) => {
        this.receivers[side] = receiver;
        this.schedule(side);
      },
      send: (msg) => {
        if (this.closing) return;
        const copy: unknown = JSON.parse(serializeMessage(msg));
        this.deliver(other(side), { kind: 'message', raw: copy });
      },
      end: () => {
        if (this.closing) return;
        this.closing = true;
        // Like a socket after end(): our unread input is dropped, the peer reads what we sent.
        this.inboxes[side].length = 0;
        this.deliver(other(side), { kind: 'close' });
      },
      destroy: () => {
        this.closing = true;
        this.inboxes[0].length = 0;
        this.inboxes[1].length = 0;
        this.deliver(0, { kind: 'close' });
        this.deliver(1, { kind: 'close' });
      },
      backlog: () => 0,
      onDrained: (cb) => queueMicrotask(cb),
    };
  }

  private deliver(to: Side, item: Delivery): void {
    this.inboxes[to].push(item);
    this.schedule(to);
  }

  private schedule(side: Side): void {
    if (this.flushScheduled[side] || !this.receivers[side]) return;
    this.flushScheduled[side] = true;
    queueMicrotask(() => this.flush(side));
  }

  private flush(side: Side): void {
    this.flushScheduled[side] = false;
    const receiver = this.receivers[side]!;
    const inbox = this.inboxes[side];
    // If a receiver throws, the rest still arrives (on a later microtask).
    let done = false;
    try {
      this.drain(side, receiver, inbox);
      done = true;
    } finally {
      if (!done && inbox.length > 0) this.schedule(side);
    }
  }

  private drain(side: Side, receiver: ChannelReceiver, inbox: Delivery[]): void {
    while (inbox.length > 0) {
      const item = inbox.shift()!;
      if (item.kind === 'message') {
        receiver.message(item.raw);
        continue;
      }
      // A close reaches both ends: the socket analogue is both sides seeing 'close'.
      inbox.length = 0;
      this.inboxes[other(side)].length = 0;
      this.notifyClosed(side);
      this.notifyClosed(other(side));
    }
  }

  private notifyClosed(side: Side): void {
    if (this.closedNotified[side]) return;
    const receiver = this.receivers[side];
    if (!receiver) {
      this.inboxes[side].push({ kind: 'close' });
      return;
    }
    this.closedNotified[side] = true;
    receiver.closed();
  }
}

const other = (side: Side): Side => (side === 0 ? 1 : 0);
