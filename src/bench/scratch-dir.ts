import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private temp folder per subject run, with its own XDG_STATE_HOME, removed on dispose. */
export interface ScratchDir {
  path: string;
  xdgStateHome: string;
  dispose(): void;
}

export function makeScratchDir(label: string): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), `hangar-bench-${label}-`));
  const xdgStateHome = join(path, 'xdg');
  mkdirSync(xdgStateHome);
  return { path, xdgStateHome, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
