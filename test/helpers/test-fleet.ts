import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventFollower } from './event-follower.js';
import { PtyScreen } from './pty-screen.js';
import { HANGAR_BIN, runHangar, type RunResult } from './run-hangar.js';

/** A checkpoint as `hangar checkpoints --json` gives it: the fields the tests read. */
export interface CheckpointJson {
  label: string;
  parent: string | null;
  prompt: string;
  conversationId: string | null;
  tokens?: number;
  interrupted?: boolean;
}

/**
 * A fleet in a temp folder for the end-to-end tests, driven through the real `hangar` binary as
 * a user would: `run()` gives a verb's exit code and output, `hangar()` its output and fails the
 * test on a non-zero exit. `up()` starts it and follows its event log; `cockpit()` attaches the
 * real cockpit in a real pty (read with @xterm/headless as a person sees it), closed by
 * `closeCockpits()`; `stop()` takes it all down. Nothing is made before first use, so a
 * describe block whose tests are all filtered out leaves nothing behind.
 */
export class TestFleet {
  private made: { dir: string; env: Record<string, string> } | null = null;
  private follower: EventFollower | null = null;
  private readonly open: PtyScreen[] = [];

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

  run(...args: string[]): Promise<RunResult> {
    return runHangar(args, { cwd: this.dir, env: this.env });
  }

  async hangar(...args: string[]): Promise<string> {
    const r = await this.run(...args);
    if (r.code !== 0) throw new Error(`hangar ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  }

  /** `hangar up -d`, following the events from then on; then each of `idle` is waited until idle. */
  async up(idle: string[] = []): Promise<void> {
    this.follower = new EventFollower(this.dir, this.env);
    expect((await this.run('up', '-d')).code).toBe(0);
    for (const n of idle) await this.idle(n);
  }

  get events(): FleetEvent[] {
    return this.follower!.events;
  }

  /** An event (seen already, or still to come) that matches. */
  event(match: (e: FleetEvent) => boolean, timeoutMs = 30_000): Promise<FleetEvent> {
    return this.follower!.next(match, timeoutMs);
  }

  /** A function that awaits the next event after those seen so far that matches. */
  nextEvent(match: (e: FleetEvent) => boolean, timeoutMs = 30_000): () => Promise<FleetEvent> {
    const from = this.events.length;
    return () => this.event((e) => this.events.indexOf(e) >= from && match(e), timeoutMs);
  }

  /** The pilot recorded checkpoint `label` of agent `name`. */
  checkpointed(name: string, label: string): Promise<FleetEvent> {
    return this.event((e) => e.type === 'pilot' && e.current === label && e.message.startsWith(`${name} ${label} —`));
  }

  idle(name: string): Promise<string> {
    return this.hangar('wait', name, '--for', 'idle', '--timeout', '30');
  }

  async checkpoints(name: string): Promise<CheckpointJson[]> {
    return (JSON.parse(await this.hangar('checkpoints', name, '--json')) as { checkpoints: CheckpointJson[] }).checkpoints;
  }

  /** Send a prompt, wait for the reply and for the checkpoint of its turn. */
  async turn(name: string, prompt: string, label: string): Promise<void> {
    const done = this.checkpointed(name, label);
    await this.hangar('send', name, prompt, '--wait');
    await done;
  }

  /** The id of the conversation a demo agent runs, as its own footer shows it. */
  async demoConversationId(name: string): Promise<string | undefined> {
    const footer = (await this.hangar('screen', name)).split('\n').filter(Boolean).at(-1) ?? '';
    return /session ([0-9a-f-]{8,})/.exec(footer)?.[1];
  }

  cockpit(cols = 160, rows = 40, ...args: string[]): PtyScreen {
    const term = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, 'attach', ...args], cwd: this.dir, env: this.env, cols, rows });
    this.open.push(term);
    return term;
  }

  async closeCockpits(): Promise<void> {
    await Promise.all(this.open.splice(0).map((t) => t.dispose()));
  }

  async stop(): Promise<void> {
    await this.closeCockpits();
    this.follower?.stop();
    if (!this.made) return;
    await this.run('down');
    rmSync(this.made.dir, { recursive: true, force: true });
  }
}
