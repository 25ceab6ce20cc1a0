import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';

// An agent whose program is not installed: the shell says `not found` and exits 127 at once.
const CONFIG = `
[defaults]
session_prefix = "lf-"
log_dir = "state"
dir = "work"
watch = "heal"

[backend.demo]
bin = "hangar-demo"

[backend.ghost]
bin = "hangar-no-such-agent-cli"

[[agent]]
name = "good"
backend = "demo"

[[agent]]
name = "ghost"
backend = "ghost"
`;

describe('an agent whose program is not there', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-lf-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
  });

  afterAll(async () => {
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is crashed at once with the reason — up says so and fails; status and the event log say why; no restarts', async () => {
    const up = await hangar('up', '-d');
    expect(up.stdout).toBe('started: good\nghost crashed as it started: command not found: hangar-no-such-agent-cli\n');
    expect(up.code).toBe(1);

    const status = JSON.parse((await hangar('status', '--json')).stdout);
    expect(status.agents.find((a: { name: string }) => a.name === 'ghost')).toMatchObject({
      status: 'crashed',
      pid: null,
      restarts: 0,
      detail: 'command not found: hangar-no-such-agent-cli',
    });
    expect((await hangar('status')).stdout).toMatch(/^  ghost: command not found: hangar-no-such-agent-cli$/m);
    const events = (await hangar('events', 'ghost')).stdout;
    expect(events).toMatch(/watchdog launch-failed \(warn\): ghost: command not found: hangar-no-such-agent-cli \(exit 127 as it started\); not restarted/);
    expect(events.match(/ghost started/g)).toHaveLength(1);
    expect(events).not.toMatch(/watchdog restart/);
  });
});
