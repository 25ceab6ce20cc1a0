import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANGAR_BIN } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// `hangar transcript` on the demo fleet: the demo agent's conversation with its tool lines, from
// its session file, through the running server and without one; -f prints a turn as it is recorded.
const CONFIG = `[defaults]
session_prefix = "tr-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state"
active_re = "esc to interrupt"
session_file = "../demo-state/{id}.jsonl"

[[agent]]
name = "builder"
prompt = "hello kickoff"

[[service]]
name = "web"
command = "exec sleep 600"
`;

describe('hangar transcript', () => {
  const fleet = new TestFleet('transcript', CONFIG);
  beforeAll(async () => {
    await fleet.up(['builder']);
    await fleet.hangar('send', 'builder', 'write notes.txt hello world', '--wait');
    await fleet.hangar('send', 'builder', 'rm missing.txt', '--wait');
  }, 90_000);
  afterAll(() => fleet.stop());

  it("shows the demo agent's conversation: prompts, replies, a line per tool call with its result, tokens per turn", async () => {
    const text = await fleet.hangar('transcript', 'builder');
    const work = join(fleet.dir, 'work');
    expect(text).toContain('❯ hello kickoff\n  You said: "hello kickoff"\n');
    expect(text).toContain(`❯ write notes.txt hello world\n  ⏺ Write ${work}/notes.txt\n    ⎿ Wrote notes.txt (12 bytes)\n  Wrote notes.txt (12 bytes)\n`);
    expect(text).toContain('  ⏺ Bash rm missing.txt\n    ⎿ ✗ Error: cannot rm missing.txt: ENOENT\n');
    expect(text.match(/^ {2}── T\d done: \d+ in · \d+ out/gm)).toHaveLength(3);
  });

  it('--json gives the normalised entries, one a line; --last and --turn choose turns', async () => {
    const entries = (await fleet.hangar('transcript', 'builder', '--json')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; turn: number; tool?: string; is_error?: boolean });
    expect(entries.filter((e) => e.type === 'tool_call').map((e) => e.tool)).toEqual(['Write', 'Bash']);
    expect(entries.filter((e) => e.type === 'tool_result').map((e) => e.is_error)).toEqual([false, true]);
    expect(new Set(entries.map((e) => e.turn))).toEqual(new Set([1, 2, 3]));
    expect(await fleet.hangar('transcript', 'builder', '--last', '1')).toMatch(/^── T3 · [^\n]*\n❯ rm missing.txt\n/);
    expect(await fleet.hangar('transcript', 'builder', '--turn', 'T2')).toMatch(/^── T2 · [^\n]*\n❯ write notes.txt hello world\n/);
    const both = await fleet.run('transcript', 'builder', '--turn', 'T2', '--last', '1');
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--turn and --last cannot be used together')]);
    const service = await fleet.run('transcript', 'web');
    expect([service.code, service.stderr]).toEqual([2, expect.stringContaining('only agents have a transcript')]);
  });

  it('-f prints what is recorded from then on', async () => {
    const follower = spawn(process.execPath, [HANGAR_BIN, 'transcript', 'builder', '-f', '--last', '1'], { cwd: fleet.dir, env: { ...process.env, ...fleet.env } });
    let text = '';
    follower.stdout.on('data', (d: Buffer) => (text += d.toString()));
    const seen = (word: string) =>
      new Promise<void>((resolve, reject) => {
        const look = () => text.includes(word) && resolve();
        follower.stdout.on('data', look);
        follower.on('exit', (code) => reject(new Error(`hangar transcript -f exited ${code}: ${text.slice(-300)}`)));
        look();
      });
    await seen('❯ rm missing.txt');
    await fleet.hangar('send', 'builder', 'append notes.txt more', '--wait');
    await seen('── T4 done');
    const exited = new Promise<number | null>((resolve) => follower.on('exit', resolve));
    follower.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(text).not.toContain('hello kickoff'); // --last 1: the turns before it are left out
    expect(text).toContain("❯ append notes.txt more\n  ⏺ Bash printf '%s\\n' more >> notes.txt\n    ⎿ Appended to notes.txt");
  }, 60_000);

  it('works without a running server: agents.toml names the agent, state/<name>.id its conversation', async () => {
    const withServer = await fleet.hangar('transcript', 'builder');
    await fleet.hangar('down');
    expect(await fleet.hangar('transcript', 'builder')).toBe(withServer);
  }, 60_000);
});
