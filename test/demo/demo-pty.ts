import { fileURLToPath } from 'node:url';
import { PtyScreen, type PtyExit } from '../helpers/pty-screen.js';

// The built entry point itself, not a bin/ launcher: launchers only import it, and their names may change.
const DEMO_MAIN = fileURLToPath(new URL('../../dist/demo/main.js', import.meta.url));

export type DemoExit = PtyExit;

export interface SpawnDemoOptions {
  args?: string[];
  cwd: string;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

/** The built demo agent in a real pty (think time 100 ms unless the test says otherwise). */
export class DemoPty extends PtyScreen {
  constructor(options: SpawnDemoOptions) {
    super({
      ...options,
      file: process.execPath,
      args: [DEMO_MAIN, ...(options.args ?? [])],
      env: { DEMO_THINK_MS: '100', ...options.env },
    });
  }
}
