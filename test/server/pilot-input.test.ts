import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInProcess } from '../../src/client/in-process-client.js';
import type { FleetClient } from '../../src/client/fleet-client.js';
import { loadConfig } from '../../src/config/load.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { FleetServer } from '../../src/server/fleet-server.js';

// Text typed into a piloted agent's pane (the cockpit's `input` messages) is a turn too: a
// line typed key by key and submitted, and a line pasted with its Enter in one chunk.
describe('turns typed into the pane', () => {
  let dir = '';
  let server: FleetServer | undefined;
  let client: FleetClient | undefined;
  afterEach(async () => {
    client?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('become checkpoints with the typed line as their prompt', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-pin-'));
    writeFileSync(
      join(dir, 'agents.toml'),
      `[defaults]\nsession_prefix = "pin-"\nlog_dir = "state"\ndir = "work"\n\n[backend.demo]\nbin = "hangar-demo"\nactive_re = "esc to interrupt"\n\n[[agent]]\nname = "a"\nbackend = "demo"\n`,
    );
    const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
    server = new FleetServer(config, { stopGraceMs: 500, env: { ...process.env, DEMO_THINK_MS: '50', DEMO_STATE_DIR: join(dir, 'demo') } });
    client = await connectInProcess(server.protocol, 'test');
    const events: FleetEvent[] = [];
    let waiters: Array<(e: FleetEvent) => void> = [];
    client.subscribe({ events: true }, (e) => {
      events.push(e);
      for (const w of waiters) w(e);
    });
    const next = (match: (e: FleetEvent) => boolean) =>
      new Promise<FleetEvent>((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no such event:\n${events.map((e) => JSON.stringify(e)).join('\n')}`)), 15_000);
        const waiter = (e: FleetEvent) => {
          if (!match(e)) return;
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== waiter);
          resolve(e);
        };
        waiters.push(waiter);
      });
    await client.request('up', {});
    await next((e) => e.type === 'status' && e.name === 'a' && e.status === 'idle');
    await client.request('pilot', { name: 'a' });

    for (const key of 'write k.txt typed') client.input('a', key);
    client.input('a', '\r');
    await next((e) => e.type === 'pilot' && e.current === 'T1');
    client.input('a', 'write p.txt pasted\r');
    await next((e) => e.type === 'pilot' && e.current === 'T2');
    const tl = await client.request('checkpoints', { name: 'a' });
    expect(tl.checkpoints.map((c) => [c.label, c.prompt])).toEqual([
      ['root', ''],
      ['T1', 'write k.txt typed'],
      ['T2', 'write p.txt pasted'],
    ]);
  }, 40_000);
});
