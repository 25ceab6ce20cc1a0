import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRestarts, readRestarts, saveRestarts, serializeRestarts } from '../../src/watchdog/restart-budget-file.js';
import { scratchDir } from '../helpers/scratch-dir.js';

describe('restart budget file', () => {
  const dir = scratchDir('hangar-restarts').path();
  const path = join(dir, 'state', 'restarts-x.json');
  afterEach(() => rmSync(join(dir, 'state'), { recursive: true, force: true }));

  it('round-trips the count and the budget, creating its directory', () => {
    saveRestarts(path, { count: 7, recent: [1000, 2000, 3000], spent: false });
    expect(readRestarts(path)).toEqual({ count: 7, recent: [1000, 2000, 3000], spent: false });
    saveRestarts(path, { count: 8, recent: [], spent: true });
    expect(readRestarts(path)).toEqual({ count: 8, recent: [], spent: true });
  });

  it('a missing or garbled file is no saved budget', () => {
    expect(readRestarts(path)).toBeNull();
    saveRestarts(path, { count: 1, recent: [1], spent: false });
    writeFileSync(path, '{"version":1,"count":');
    expect(readRestarts(path)).toBeNull();
    expect(existsSync(path)).toBe(true);
  });

  it.each([
    '',
    'null',
    '[]',
    '{}',
    '{"version":2,"count":1,"recent":[],"spent":false}',
    '{"version":1,"count":-1,"recent":[],"spent":false}',
    '{"version":1,"count":1.5,"recent":[],"spent":false}',
    '{"version":1,"count":1,"recent":[-5],"spent":false}',
    '{"version":1,"count":1,"recent":["soon"],"spent":false}',
    '{"version":1,"count":1,"recent":{},"spent":false}',
    '{"version":1,"count":1,"recent":[],"spent":"no"}',
  ])('parseRestarts(%j) is null', (text) => {
    expect(parseRestarts(text)).toBeNull();
  });

  it('serializes as one JSON line', () => {
    expect(serializeRestarts({ count: 2, recent: [5, 6], spent: false })).toBe('{"version":1,"count":2,"recent":[5,6],"spent":false}\n');
  });
});
