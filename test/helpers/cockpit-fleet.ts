import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { keyToBytes } from '../../src/terminal/keys.js';
import { DEFAULT_BINDINGS } from '../../src/ui/keymap/index.js';
import { PtyScreen } from './pty-screen.js';
import { HANGAR_BIN, runHangar, type RunResult } from './run-hangar.js';

const PREFIX = keyToBytes('C-b');

/** The bytes that run a cockpit command, looked up by name in the bindings (so rebinding does not break tests). */
export function keysFor(command: string, arg?: number): string {
  const binding = DEFAULT_BINDINGS.find((b) => b.context === 'prefix' && b.command === command && (arg === undefined || b.arg === arg));
  if (!binding) throw new Error(`no prefix binding for ${command}`);
  return PREFIX + keyToBytes(binding.keys[0]!);
}

/** The row of the title of `agent`'s pane, -1 when it is not shown. */
export function titleRow(screen: string, agent: string): number {
  return screen.split('\n').findIndex((l) => new RegExp(`╭ \\d ${agent} `).test(l));
}

/** Two demo agents (alpha, beta: kickoffs, [y/n] questions) and a plain sh, sessions named `<prefix>NAME`. */
export function demoAndShellConfig(prefix: string): string {
  return `[defaults]
session_prefix = "${prefix}"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "alpha"
prompt = "first kickoff"

[[agent]]
name = "beta"
prompt = "second kickoff"

[[agent]]
name = "shell"
backend = "sh"
`;
}

/**
 * A demo fleet in a temp folder for the cockpit's end-to-end tests: `up()` starts it and waits
 * until its agents are idle, `cockpit()` attaches the real cockpit in a real pty (read with
 * @xterm/headless as a person sees it), `closeCockpits()` after each test, `down()` at the end.
 */
export class CockpitFleet {
  private made: { dir: string; env: Record<string, string> } | null = null;
  private readonly open: PtyScreen[] = [];

  /** Nothing is made yet: a describe block whose tests are all filtered out leaves nothing behind. */
  constructor(
    private readonly name: string,
    private readonly config: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get dir(): string {
    return this.fleet().dir;
  }

  get env(): Record<string, string> {
    return this.fleet().env;
  }

  private fleet(): { dir: string; env: Record<string, string> } {
    if (!this.made) {
      const dir = mkdtempSync(join(tmpdir(), `hangar-${this.name}-`));
      writeFileSync(join(dir, 'agents.toml'), this.config);
      this.made = { dir, env: { DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg'), ...this.extraEnv } };
    }
    return this.made;
  }

  hangar(...args: string[]): Promise<RunResult> {
    return runHangar(args, { cwd: this.dir, env: this.env });
  }

  async up(agents: string[]): Promise<void> {
    expect((await this.hangar('up', '-d')).code).toBe(0);
    for (const n of agents) expect((await this.hangar('wait', n, '--for', 'idle', '--timeout', '15')).code).toBe(0);
  }

  cockpit(cols = 160, rows = 40, ...args: string[]): PtyScreen {
    const term = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, 'attach', ...args], cwd: this.dir, env: this.env, cols, rows });
    this.open.push(term);
    return term;
  }

  async closeCockpits(): Promise<void> {
    await Promise.all(this.open.splice(0).map((t) => t.dispose()));
  }

  async down(): Promise<void> {
    await this.closeCockpits();
    if (!this.made) return;
    await this.hangar('down');
    rmSync(this.made.dir, { recursive: true, force: true });
  }
}
