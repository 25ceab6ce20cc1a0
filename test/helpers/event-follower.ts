import { spawn, type ChildProcess } from 'node:child_process';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { HANGAR_BIN } from './run-hangar.js';

/** `hangar events -f --json`, kept running, with a way to await an event. */
export class EventFollower {
  readonly events: FleetEvent[] = [];
  private readonly child: ChildProcess;
  private waiters: Array<{ match: (e: FleetEvent) => boolean; resolve: (e: FleetEvent) => void }> = [];

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [HANGAR_BIN, 'events', '-f', '--json', '-n', '0'], { cwd, env: { ...process.env, ...env } });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const e = JSON.parse(line) as FleetEvent;
        this.events.push(e);
        this.waiters = this.waiters.filter((w) => (w.match(e) ? (w.resolve(e), false) : true));
      }
    });
  }

  next(match: (e: FleetEvent) => boolean, timeoutMs = 10_000): Promise<FleetEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such event; saw:\n${this.events.map((e) => JSON.stringify(e)).join('\n')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  stop(): void {
    this.child.kill('SIGINT');
  }
}
