import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowTextCache } from '../../src/session/row-text-cache.js';
import { rowToAnsi } from '../../src/session/row-ansi.js';
import { Screen } from '../../src/session/screen.js';

// count the rows built through xterm's public cell API, and keep building them as before
vi.mock('../../src/session/row-ansi.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/session/row-ansi.js')>();
  return { ...real, rowToAnsi: vi.fn(real.rowToAnsi) };
});
const built = vi.mocked(rowToAnsi);

let screens: Screen[] = [];
afterEach(() => {
  for (const screen of screens) screen.dispose();
  screens = [];
  built.mockClear();
});

function makeScreen(cols = 30, rows = 4): Screen {
  const screen = new Screen({ cols, rows, scrollback: 10 });
  screens.push(screen);
  return screen;
}

function write(screen: Screen, data: string): Promise<void> {
  return new Promise((resolve) => screen.write(data, resolve));
}

const texts = (screen: Screen) => screen.snapshot('s').lines.map((l) => l.text);

/** An ink-style frame: erase the last 3 rows, write them again; only the spinner row differs. */
const frame = (spinner: string, colour: number) => `\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[G\x1b[38;5;75mtranscript\x1b[0m\r\n\x1b[38;2;${colour};100;100m${spinner}\x1b[0m thinking\r\n> input`;

describe('RowTextCache', () => {
  it('builds a row again only when its words changed', () => {
    const cache = new RowTextCache();
    const build = vi.fn(() => 'text');
    cache.text(0, Uint32Array.of(1, 2, 3), 3, build);
    expect(cache.text(0, Uint32Array.of(1, 2, 3, 9), 3, build)).toBe('text'); // words past the count do not matter
    expect(build).toHaveBeenCalledTimes(1);
    cache.text(0, Uint32Array.of(1, 2, 4), 3, build);
    cache.text(0, Uint32Array.of(1, 2, 4, 5, 6, 7), 6, build); // a wider row
    expect(build).toHaveBeenCalledTimes(3);
    cache.text(1, Uint32Array.of(1, 2, 4), 3, build); // another row has its own slot
    expect(build).toHaveBeenCalledTimes(4);
  });

  it('builds every time for a row its words do not describe', () => {
    const cache = new RowTextCache();
    const build = vi.fn(() => 'text');
    cache.text(0, null, 3, build);
    cache.text(0, null, 3, build);
    expect(build).toHaveBeenCalledTimes(2);
    cache.text(0, Uint32Array.of(1), 3, build); // fewer words than the row's cells
    cache.text(0, Uint32Array.of(1), 3, build);
    expect(build).toHaveBeenCalledTimes(4);
  });
});

describe('a screen redrawn like an ink app', () => {
  it('builds only the rows whose cells changed (the fast path is taken), and gives the text a fresh screen gives', async () => {
    const screen = makeScreen();
    await write(screen, '\r\n\r\n' + frame('✻', 200));
    texts(screen);
    built.mockClear();
    await write(screen, frame('✶', 200)); // every row rewritten, one cell changed
    const after = texts(screen);
    expect(built).toHaveBeenCalledTimes(1);
    await write(screen, frame('✶', 201)); // only a colour changed: the row is built again
    expect(texts(screen)).not.toEqual(after);
    expect(built).toHaveBeenCalledTimes(2);

    const fresh = makeScreen();
    await write(fresh, '\r\n\r\n' + frame('✶', 201));
    expect(texts(screen)).toEqual(texts(fresh));
  });

  it('reads the plain rows (for the status) as a fresh screen does, after rows changed in place', async () => {
    const screen = makeScreen();
    await write(screen, '\r\n\r\n' + frame('✻', 200));
    expect(screen.visibleRows()).toContain('✻ thinking');
    await write(screen, frame('✶', 200));
    await write(screen, frame('✶', 201)); // a colour: the plain text is the same
    await write(screen, '\x1b[1;1Hedited'); // a row's characters changed in place
    const fresh = makeScreen();
    await write(fresh, '\r\n\r\n' + frame('✶', 201) + '\x1b[1;1Hedited');
    expect(screen.visibleRows()).toEqual(fresh.visibleRows());
    expect(screen.visibleRows()[0]).toBe('editedript'); // over 'transcript'
  });

  it('builds every time a row holding combined characters or extended attributes (their text is not in the words)', async () => {
    const screen = makeScreen();
    await write(screen, 'e\u0301 combined\r\n\x1b[4:3mcurly\x1b[0m');
    texts(screen);
    built.mockClear();
    texts(screen);
    expect(built).toHaveBeenCalledTimes(2); // the two rows with side maps; the blank rows came from the cache
    const fresh = makeScreen();
    await write(fresh, 'e\u0301 combined\r\n\x1b[4:3mcurly\x1b[0m');
    expect(texts(screen)).toEqual(texts(fresh));
  });
});
