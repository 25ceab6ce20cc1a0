import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect } from 'vitest';
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

export interface DemoSandbox {
  /** the demo's working dir (fresh per test) */
  readonly cwd: string;
  /** its DEMO_STATE_DIR (fresh per test) */
  readonly stateDir: string;
  spawn(options?: Partial<SpawnDemoOptions>): DemoPty;
}

/**
 * Per-test temp dirs for the demo's cwd and state, and every demo spawned in the test killed
 * and its dirs removed afterwards. Call at the top of a test file or describe block.
 */
export function useDemoSandbox(): DemoSandbox {
  let cwd = '';
  let stateDir = '';
  const running: DemoPty[] = [];
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'hangar-demo-cwd-'));
    stateDir = mkdtempSync(join(tmpdir(), 'hangar-demo-state-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((demo) => demo.dispose()));
    rmSync(cwd, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });
  return {
    get cwd() {
      return cwd;
    },
    get stateDir() {
      return stateDir;
    },
    spawn(options = {}) {
      const demo = new DemoPty({ cwd, ...options, env: { DEMO_STATE_DIR: stateDir, ...options.env } });
      running.push(demo);
      return demo;
    },
  };
}

/** Type a prompt and wait for the demo's answer to it. */
export async function say(demo: DemoPty, prompt: string): Promise<void> {
  demo.write(`${prompt}\r`);
  await demo.waitForText(`● You said: "${prompt}"`);
}

/** End the demo with C-d, as a person would, and expect a clean exit. */
export async function quit(demo: DemoPty): Promise<void> {
  demo.write('\x04');
  expect((await demo.waitForExit()).exitCode).toBe(0);
}
