import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventFollower } from './event-follower.js';
import { runHangar } from './run-hangar.js';

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
 * A fleet in a temp folder driven through the real `hangar` binary, as a user would, with its
 * event log followed: the end-to-end tests' fleet. `hangar()` fails the test on a non-zero exit.
 */
export class CliFleet {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private follower: EventFollower | null = null;

  constructor(name: string, config: string, env: Record<string, string> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), `hangar-${name}-`));
    writeFileSync(join(this.dir, 'agents.toml'), config);
    this.env = { XDG_STATE_HOME: join(this.dir, 'xdg'), ...env };
  }

  /** `hangar up -d`, following the events from then on. */
  async up(): Promise<void> {
    this.follower = new EventFollower(this.dir, this.env);
    await this.hangar('up', '-d');
  }

  get events(): FleetEvent[] {
    return this.follower!.events;
  }

  async hangar(...args: string[]): Promise<string> {
    const r = await runHangar(args, { cwd: this.dir, env: this.env });
    if (r.code !== 0) throw new Error(`hangar ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
    return r.stdout;
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

  async stop(): Promise<void> {
    this.follower?.stop();
    await runHangar(['down'], { cwd: this.dir, env: this.env });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
