import { describe, expect, it } from 'vitest';
import type { FleetClient } from '../../src/client/fleet-client.js';
import { Compositor } from '../../src/ui/compositor/index.js';
import { followScope } from '../../src/ui/active-scope.js';
import { HistoryMode } from '../../src/ui/history-mode.js';
import { createRouter } from '../../src/ui/input/index.js';
import { DEFAULT_BINDINGS } from '../../src/keymap/index.js';
import { paneFrame } from '../../src/ui/layout/pane-frame.js';
import { createViewStore } from '../../src/ui/view-store.js';

/**
 * HistoryMode over a real store, router and compositor; the server is a stand-in holding a
 * buffer of lines that answers `scrollback` and `find` as the server does (find's `from` is
 * inclusive, session/screen.ts findRow).
 */
function setup(buffer: string[]) {
  const store = createViewStore();
  const router = createRouter({ prefix: 'C-b', bindings: DEFAULT_BINDINGS, mouse: true });
  const compositor = new Compositor(80, 24);
  const frame = paneFrame(0, { x: 0, y: 0, width: 40, height: 12 });
  const written: string[] = [];
  const notices: string[] = [];
  const client = {
    request: async (verb: string, args: { start?: number; count?: number; query?: string; from?: number; backwards?: boolean }) => {
      if (verb === 'scrollback') {
        const start = args.start ?? 0;
        return { start, rows: buffer.slice(start, start + (args.count ?? 0)), total: buffer.length, screenTop: Math.max(0, buffer.length - 10) };
      }
      for (let y = args.from!; y >= 0 && y < buffer.length; y += args.backwards ? -1 : 1) if (buffer[y]!.includes(args.query!)) return { row: y };
      return { row: null };
    },
  } as unknown as FleetClient;
  followScope(store, router);
  const mode = new HistoryMode({
    store, compositor, client,
    write: (data) => written.push(data),
    paneFrame: () => frame,
    queueFrame: () => {},
    focus: () => {},
    notice: (m) => notices.push(m),
  });
  const state = () => store.getState().history;
  return { mode, router, state, written, notices };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

describe('history mode', () => {
  it('y copies the selection and stays in history mode, the selection cleared, saying how many lines it copied', async () => {
    const t = setup(lines(30));
    await t.mode.enter('a');
    const bottom = t.state()!.cursor;
    await t.mode.command('history-select');
    await t.mode.command('history-line-up');
    await t.mode.command('history-copy');
    expect(t.written).toEqual([`\x1b]52;c;${Buffer.from(`line ${bottom}\nline ${bottom + 1}`).toString('base64')}\x07`]);
    expect(t.state()).toMatchObject({ cursor: bottom - 1, mark: null, note: 'copied 2 lines (OSC 52)' });
    expect(t.router.mode).toBe('history'); // a q now leaves history mode; it does not reach the agent
    await t.mode.command('history-exit');
    expect(t.state()).toBeNull();
    expect(t.router.mode).toBe('normal');
  });

  it('/ finds a match on the cursor line itself; n goes on to the next one up, never the same one again', async () => {
    const t = setup(['x 1', 'x 2', 'plain', 'x 4', 'plain', 'x 6']);
    await t.mode.enter('a');
    expect(t.state()!.cursor).toBe(5); // on "x 6"
    await t.mode.command('history-search');
    t.mode.type('x');
    await t.mode.command('overlay-accept');
    expect(t.state()).toMatchObject({ cursor: 5, query: 'x', typing: null });
    expect(t.state()!.note).toBeUndefined();
    await t.mode.command('history-next-match');
    expect(t.state()!.cursor).toBe(3);
    await t.mode.command('history-next-match');
    expect(t.state()!.cursor).toBe(1);
    await t.mode.command('history-prev-match');
    expect(t.state()!.cursor).toBe(3);
  });
});
