import { appendFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendVerdict, readVerdicts } from '../../src/fleet/verdict-log.js';
import { verdictsPath } from '../../src/fs/fleet-files.js';

describe('state/verdicts.jsonl (end)', () => {
  const dirs: string[] = [];
  const stateDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'hangar-verdicts-'));
    dirs.push(d);
    return { state_dir: d };
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('appends one JSON line per verdict and reads them back in order', () => {
    const fleet = stateDir();
    expect(readVerdicts(fleet)).toEqual([]);
    const a = { name: 'd1', verdict: 'completed' as const, reason: 'tests pass', at: 1, deleted: true };
    const b = { name: 'd2', verdict: 'failed' as const, reason: '', at: 2, deleted: false };
    appendVerdict(fleet, a);
    appendVerdict(fleet, b);
    expect(readFileSync(verdictsPath(fleet), 'utf8')).toBe(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
    expect(readVerdicts(fleet)).toEqual([a, b]);
  });

  it('passes over a torn or foreign line and keeps the others', () => {
    const fleet = stateDir();
    appendVerdict(fleet, { name: 'd1', verdict: 'completed', reason: '', at: 1, deleted: false });
    appendFileSync(verdictsPath(fleet), '{"name":"d2","verd\n{"name":"d3","verdict":"maybe","reason":"","at":3,"deleted":false}\n');
    appendVerdict(fleet, { name: 'd4', verdict: 'failed', reason: 'x', at: 4, deleted: false });
    expect(readVerdicts(fleet).map((v) => v.name)).toEqual(['d1', 'd4']);
  });

  it('never writes through a link in place of the file', () => {
    const fleet = stateDir();
    const elsewhere = join(fleet.state_dir, 'elsewhere');
    writeFileSync(elsewhere, '');
    symlinkSync(elsewhere, verdictsPath(fleet));
    expect(() => appendVerdict(fleet, { name: 'd1', verdict: 'completed', reason: '', at: 1, deleted: false })).toThrow(/ELOOP/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('');
  });
});
