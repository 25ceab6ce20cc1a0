import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A temp folder for one test file, removed when the file's tests are done (call it at the
 * file's top level or in a describe). `fresh()` gives a new empty folder inside it per call.
 * Made on first use, so a file that never writes leaves nothing behind.
 */
export function scratchDir(prefix: string): { path(): string; fresh(): string } {
  let root: string | null = null;
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  const path = (): string => (root ??= mkdtempSync(join(tmpdir(), `${prefix}-`)));
  return { path, fresh: () => mkdtempSync(join(path(), 'd-')) };
}
