/**
 * A temporary git index (GIT_INDEX_FILE) for one snapshot, restore or copy: the user's own
 * index is never read or written, and the file is gone afterwards whatever happened.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempIndex<T>(use: (indexFile: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-index-'));
  try {
    return await use(join(dir, 'index'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
