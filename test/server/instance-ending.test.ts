import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endsATurn } from '../../src/server/finished-turn.js';
import { closingStatus } from '../../src/server/instance-ending.js';
import { readVerdicts } from '../../src/server/verdicts-file.js';

describe('how a run brought down ends', () => {
  it('is stopped when no worker was ended with a verdict', () => {
    expect(closingStatus([])).toBe('stopped');
  });

  it('is completed when every worker last ended completed, failed as soon as one did not', () => {
    expect(closingStatus([{ agent: 'a', verdict: 'completed' }, { agent: 'b', verdict: 'completed' }])).toBe('completed');
    expect(closingStatus([{ agent: 'a', verdict: 'completed' }, { agent: 'b', verdict: 'failed' }])).toBe('failed');
  });

  it("counts each worker's last verdict: one judged again is judged by the later one", () => {
    expect(closingStatus([{ agent: 'a', verdict: 'failed' }, { agent: 'a', verdict: 'completed' }])).toBe('completed');
    expect(closingStatus([{ agent: 'a', verdict: 'completed' }, { agent: 'a', verdict: 'failed' }])).toBe('failed');
  });

  it('counts a turn where an agent stops working and waits', () => {
    expect(endsATurn('working', 'idle')).toBe(true);
    expect(endsATurn('working', 'needs-input')).toBe(true);
    expect(endsATurn('starting', 'idle')).toBe(false);
    expect(endsATurn('working', 'crashed')).toBe(false);
    expect(endsATurn('idle', 'working')).toBe(false);
  });
});

describe('the verdicts file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-verdicts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the verdicts of the run (from its start on), passing over torn and foreign lines', () => {
    const path = join(dir, 'verdicts.jsonl');
    const since = Date.parse('2026-12-05T10:00:00.000Z');
    writeFileSync(
      path,
      [
        JSON.stringify({ at: '2026-12-05T09:59:59.000Z', agent: 'old', verdict: 'failed' }), // an earlier run's
        JSON.stringify({ at: '2026-12-05T10:00:01.000Z', agent: 'a', verdict: 'completed', reason: 'tests pass' }),
        '{"at": "2026-12-05T10:00:02.000Z", "agent": "b", "verd', // torn
        JSON.stringify({ at: '2026-12-05T10:00:03.000Z', agent: 'c', verdict: 'maybe' }),
        JSON.stringify({ at: since + 4000, agent: 'd', verdict: 'failed' }),
        '',
      ].join('\n'),
    );
    expect(readVerdicts(path, since)).toEqual([
      { agent: 'a', verdict: 'completed' },
      { agent: 'd', verdict: 'failed' },
    ]);
  });

  it('is no verdict at all when the file is not there', () => {
    expect(readVerdicts(join(dir, 'none.jsonl'), 0)).toEqual([]);
  });
});
