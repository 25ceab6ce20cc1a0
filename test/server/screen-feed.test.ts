import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FleetEvent, ScreenUpdate } from '../../src/protocol/messages.js';
import type { ConnectionInfo } from '../../src/server/request-handler.js';
import { MAX_SYNC_HOLD_MS, ScreenFeed, type ScreenSource } from '../../src/server/screen-feed.js';

/** A screen we draw by hand. */
class FakeScreen implements ScreenSource {
  rows = ['one', 'two', 'three'];
  sync = false;
  snapshots = 0;
  private listeners = new Set<() => void>();
  snapshot(): ScreenUpdate {
    this.snapshots++;
    return { name: 's', cols: 10, rows: 3, full: true, lines: this.rows.map((text, y) => ({ y, text })), cursor: { x: 0, y: 0, visible: true } };
  }
  synchronizing(): boolean {
    return this.sync;
  }
  onScreen(cb: () => void) {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }
  changed(): void {
    for (const cb of this.listeners) cb();
  }
}

const conn = (id: number): ConnectionInfo => ({ id, client: 't', transport: 'in-process' });
const turn = () => new Promise((r) => setImmediate(r));

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

  it('does not hold a synchronized update forever', () => {
    vi.useFakeTimers();
    try {
      const screen = new FakeScreen();
      feed.attach('s', screen);
      feed.subscribe(conn(1), ['s']);
      screen.sync = true;
      screen.rows[0] = 'stuck';
      screen.changed();
      vi.advanceTimersByTime(MAX_SYNC_HOLD_MS - 1);
      expect(sent).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(sent).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
