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
 * While a screen keeps changing by more than a lone change, its frames go out at most this
 * often (~30 a second: a flood or a spinner looks no different at 60, and half the frames
 * leave the CPU to the panes being typed into). A key's answer is not paced (see input()).
 */
export const FRAME_INTERVAL_MS = 33;
/** Output up to this many bytes since the last frame is a lone change (an echo): sent at once. */
export const LONE_CHANGE_BYTES = 256;

/**
 * How long the next frame of a screen waits: a lone change goes at once — a keystroke's echo
 * must not wait for a frame slot — and so does anything after a quiet spell; a screen under
 * load (a flood, a redrawing TUI) gets one frame per FRAME_INTERVAL_MS, showing its latest state.
 */
export function frameDelay(now: number, lastSentAt: number, bytesSince: number): number {
  if (bytesSince <= LONE_CHANGE_BYTES) return 0;
  return Math.max(0, lastSentAt + FRAME_INTERVAL_MS - now);
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
  /** the paced flush waiting for its slot */
  timer: TimerHandle | null;
  /** when a frame of this screen last went out, and the source's output count then */
  sentAt: number;
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
      timer: null,
      sentAt: -Infinity,
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
    if (feed.timer !== null) this.clock.clearTimeout(feed.timer);
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
      if (!feed.answerDue || feed.timer === null) return;
      // a key's answer arrived while a paced frame waits for its slot: that frame goes now
      this.clock.clearTimeout(feed.timer);
      feed.timer = null;
      queueMicrotask(() => this.flush(name, feed));
      return;
    }
    feed.pending = true;
    const wait = feed.answerDue ? 0 : frameDelay(this.clock.now(), feed.sentAt, feed.source.outputBytes() - feed.sentBytes);
    // a microtask still gathers the changes of this turn (several parse batches, a resize)
    if (wait <= 0) queueMicrotask(() => this.flush(name, feed));
    else
      feed.timer = this.clock.setTimeout(() => {
        feed.timer = null;
        this.flush(name, feed);
      }, wait);
  }

  private flush(name: string, feed: Feed, force = false): void {
    feed.pending = false;
    if (feed.timer !== null) this.clock.clearTimeout(feed.timer);
    feed.timer = null;
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
      feed.sentAt = this.clock.now();
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
    this.wanted.clear();
  }
}

function moved(prev: ScreenUpdate, next: ScreenUpdate): boolean {
  return prev.cursor.x !== next.cursor.x || prev.cursor.y !== next.cursor.y || prev.cursor.visible !== next.cursor.visible;
}
