import { markSession } from '../base/key-trace.js';
import type { FleetEvent, ScreenUpdate } from '../protocol/messages.js';
import { systemClock, type Clock, type TimerHandle } from '../base/clock.js';
import { diffScreens } from '../session/screen-diff.js';
import type { ConnectionInfo } from './request-handler.js';

/** What the feed needs of a session: its current screen, and word when it changes. */
export interface ScreenSource {
  snapshot(): ScreenUpdate;
  /** the child is inside a DEC 2026 synchronized update (its frame is incomplete) */
  synchronizing(): boolean;
  /** bytes of output the screen has taken so far: how much changed since the last frame */
  outputBytes(): number;
  onScreen(cb: () => void): { dispose(): void };
}

/**
 * Screens that keep changing by more than a lone change share one frame slot this often (~30
 * a second: a flood or a spinner looks no different at 60, and half the frames leave the CPU
 * to the panes being typed into). All of them go out together in the slot — one socket write
 * and one cockpit frame for a fleet of busy agents, as tmux redraws once per client per tick,
 * not one per pane. A key's answer is not paced (see input()).
 */
export const FRAME_INTERVAL_MS = 33;
/** Output up to this many bytes since the last frame is a lone change (an echo): sent at once. */
export const LONE_CHANGE_BYTES = 256;

/**
 * How long the next frame of a screen waits: a lone change goes at once — a keystroke's echo
 * must not wait for a frame slot — and so does anything after a quiet spell; screens under
 * load (a flood, a redrawing TUI) wait for the next slot (FRAME_INTERVAL_MS after the last one
 * began), each showing its latest state.
 */
export function frameDelay(now: number, lastSlotAt: number, bytesSince: number): number {
  if (bytesSince <= LONE_CHANGE_BYTES) return 0;
  return Math.max(0, lastSlotAt + FRAME_INTERVAL_MS - now);
}

export interface ScreenFeedSink {
  publish(event: FleetEvent): void;
  publishTo(conn: ConnectionInfo, event: FleetEvent): void;
}

interface Feed {
  source: ScreenSource;
  /** the last frame every subscriber of this screen holds */
  shown: ScreenUpdate | null;
  subscribers: Set<number>;
  pending: boolean;
  /** the source's output count when this screen's last frame was taken */
  sentBytes: number;
  sub: { dispose(): void };
  /** when the child's current synchronized update began (ms), or null */
  syncSince: number | null;
  /** a key reached the session: the next frame is its answer (a TUI's redraw), sent at once */
  answerDue: boolean;
  syncTimer: TimerHandle | null;
}

/** The longest a child's unfinished synchronized update may hold its screen back. */
export const MAX_SYNC_HOLD_MS = 500;

/**
 * Pushes screen updates to the clients subscribed to a session: a full frame when a client
 * subscribes, then only the rows that changed — a lone change at once, a busy screen paced
 * (see frameDelay), so intermediate states of a flood are never even snapshotted.
 * A screen nobody watches costs nothing: no snapshot is taken for it.
 */
export class ScreenFeed {
  private readonly feeds = new Map<string, Feed>();
  private readonly wanted = new Map<number, { conn: ConnectionInfo; names: Set<string> }>();
  /** the busy screens waiting for the shared frame slot */
  private readonly due = new Map<string, Feed>();
  /** when the last slot began; whether the next one is queued (a microtask or slotTimer) */
  private slotAt = -Infinity;
  private slotQueued = false;
  private slotTimer: TimerHandle | null = null;

  constructor(
    private readonly sink: ScreenFeedSink,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A session appeared (or was replaced by a restart): follow it. */
  attach(name: string, source: ScreenSource): void {
    this.detach(name);
    const feed: Feed = {
      source,
      shown: null,
      subscribers: new Set(),
      pending: false,
      sentBytes: source.outputBytes(),
      sub: { dispose() {} },
      syncSince: null,
      syncTimer: null,
      answerDue: false,
    };
    feed.sub = source.onScreen(() => this.schedule(name, feed));
    this.feeds.set(name, feed);
    for (const { conn, names } of this.wanted.values()) if (names.has(name)) this.add(feed, name, conn);
  }

  detach(name: string): void {
    const feed = this.feeds.get(name);
    if (!feed) return;
    feed.sub.dispose();
    if (this.due.get(name) === feed) this.due.delete(name);
    if (feed.syncTimer !== null) this.clock.clearTimeout(feed.syncTimer);
    this.feeds.delete(name);
  }

  /**
   * Input reached session `name`: its next frame goes out at once whatever the pace — a
   * keystroke's echo in an agent's TUI may redraw far more than a lone change, and typing
   * must not wait for a busy screen's frame slot.
   */
  input(name: string): void {
    const feed = this.feeds.get(name);
    if (feed) feed.answerDue = true;
  }

  /** A client's subscription changed: full frames of the screens it newly watches. */
  subscribe(conn: ConnectionInfo, screens: string[]): void {
    const names = new Set(screens);
    this.wanted.set(conn.id, { conn, names });
    for (const [name, feed] of this.feeds) {
      if (names.has(name)) this.add(feed, name, conn);
      else feed.subscribers.delete(conn.id);
    }
  }

  /**
   * A client that skipped frames (it was behind) has caught up: a full frame of each of those
   * screens — the one every other subscriber holds, so the diffs that follow apply to it too,
   * and nobody else gets a frame out of its pace.
   */
  resync(conn: ConnectionInfo, screens: string[]): void {
    for (const name of screens) {
      const feed = this.feeds.get(name);
      if (!feed?.subscribers.has(conn.id)) continue;
      if (feed.shown) this.sink.publishTo(conn, { type: 'screen', update: { ...feed.shown, name } });
      else this.add(feed, name, conn);
    }
  }

  disconnect(conn: ConnectionInfo): void {
    this.wanted.delete(conn.id);
    for (const feed of this.feeds.values()) feed.subscribers.delete(conn.id);
  }

  private add(feed: Feed, name: string, conn: ConnectionInfo): void {
    // Bring existing subscribers up to date first, so that everyone holds the same frame
    // and later diffs apply to the newcomer's full frame as well.
    this.flush(name, feed);
    feed.shown ??= feed.source.snapshot();
    feed.subscribers.add(conn.id);
    this.sink.publishTo(conn, { type: 'screen', update: { ...feed.shown, name } });
  }

  private schedule(name: string, feed: Feed): void {
    if (feed.subscribers.size === 0) return;
    if (feed.pending) {
      if (!feed.answerDue || this.due.get(name) !== feed) return;
      // a key's answer arrived while a paced frame waits for its slot: that frame goes now
      this.due.delete(name);
      queueMicrotask(() => this.flush(name, feed));
      return;
    }
    feed.pending = true;
    const bytes = feed.source.outputBytes() - feed.sentBytes;
    // a microtask still gathers the changes of this turn (several parse batches, a resize)
    if (feed.answerDue || bytes <= LONE_CHANGE_BYTES) queueMicrotask(() => this.flush(name, feed));
    else this.joinSlot(name, feed, bytes);
  }

  /** A busy screen waits for the shared slot: at once after a quiet spell, else when the slot comes round. */
  private joinSlot(name: string, feed: Feed, bytes: number): void {
    this.due.set(name, feed);
    if (this.slotQueued) return;
    this.slotQueued = true;
    const wait = frameDelay(this.clock.now(), this.slotAt, bytes);
    if (wait <= 0) {
      this.slotAt = this.clock.now();
      queueMicrotask(() => this.runSlot());
    } else this.slotTimer = this.clock.setTimeout(() => this.runSlot(), wait);
  }

  private runSlot(): void {
    // a slot begun at once took its time when it was queued; one that waited begins now
    if (this.slotTimer !== null) this.slotAt = this.clock.now();
    this.slotQueued = false;
    this.slotTimer = null;
    const due = [...this.due];
    this.due.clear();
    for (const [name, feed] of due) this.flush(name, feed);
  }

  private flush(name: string, feed: Feed, force = false): void {
    feed.pending = false;
    if (this.due.get(name) === feed) this.due.delete(name);
    if (!feed.shown || feed.subscribers.size === 0 || this.feeds.get(name) !== feed) {
      feed.shown = null;
      return;
    }
    if (!force && this.heldBySync(name, feed)) return;
    const prev = feed.shown;
    feed.shown = feed.source.snapshot();
    feed.sentBytes = feed.source.outputBytes();
    const update = diffScreens(prev, feed.shown);
    if (update.full || update.lines.length > 0 || moved(prev, update) || JSON.stringify(prev.modes) !== JSON.stringify(update.modes)) {
      feed.answerDue = false;
      markSession(name, 'server.frame'); // before: the cockpit may read it before this line ends
      this.sink.publish({ type: 'screen', update: { ...update, name } });
    }
  }

  /**
   * Honour the child's DEC 2026: while it is inside a synchronized update, its half-drawn frame
   * is not sent (its end triggers the next flush), but never for longer than MAX_SYNC_HOLD_MS.
   */
  private heldBySync(name: string, feed: Feed): boolean {
    if (!feed.source.synchronizing()) {
      feed.syncSince = null;
      if (feed.syncTimer !== null) this.clock.clearTimeout(feed.syncTimer);
      feed.syncTimer = null;
      return false;
    }
    const now = this.clock.now();
    feed.syncSince ??= now;
    if (now - feed.syncSince >= MAX_SYNC_HOLD_MS) return false;
    feed.syncTimer ??= this.clock.setTimeout(() => {
      feed.syncTimer = null;
      this.flush(name, feed, true);
    }, MAX_SYNC_HOLD_MS - (now - feed.syncSince));
    return true;
  }

  dispose(): void {
    for (const name of [...this.feeds.keys()]) this.detach(name);
    if (this.slotTimer !== null) this.clock.clearTimeout(this.slotTimer);
    this.slotTimer = null;
    this.wanted.clear();
  }
}

function moved(prev: ScreenUpdate, next: ScreenUpdate): boolean {
  return prev.cursor.x !== next.cursor.x || prev.cursor.y !== next.cursor.y || prev.cursor.visible !== next.cursor.visible;
}
