import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HANGAR_BIN, type RunResult } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// A log_dir whose logs cannot be written: the server keeps running and `status` says why.
// First a real full disk — a 1 MB tmpfs as log_dir, mounted in a private mount namespace
// (unshare), every hangar command run inside it (nsenter) — where this machine allows one;
// then, everywhere, a log refused because a symbolic link was planted in its place.

interface StatusJson {
  server: { running: boolean };
  agents: Array<{ name: string; status: string; logError?: string }>;
  services: Array<{ name: string; status: string; logError?: string }>;
  problems?: string[];
}

const asRoot = process.getuid?.() === 0;
/** unshare's flags for a private mount namespace (with a user namespace when not root). */
const UNSHARE = asRoot ? ['-m', '--propagation', 'private'] : ['-r', '-m', '--propagation', 'private'];

/** Whether a tmpfs can be mounted in a private mount namespace here. */
function tmpfsPossible(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'hangar-tmpfs-probe-'));
  try {
    const r = spawnSync('unshare', [...UNSHARE, 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', probe], { timeout: 10_000 });
    return r.status === 0 && spawnSync('nsenter', ['--version']).status === 0;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** A mount namespace in which `dir` is a tmpfs of `size`, kept while this holder runs. */
class TmpfsNamespace {
  private constructor(private readonly holder: ChildProcess) {}

  static async mount(dir: string, size: string): Promise<TmpfsNamespace> {
    mkdirSync(dir, { recursive: true });
    // `cat` keeps the namespace alive until its stdin ends
    const holder = spawn('unshare', [...UNSHARE, 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs "$0" && echo mounted && exec cat`, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('mounted') && resolve());
      holder.on('exit', (code) => reject(new Error(`unshare/mount exited ${code}`)));
    });
    return new TmpfsNamespace(holder);
  }

  /** Run the hangar CLI inside the namespace, in `cwd`. */
  hangar(cwd: string, env: Record<string, string>, ...args: string[]): Promise<RunResult> {
    const enter = ['-t', String(this.holder.pid), '-m', ...(asRoot ? [] : ['-U', '--preserve-credentials'])];
    return new Promise((resolve) => {
      execFile(
        'nsenter',
        [...enter, '--', 'sh', '-c', 'cd "$0" && shift && exec "$@"', cwd, process.execPath, HANGAR_BIN, ...args],
        { env: { ...process.env, ...env }, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  close(): void {
    this.holder.stdin!.end();
  }
}

const FULL_CONFIG = `[defaults]
session_prefix = "df-"
log_dir = "state"
dir = "work"

[backend.cat]
bin = "echo calm-ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "calm"
backend = "cat"

[[service]]
name = "filler"
# 3 MB of lines into a 1 MB log_dir, then the end of it
command = "yes 'filling the disk with lines of text' | head -c 3000000; echo filler-done"
`;

describe('a full disk under log_dir', () => {
  it.skipIf(!tmpfsPossible())('a 1 MB tmpfs filled by one child: the server keeps running and status says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangar-disk-full-'));
    writeFileSync(join(dir, 'agents.toml'), FULL_CONFIG);
    const env = { XDG_STATE_HOME: join(dir, 'xdg') };
    const ns = await TmpfsNamespace.mount(join(dir, 'state'), '1m');
    const hangar = async (...args: string[]) => {
      const r = await ns.hangar(dir, env, ...args);
      if (r.code !== 0) throw new Error(`hangar ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
      return r.stdout;
    };
    try {
      await hangar('up', '-d');
      // the filler's output is all through the server once it has exited
      await hangar('wait', 'filler', '--for', 'exited', '--timeout', '60');
      const started = Date.now();
      const status = JSON.parse(await hangar('status', '--json')) as StatusJson;
      const statusMs = Date.now() - started;
      expect(status.server.running).toBe(true);
      expect(status.services.find((s) => s.name === 'filler')?.logError).toMatch(/cannot write .*df-filler\.log: ENOSPC: no space left on device/);
      // events.jsonl may still have room in its last page for a line or two: what it says is printed, not asserted
      const text = await hangar('status');
      expect(text).toMatch(/filler: log not written: cannot write .*ENOSPC/);
      // the rest of the fleet goes on: the calm agent still takes keys and answers
      await hangar('keys', 'calm', 'still answering', 'Enter');
      expect(await hangar('wait', 'calm', '--for', 'idle', '--timeout', '30')).toBeDefined();
      expect(await hangar('screen', 'calm')).toMatch(/still answering\n.*still answering/);
      const df = await ns.hangar(dir, env, 'status', '--json');
      expect(df.code).toBe(0);
      console.log(`disk full: status answered in ${statusMs} ms with the log_dir tmpfs full; fleet log problems: ${JSON.stringify(status.problems ?? [])}`);
    } finally {
      await ns.hangar(dir, env, 'down');
      ns.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const LINK_CONFIG = `[defaults]
session_prefix = "dl-"
log_dir = "state"
dir = "work"

[[service]]
name = "talker"
command = "echo talker-ready; exec cat"
`;

describe('a log that cannot be written (a symbolic link planted in its place)', () => {
  let fleet: TestFleet;
  afterEach(() => fleet.stop());

  it('is refused, the session runs, and status says why', async () => {
    fleet = new TestFleet('disk-link', LINK_CONFIG);
    mkdirSync(join(fleet.dir, 'state'), { recursive: true });
    writeFileSync(join(fleet.dir, 'victim'), 'untouched\n');
    symlinkSync(join(fleet.dir, 'victim'), join(fleet.dir, 'state', 'dl-talker.log'));
    await fleet.up();
    await fleet.hangar('wait', 'talker', '--for', 'idle', '--timeout', '30');
    const status = JSON.parse(await fleet.hangar('status', '--json')) as StatusJson;
    expect(status.services[0]).toMatchObject({ name: 'talker', status: 'idle' });
    expect(status.services[0]!.logError).toMatch(/refused .*dl-talker\.log: it is a symbolic link/);
    expect(await fleet.hangar('status')).toMatch(/talker: log not written: refused .*symbolic link/);
    expect(readFileSync(join(fleet.dir, 'victim'), 'utf8')).toBe('untouched\n');
  }, 60_000);
});
