import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { doneDetectionChecks } from '../../src/watchdog/phase-done-selftest.js';
import { runSelftest } from '../../src/watchdog/selftest.js';
import { runHangar } from '../helpers/run-hangar.js';

describe('hangar selftest', () => {
  it('every detector check passes', () => {
    const failed = runSelftest(doneDetectionChecks()).filter((r) => !r.ok);
    expect(failed).toEqual([]);
  });

  it('covers activity, limits, every reset format, WAITING-UNTIL, DONE', () => {
    const names = runSelftest(doneDetectionChecks()).map((r) => r.name).join('\n');
    for (const part of ['footer_ui idle', 'footer_ui active', 'reads as limited', 'resets at 9:30 am', 'Jun 18, 10pm', '22:15', 'Europe/Berlin', 'in 2h 5m', 'WAITING-UNTIL', 'DONE: DONE with a real body', 'DONE: "Not yet."', 'code block']) {
      expect(names).toContain(part);
    }
  });

  it('the CLI prints PASS per check and exits 0, with no config anywhere', async () => {
    const r = await runHangar(['selftest'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith(' PASS: ')).length).toBe(runSelftest(doneDetectionChecks()).length);
    expect(r.stdout).toContain(' PASS: DONE: a DONE example in a code block is not done\n');
    const json = JSON.parse((await runHangar(['selftest', '--json'], { cwd: tmpdir() })).stdout);
    expect(json.ok).toBe(true);
  });
});
