import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LimitHold } from '../../src/watchdog/limit-hold.js';
import { readLimitHold, saveLimitHold } from '../../src/watchdog/limit-hold-file.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const hold: LimitHold = { since: 1000, resetAt: 50_000, nextAt: 95_000, probes: 1, phase: 'waiting', sentAt: 2000, bannerSeen: true };

describe('limit hold file', () => {
  const dir = scratchDir('hangar-hold').path();
  const path = join(dir, 'limited-x.json');
  afterEach(() => rmSync(path, { force: true }));

  it('round-trips a hold (a restored hold has not seen its banner yet)', () => {
    saveLimitHold(path, hold);
    expect(readLimitHold(path, 100_000)).toEqual({ ...hold, bannerSeen: false });
  });

  it('removes the file when the hold ends', () => {
    saveLimitHold(path, hold);
    saveLimitHold(path, null);
    expect(existsSync(path)).toBe(false);
  });

  it('ignores a missing, garbled or stale file', () => {
    expect(readLimitHold(path, 0)).toBeNull();
    writeFileSync(path, '{"version":1,"since":');
    expect(readLimitHold(path, 0)).toBeNull();
    saveLimitHold(path, hold);
    expect(JSON.parse(readFileSync(path, 'utf8')).nextAt).toBe(95_000);
    expect(readLimitHold(path, 95_000 + 6 * 3_600_000)).toBeNull();
  });
});
