import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerParents } from '../../src/fleet/worker-parents.js';

describe('WorkerParents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-parents-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'state', 'workers.json');

  it("is read back by the next server's (a restart keeps the tree)", () => {
    const first = new WorkerParents(path, join(dir, 'state'));
    first.set('w1', 'lead');
    first.set('w2', 'lead');
    first.set('solo', undefined);
    const next = new WorkerParents(path, join(dir, 'state'));
    expect([next.of('w1'), next.of('w2'), next.of('solo')]).toEqual(['lead', 'lead', undefined]);
    // a new agent of a worker's name without a parent is nobody's worker
    next.set('w1', undefined);
    expect(new WorkerParents(path, join(dir, 'state')).of('w1')).toBeUndefined();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ w2: 'lead' });
  });

  it('reads a file that holds no such map as none', () => {
    writeFileSync(path, '["not", "a map"]');
    expect(new WorkerParents(path, join(dir, 'state')).of('w2')).toBeUndefined();
    writeFileSync(path, '{"w2": 3, "w3": "lead"}');
    const read = new WorkerParents(path, join(dir, 'state'));
    expect([read.of('w2'), read.of('w3')]).toEqual([undefined, 'lead']);
  });
});
