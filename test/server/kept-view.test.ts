import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetView } from '../../src/protocol/fleet-view.js';
import { KeptView, keptViewPath } from '../../src/server/kept-view.js';

describe('KeptView', () => {
  let dir: string;
  let warnings: string[];
  const kept = (path = keptViewPath(join(dir, 'state'))) => new KeptView(path, (m) => warnings.push(m));
  const view: FleetView = { layout: 'main-stack', zoomed: true, focus: 'scout', pilot: 'builder' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-kv-'));
    warnings = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds nothing until a view is reported, then the view, in <state_dir>/view.json for the next server', () => {
    const first = kept();
    expect(first.get()).toBeNull();
    first.set(view);
    expect(first.get()).toEqual(view);
    const path = keptViewPath(join(dir, 'state'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(view);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'state'))).toEqual(['view.json']); // no temp file left behind
    expect(kept().get()).toEqual(view);
    expect(warnings).toEqual([]);
  });

  it('ignores a file that holds no view, saying so', () => {
    const path = keptViewPath(join(dir, 'state'));
    mkdirSync(join(dir, 'state'));
    writeFileSync(path, '{"layout":"spiral"');
    expect(kept().get()).toBeNull();
    writeFileSync(path, JSON.stringify({ ...view, layout: 'spiral' }));
    expect(kept().get()).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/view\.json ignored: .*JSON/), `${path} ignored: "layout" must be one of: tiled, main-stack`]);
  });

  it('keeps a view it cannot write in memory, with a warning', () => {
    writeFileSync(join(dir, 'state'), 'a file where the state dir should be');
    const k = kept();
    k.set(view);
    expect(k.get()).toEqual(view);
    expect(warnings).toEqual([expect.stringMatching(/kept until the server stops, not in .*view\.json/)]);
  });
});
