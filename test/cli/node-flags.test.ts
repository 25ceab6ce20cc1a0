import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS, HANGAR_NODE_FLAGS } from '../../src/cli/node-flags.js';
import { findCommand } from '../../src/cli/parse-args.js';
import { COMMANDS } from '../../src/commands/table.js';
import { HANGAR_BIN, runHangar } from '../helpers/run-hangar.js';

describe("hangar's node flags", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-flags-'));
  // the servers and instances registries in the test's folder, not the user's
  const env = { XDG_STATE_HOME: join(dir, 'xdg') };
  afterAll(async () => {
    await runHangar(['down', '--config', 'agents.toml'], { cwd: dir, env });
    rmSync(dir, { recursive: true, force: true });
  });

  /** The flags bin/hangar, run as a program, starts node with for these words. */
  const launchFlags = (args: string[]): string[] => {
    // a preload that prints the flags of the process it is loaded into
    const report = join(dir, 'report-flags.mjs');
    writeFileSync(report, 'process.stderr.write(`execArgv=${JSON.stringify(process.execArgv)}\\n`);\n');
    const stderr = execFileSync('sh', ['-c', '"$0" "$@" 2>&1 >/dev/null', HANGAR_BIN, ...args], {
      env: { ...process.env, NODE_OPTIONS: `--import=${report}` },
      encoding: 'utf8',
    });
    return JSON.parse(/execArgv=(.*)/.exec(stderr)![1]!) as string[];
  };

  it('bin/hangar run as a program starts node with them for the cockpit, and with the pool size alone for a verb that exits', () => {
    expect(launchFlags(['attach', '--help'])).toEqual([...HANGAR_NODE_FLAGS]);
    expect(launchFlags(['up', '--help'])).toEqual([...HANGAR_NODE_FLAGS]);
    expect(launchFlags(['status', '--help'])).toEqual([...CLI_NODE_FLAGS]);
    expect(launchFlags(['--version'])).toEqual([...CLI_NODE_FLAGS]);
    expect(CLI_NODE_FLAGS.filter((f) => !HANGAR_NODE_FLAGS.includes(f))).toEqual([]);
  });

  it("bin/hangar's words for the heap flag are every word that runs attach, up or mcp (the processes that stay)", () => {
    const launcher = readFileSync(HANGAR_BIN, 'utf8');
    const words = /^ {2}(''\|[^)]*)\) exec node --max-semi-space-size/m.exec(launcher)![1]!.split('|').map((w) => (w === "''" ? '' : w));
    const verb = (word: string) => {
      try {
        return findCommand(COMMANDS, word).name;
      } catch {
        return undefined;
      }
    };
    const candidates = COMMANDS.flatMap((c) => [...c.aliases ?? [], ...Array.from(c.name, (_, i) => c.name.slice(0, i + 1))]);
    const staying = candidates.filter((w) => ['attach', 'up', 'mcp'].includes(verb(w) ?? ''));
    // '' is bare `hangar`, which opens the cockpit in a fleet's folder
    expect(words.sort()).toEqual(['', ...new Set(staying)].sort());
  });

  it('a heap size flag changes V8\'s flag hash (node\'s own code cache is then refused), the pool size does not', () => {
    const tag = (flags: string[]) => execFileSync(process.execPath, [...flags, '-p', "require('v8').cachedDataVersionTag()"], { encoding: 'utf8' }).trim();
    const plain = tag([]);
    expect(tag(['--max-semi-space-size=2'])).not.toBe(plain);
    expect(tag(['--v8-pool-size=1'])).toBe(plain);
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
  });
});
