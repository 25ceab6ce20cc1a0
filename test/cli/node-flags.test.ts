import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COCKPIT_NODE_FLAGS, HANGAR_NODE_FLAGS } from '../../src/cli/node-flags.js';
import { HANGAR_BIN, runHangar } from '../helpers/run-hangar.js';

describe("hangar's node flags", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-flags-'));
  // the servers and instances registries in the test's folder, not the user's
  const env = { XDG_STATE_HOME: join(dir, 'xdg') };
  afterAll(async () => {
    await runHangar(['down', '--config', 'agents.toml'], { cwd: dir, env });
    rmSync(dir, { recursive: true, force: true });
  });

  it("bin/hangar run as a program starts node with them and the cockpit's own (measured: the cockpit's memory)", () => {
    // a preload that prints the flags of the process it is loaded into
    const report = join(dir, 'report-flags.mjs');
    writeFileSync(report, 'process.stderr.write(`execArgv=${JSON.stringify(process.execArgv)}\\n`);\n');
    const stderr = execFileSync('sh', ['-c', `"$0" --version 2>&1 >/dev/null`, HANGAR_BIN], {
      env: { ...process.env, NODE_OPTIONS: `--import=${report}` },
      encoding: 'utf8',
    });
    expect(JSON.parse(/execArgv=(.*)/.exec(stderr)![1]!)).toEqual([...COCKPIT_NODE_FLAGS]);
    expect(COCKPIT_NODE_FLAGS).toContain('--no-concurrent-recompilation');
  });

  it('give V8 one worker thread, not one per core (measured: echo p99 under flood, server memory)', () => {
    expect(HANGAR_NODE_FLAGS).toContain('--v8-pool-size=1');
  });

  it('node bin/hangar still runs it (the launcher line is a no-op to node)', () => {
    expect(execFileSync(process.execPath, [HANGAR_BIN, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the fleet server is started with them', async () => {
    writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "flags-"\nlog_dir = "state"\ndir = "."\n\n[[service]]\nname = "idle"\ncommand = "sleep 600"\n');
    const up = await runHangar(['up', '-d', '--config', 'agents.toml'], { cwd: dir, env });
    expect(up.code, up.stderr).toBe(0);
    const { pid } = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')) as { pid: number };
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const flag of HANGAR_NODE_FLAGS) expect(argv).toContain(flag);
    // the server optimizes on V8's worker thread: on its own it ran floods ~8 % slower
    expect(argv).not.toContain('--no-concurrent-recompilation');
  });
});
