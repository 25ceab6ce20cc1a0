import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FleetEvent, ScreenUpdate } from '../../src/protocol/messages.js';
import type { ConnectionInfo } from '../../src/server/request-handler.js';
import { FRAME_INTERVAL_MS, LONE_CHANGE_BYTES, MAX_SYNC_HOLD_MS, ScreenFeed, frameDelay, type ScreenSource } from '../../src/server/screen-feed.js';
import { ManualClock } from '../../src/base/manual-clock.js';

/** A screen we draw by hand. */
class FakeScreen implements ScreenSource {
  rows = ['one', 'two', 'three'];
  sync = false;
  snapshots = 0;
  bytes = 0;
  private listeners = new Set<() => void>();
  snapshot(): ScreenUpdate {
    this.snapshots++;
    return { name: 's', cols: 10, rows: 3, full: true, lines: this.rows.map((text, y) => ({ y, text })), cursor: { x: 0, y: 0, visible: true } };
  }
  synchronizing(): boolean {
    return this.sync;
  }
  outputBytes(): number {
    return this.bytes;
  }
  onScreen(cb: () => void) {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }
  /** The child printed `bytes` of output that changed the screen. */
  changed(bytes = 1): void {
    this.bytes += bytes;
    for (const cb of this.listeners) cb();
  }
}

const conn = (id: number): ConnectionInfo => ({ id, client: 't', transport: 'in-process', closed: new AbortController().signal });
const turn = () => new Promise((r) => setImmediate(r));
const microtasks = () => Promise.resolve();
const texts = (e: { event: FleetEvent } | undefined) => (e?.event.type === 'screen' ? e.event.update.lines.map((l) => l.text) : null);

describe('frameDelay', () => {
  it('sends a lone change at once, even right after a frame', () => {
    expect(frameDelay(1000, 999, 1)).toBe(0);
    expect(frameDelay(1000, 999, LONE_CHANGE_BYTES)).toBe(0);
  });
  it('paces a busy screen to one frame per interval', () => {
    expect(frameDelay(1000, 995, LONE_CHANGE_BYTES + 1)).toBe(FRAME_INTERVAL_MS - 5);
    expect(frameDelay(1000, 1000 - FRAME_INTERVAL_MS, 100_000)).toBe(0);
    expect(frameDelay(1000, -Infinity, 100_000)).toBe(0);
  });
});

describe('ScreenFeed', () => {
  const sent: Array<{ to: number | 'all'; event: FleetEvent }> = [];
  const feed = new ScreenFeed({ publish: (event) => sent.push({ to: 'all', event }), publishTo: (c, event) => sent.push({ to: c.id, event }) });
  afterEach(() => {
    feed.dispose();
    sent.length = 0;
  });

  it('takes no snapshot of a screen nobody watches', async () => {
    const screen = new FakeScreen();
    feed.attach('s', screen);
    screen.changed();
    await turn();
    expect(screen.snapshots).toBe(0);
    expect(sent).toEqual([]);
  });

  it('sends a full frame to a new subscriber, then one coalesced diff of changed rows', async () => {
    const screen = new FakeScreen();
    feed.attach('s', screen);
    feed.subscribe(conn(1), ['s']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 1, event: { type: 'screen', update: { full: true } } });
    screen.rows[1] = 'TWO';
    screen.changed();
    screen.rows[2] = 'THREE';
    screen.changed();
    await turn();
    expect(sent).toHaveLength(2);
    const diff = sent[1]!;
    expect(diff.to).toBe('all');
    expect(diff.event.type === 'screen' && diff.event.update.lines).toEqual([{ y: 1, text: 'TWO' }, { y: 2, text: 'THREE' }]);
  });

  it('resync: a client that missed frames gets the full frame the others hold; nobody gets a frame out of pace', async () => {
    const screen = new FakeScreen();
    feed.attach('s', screen);
    feed.subscribe(conn(1), ['s']);
    feed.subscribe(conn(2), ['s']);
    screen.rows[0] = 'ONE';
    screen.changed();
    await turn();
    screen.rows[1] = 'TWO'; // changed since: the next diff carries it, to everyone
    screen.changed();
    sent.length = 0;
    feed.resync(conn(2), ['s', 'nope']); // an unknown or unwatched screen is skipped
    expect(sent).toEqual([{ to: 2, event: { type: 'screen', update: expect.objectContaining({ full: true }) } }]);
    expect(texts(sent[0])).toEqual(['ONE', 'two', 'three']);
    await turn();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.to).toBe('all');
    expect(texts(sent[1])).toEqual(['TWO']);
    sent.length = 0;
    feed.resync(conn(3), ['s']); // not a subscriber
    expect(sent).toEqual([]);
  });

  it('flushes a lone change without waiting for a turn of the event loop', async () => {
    const screen = new FakeScreen();
    feed.attach('s', screen);
    feed.subscribe(conn(1), ['s']);
    screen.rows[0] = 'x';
    screen.changed(1);
    await microtasks();
    expect(sent).toHaveLength(2);
    expect(texts(sent[1])).toEqual(['x']);
  });

  /** A feed on a manual clock with one watched screen, and a way to change a row by a lot. */
  const pacedFeed = () => {
    const clock = new ManualClock(1000);
    const paced = new ScreenFeed({ publish: (event) => sent.push({ to: 'all', event }), publishTo: (c, event) => sent.push({ to: c.id, event }) }, clock);
    const screen = new FakeScreen();
    paced.attach('s', screen);
    paced.subscribe(conn(1), ['s']);
    const bigChange = (text: string) => {
      screen.rows[2] = text;
      screen.changed(4096);
    };
    return { clock, paced, screen, bigChange };
  };

  it('coalesces a busy screen: one frame per interval, showing its latest state', async () => {
    const { clock, paced, screen, bigChange: flood } = pacedFeed();
    try {
      flood('1'); // after a quiet spell: at once (on a microtask)
      await microtasks();
      expect(texts(sent[1])).toEqual(['1']);
      clock.advance(2);
      flood('2');
      flood('3');
      await microtasks();
      flood('4');
      expect(sent).toHaveLength(2);
      clock.advance(FRAME_INTERVAL_MS - 3);
      expect(sent).toHaveLength(2);
      clock.advance(1);
      expect(sent).toHaveLength(3);
      expect(texts(sent[2])).toEqual(['4']);
      expect(screen.snapshots).toBe(3); // the first frame, '1' and '4': nothing in between
    } finally {
      paced.dispose();
    }
  });

  it("sends a key's answer at once, even a big redraw, even while a paced frame waits", async () => {
    const { clock, paced, bigChange: redraw } = pacedFeed();
    try {
      redraw('spinner 1'); // after a quiet spell: at once
      await microtasks();
      clock.advance(2);
      redraw('spinner 2'); // busy: waits for its slot
      await microtasks();
      expect(sent).toHaveLength(2);
      paced.input('s');
      redraw('typed x'); // the TUI redraws its input box: a big change, but the key's answer
      await microtasks();
      expect(sent).toHaveLength(3);
      expect(texts(sent[2])).toEqual(['typed x']);
      clock.advance(1);
      redraw('spinner 3'); // no key since: paced again
      await microtasks();
      expect(sent).toHaveLength(3);
      clock.advance(FRAME_INTERVAL_MS);
      expect(sent).toHaveLength(4);
      paced.input('s'); // a key with no frame waiting: its answer goes at once too
      redraw('typed xy');
      await microtasks();
      expect(sent).toHaveLength(5);
    } finally {
      paced.dispose();
    }
  });

  it('sends busy screens together in one shared slot, not each in a slot of its own', async () => {
    const clock = new ManualClock(1000);
    const shared = new ScreenFeed({ publish: (event) => sent.push({ to: 'all', event }), publishTo: (c, event) => sent.push({ to: c.id, event }) }, clock);
    const screens = ['a', 'b', 'c'].map((name) => {
      const screen = new FakeScreen();
      shared.attach(name, screen);
      return { name, screen };
    });
    shared.subscribe(conn(1), ['a', 'b', 'c']);
    const redraw = (i: number, text: string) => {
      screens[i]!.screen.rows[2] = text;
      screens[i]!.screen.changed(4096);
    };
    const names = () => sent.slice(3).map((e) => (e.event.type === 'screen' ? e.event.update.name : ''));
    try {
      redraw(0, 'a1'); // after a quiet spell: the slot begins at once
      await microtasks();
      expect(names()).toEqual(['a']);
      clock.advance(10);
      redraw(1, 'b1'); // b had sent nothing yet, but the slot is taken: it waits for the next
      await microtasks();
      clock.advance(10);
      redraw(2, 'c1');
      redraw(0, 'a2');
      await microtasks();
      expect(names()).toEqual(['a']);
      clock.advance(FRAME_INTERVAL_MS - 21);
      expect(names()).toEqual(['a']);
      clock.advance(1); // the slot: every waiting screen at once
      expect(names()).toEqual(['a', 'b', 'c', 'a']);
      expect(texts(sent.at(-1))).toEqual(['a2']);
    } finally {
      shared.dispose();
    }
  });

  it("holds a child's synchronized update until it ends", async () => {
    const screen = new FakeScreen();
    feed.attach('s', screen);
    feed.subscribe(conn(1), ['s']);
    screen.sync = true;
    screen.rows[0] = 'half-drawn';
    screen.changed();
    await turn();
    expect(sent).toHaveLength(1);
    screen.sync = false;
    screen.rows[1] = 'done';
    screen.changed();
    await turn();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.event.type === 'screen' && sent[1]!.event.update.lines.map((l) => l.text)).toEqual(['half-drawn', 'done']);
  });

  it('does not hold a synchronized update forever', async () => {
    vi.useFakeTimers();
    try {
      const screen = new FakeScreen();
      feed.attach('s', screen);
      feed.subscribe(conn(1), ['s']);
      screen.sync = true;
      screen.rows[0] = 'stuck';
      screen.changed();
      await microtasks(); // the flush that finds the update unfinished and holds it
      vi.advanceTimersByTime(MAX_SYNC_HOLD_MS - 1);
      expect(sent).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(sent).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
