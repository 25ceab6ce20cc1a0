import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { waitForStatus } from '../../src/fleet/wait-for-status.js';
import { systemClock } from '../../src/base/clock.js';
import { Pilot } from '../../src/pilot/pilot.js';
import { hookReportFrom } from '../../src/protocol/hook-report.js';
import { checkpointed } from '../helpers/pilot-fleet.js';

// Claude Code's Stop hook (Gemini CLI's AfterAgent) ends a piloted turn at once: the pilot's
// quiet period here is longer than the test waits for the checkpoint, so only the hook's word
// can end the turn. The agent is the fake CLI in a real pty; the hooks reach the fleet as the
// server's `hook` request hands them on (Fleet.hookHeard), with the CLI's payloads.
const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));
const QUIET_MS = 60_000;

const CASES = [
  { cli: 'claude', prompt: 'UserPromptSubmit', end: 'Stop', fields: { permission_mode: 'default' }, endFields: { stop_hook_active: false } },
  { cli: 'gemini', prompt: 'BeforeAgent', end: 'AfterAgent', fields: { timestamp: '2026-01-01T10:00:00.000Z' }, endFields: { prompt: 'hello', prompt_response: 'hi', stop_hook_active: false } },
] as const;

describe("a turn's end hook and the pilot", () => {
  let dir: string | undefined;
  let fleet: Fleet | undefined;
  let pilot: Pilot | undefined;
  afterEach(async () => {
    pilot?.dispose();
    await fleet?.shutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)("$cli: takes the turn's checkpoint at its $end hook, without waiting out the quiet period", async ({ cli, prompt, end, fields, endFields }) => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-hook-turn-'));
    writeFileSync(join(dir, 'agents.toml'), `[defaults]\nsession_prefix = "ht-"\nlog_dir = "state"\ndir = "work"\n\n[[agent]]\nname = "cc"\nbackend = "${cli}"\n`);
    const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
    fleet = new Fleet(config, { env: { ...process.env, PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: dir }, stopGraceMs: 500 });
    pilot = new Pilot({ fleet, clock: systemClock, turn: { quietMs: QUIET_MS, startGraceMs: QUIET_MS, submitGraceMs: 1000 } });
    await fleet.up();
    await waitForStatus(fleet.statusOf('cc'), (s) => s === 'idle', 15_000);
    await pilot.enable('cc');
    const payload = (event: string, fields: Record<string, unknown> = {}) =>
      hookReportFrom({ session_id: 's-1', transcript_path: join(dir!, 's-1.jsonl'), cwd: join(dir!, 'work'), hook_event_name: event, ...fields })!;

    const done = checkpointed(fleet, 'T1', QUIET_MS / 2);
    await fleet.session('cc').sendMessage('hello');
    expect(fleet.hookHeard('cc', payload(prompt, { ...fields, prompt: 'hello' }))).toBe(true);
    expect(fleet.info('cc')).toMatchObject({ status: 'working', status_source: 'hook' });
    expect(fleet.hookHeard('cc', payload(end, { ...fields, ...endFields }))).toBe(true);
    await done;
    expect(pilot.get('cc').timeline.checkpoints['T1']).toMatchObject({ prompt: 'hello' });
    expect(fleet.conversation('cc')).toMatchObject({ id: 's-1', transcriptPath: join(dir, 's-1.jsonl') });
  }, 60_000);
});
