import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('server.log', () => {
  it("takes the process's console and stdout/stderr writes, capped and rotated", () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-server-log-'));
    const path = join(dir, 'server.log');
    // a process of its own (its stdout and stderr are patched), on the built module (npm test builds first)
    const script = `
      const { pathToFileURL } = require('node:url');
      import(pathToFileURL(process.argv[1]).href).then(({ captureServerLog }) => {
        captureServerLog(process.argv[2], { maxBytes: 4096, keep: 2 });
        for (let i = 0; i < 2000; i++) console.error('message ' + i);
        console.log('from console.log');
        process.stdout.write('written with a callback\\n', () => process.stderr.write('callback called\\n'));
      });`;
    const out = execFileSync(process.execPath, ['-e', script, distModule(), path], { encoding: 'utf8' });
    expect(out).toBe(''); // nothing went to the original stdout
    expect(readdirSync(dir).sort()).toEqual(['server.log', 'server.log.1', 'server.log.2']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(4096);
    const kept = ['server.log.2', 'server.log.1', 'server.log'].map((f) => readFileSync(join(dir!, f), 'utf8')).join('');
    expect(kept).toMatch(/message 1999\nfrom console\.log\nwritten with a callback\ncallback called\n$/);
    // whole lines, in order, from where the oldest kept file begins
    const numbers = [...kept.matchAll(/^message (\d+)$/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
  });
});

function distModule(): string {
  return fileURLToPath(new URL('../../dist/server/server-log.js', import.meta.url));
}
