import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runQualityCommand } from '../../src/watchers/quality-run.js';

// A quality watcher's command, really run: bounded in time (killed with its process group at
// its timeout) and in output (only the end kept).
describe('runQualityCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-quality-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs through sh in the given dir: its exit code, stdout and stderr together', async () => {
    expect(await runQualityCommand('pwd; echo oops >&2; exit 4', dir, 30)).toEqual({ code: 4, timedOut: false, output: `${dir}\noops\n` });
  });

  it('kills it, and what it started, at its timeout', async () => {
    const run = await runQualityCommand('echo started; sleep 600 & sleep 600', dir, 1);
    expect(run).toEqual({ code: null, timedOut: true, output: 'started\n' });
  });

  it('keeps only the end of a flood of output', async () => {
    const run = await runQualityCommand(`node -e "for (let i = 0; i < 20000; i++) console.log('line ' + i)"`, dir, 30);
    expect(run.code).toBe(0);
    expect(run.output.length).toBeLessThanOrEqual(64 * 1024);
    expect(run.output.endsWith('line 19999\n')).toBe(true);
  });
});
