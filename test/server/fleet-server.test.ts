import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectInProcess } from '../../src/client/in-process-client.js';
import type { ClientConnection } from '../../src/client/client-connection.js';
import { RemoteError } from '../../src/client/fleet-client.js';
import { loadConfig } from '../../src/config/load.js';
import type { FleetEvent, ScreenUpdate } from '../../src/protocol/messages.js';
import type { FleetView } from '../../src/protocol/fleet-view.js';
import { FleetServer } from '../../src/server/fleet-server.js';

// The fleet server in-process (no socket, no daemon) with a real pty child: requests, events
// and screen updates through the same client interface the CLI and the cockpit use.
const CONFIG = `
[defaults]
session_prefix = "t-"
log_dir = "state"
dir = "work"

[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "echo"
backend = "cat"
`;

/** Apply screen updates as a client would, to know what the screen shows. */
class ScreenModel {
  rows: string[] = [];
  apply(u: ScreenUpdate): void {
    if (u.full) this.rows = new Array<string>(u.rows).fill('');
    for (const line of u.lines) this.rows[line.y] = line.text;
  }
  text(): string {
    return this.rows.map((r) => r.replace(/\x1b\[[0-9;]*m/g, '')).join('\n');
  }
}

function nextEvent(events: FleetEvent[], client: ClientConnection, match: (e: FleetEvent) => boolean, timeoutMs = 5000): Promise<FleetEvent> {
  const found = events.find(match);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event did not come')), timeoutMs);
    client.subscribe({ events: true }, (e) => {
      if (match(e)) {
        clearTimeout(timer);
        resolve(e);
      }
    });
  });
}

describe('FleetServer in-process', () => {
  let dir: string;
  let server: FleetServer;
  let client: ClientConnection;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-fs-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    server = new FleetServer(config, { stopGraceMs: 500 });
    client = await connectInProcess(server.protocol, 'test');
  });

  afterEach(async () => {
    client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts agents, pushes status events, and records them in events.jsonl', async () => {
    const events: FleetEvent[] = [];
    client.subscribe({ events: true }, (e) => events.push(e));
    const result = await client.request('up', {});
    expect(result.started).toEqual(['echo']);
    await nextEvent(events, client, (e) => e.type === 'status' && e.name === 'echo' && e.status === 'idle');
    const log = readFileSync(join(dir, 'state', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.some((e) => e.type === 'started' && e.name === 'echo')).toBe(true);
  });

  it('answers the latest events of the log, of the types asked for, for a client that just attached', async () => {
    const events: FleetEvent[] = [];
    client.subscribe({ events: true }, (e) => events.push(e));
    await client.request('up', {});
    await nextEvent(events, client, (e) => e.type === 'status' && e.name === 'echo' && e.status === 'idle');
    const all = await client.request('events', {});
    expect(all.events.map((e) => e.type)).toEqual(expect.arrayContaining(['started', 'status']));
    const started = await client.request('events', { lines: 1, types: ['started'] });
    expect(started.events).toEqual([expect.objectContaining({ type: 'started', name: 'echo' })]);
    await expect(client.call('events', { lines: -1 })).rejects.toMatchObject({ code: 'bad_args' });
    await expect(client.call('events', { types: 'started' })).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('sends a full screen on subscribe, then only changed rows; input reaches the child', async () => {
    await client.request('up', {});
    const model = new ScreenModel();
    const updates: ScreenUpdate[] = [];
    let notify = () => {};
    client.subscribe({ screens: ['echo'] }, (e) => {
      if (e.type !== 'screen') return;
      updates.push(e.update);
      model.apply(e.update);
      notify();
    });
    const shows = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`screen never showed ${text}:\n${model.text()}`)), 5000);
        notify = () => {
          if (model.text().includes(text)) {
            clearTimeout(timer);
            resolve();
          }
        };
        notify();
      });
    // typed before the child has printed its banner, the tty's echo would land above it
    await shows('ready');
    client.input('echo', 'hello pane\r');
    await shows('hello pane');
    expect(updates[0]!.full).toBe(true);
    expect(updates[0]!.lines).toHaveLength(updates[0]!.rows);
    const later = updates.slice(1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((u) => !u.full && u.lines.length < u.rows)).toBe(true);
    // cat echoes the line, then prints it again: both on screen, from diffs alone
    await shows('hello pane\nhello pane');
  });

  it("keeps the fleet's view a cockpit reports, for the next one to attach, and after a restart of the server", async () => {
    expect(await client.request('view')).toEqual({ view: null });
    const view: FleetView = { layout: 'main-stack', zoomed: true, focus: 'echo', pilot: null };
    expect(await client.request('set-view', { view })).toEqual({ view });
    const other = await connectInProcess(server.protocol, 'cockpit');
    expect(await other.request('view')).toEqual({ view });
    other.close();
    await expect(client.call('set-view', { view: { ...view, layout: 'spiral' } })).rejects.toMatchObject({ code: 'bad_args', message: expect.stringMatching(/layout/) });
    await expect(client.call('set-view', {})).rejects.toMatchObject({ code: 'bad_args' });
    expect(await client.request('view')).toEqual({ view });

    client.close();
    await server.stop();
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    server = new FleetServer(config, { stopGraceMs: 500 });
    client = await connectInProcess(server.protocol, 'test');
    expect(await client.request('view')).toEqual({ view });
  });

  it("a wait whose client has gone stops waiting: it leaves no listener on the fleet's events", async () => {
    await client.request('up', {});
    const fleet = (server as unknown as { fleet: { onEvent(l: unknown): { dispose(): void } } }).fleet;
    const listening = new Set<object>();
    const onEvent = fleet.onEvent.bind(fleet);
    fleet.onEvent = (listener) => {
      const sub = onEvent(listener);
      const token = {};
      listening.add(token);
      return { dispose: () => (listening.delete(token), sub.dispose()) };
    };
    const waiter = await connectInProcess(server.protocol, 'waiter');
    void waiter.request('wait', { name: 'echo', for: 'crashed', timeoutMs: 600_000 }).catch(() => undefined);
    while (listening.size === 0) await new Promise((r) => setImmediate(r));
    waiter.close();
    while (listening.size > 0) await new Promise((r) => setImmediate(r));
    expect(listening.size).toBe(0);
  });

  it('answers unknown verbs and names with stable error codes', async () => {
    await expect(client.call('frobnicate')).rejects.toMatchObject({ code: 'unknown_verb' });
    const err = await client.request('peek', { name: 'nobody' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ code: 'not_found' });
    await expect(client.request('send', { name: 'echo', text: '' })).rejects.toMatchObject({ code: 'bad_args' });
  });

  it("checks every verb's arguments at its edge, from the verb's schema: the fleet's and the pilot's alike", async () => {
    await expect(client.call('peek', { name: 'echo', lines: -1 })).rejects.toMatchObject({ code: 'bad_args', message: '"lines" must be a non-negative number' });
    await expect(client.call('goto', { name: 'echo' })).rejects.toMatchObject({ code: 'bad_args', message: '"to" must be a non-empty string' });
    await expect(client.call('history', { name: 7 })).rejects.toMatchObject({ code: 'bad_args', message: '"name" must be a non-empty string' });
    await expect(client.call('__proto__', {})).rejects.toMatchObject({ code: 'unknown_verb' });
    // the old names are gone from the wire: `turns` is `history`, scrollback is `scrollback`
    await expect(client.call('turns', { name: 'echo' })).rejects.toMatchObject({ code: 'unknown_verb' });
    await client.request('up', {});
    expect(await client.request('scrollback', { name: 'echo', start: 0, count: 0 })).toMatchObject({ name: 'echo', start: 0, rows: [] });
  });
});
