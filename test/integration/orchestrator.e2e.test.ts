import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HANGAR_BIN } from '../helpers/run-hangar.js';
import { PtyScreen } from '../helpers/pty-screen.js';
import { TestFleet } from '../helpers/test-fleet.js';

// kind = "orchestrator" end to end, offline: a demo agent started with hangar's MCP server
// injected (its backend's mcp_flags) delegates two workers (one in a git worktree of its own) with `/tool delegate {…}` through the
// real `hangar mcp` process and the SDK's client; they are panes of the fleet, marked as its
// workers (status tree, JSON, cockpit titles), it converses with one, and `down` of the
// orchestrator asks about them, leaves them, or stops them with it.
const CONFIG = `
[defaults]
session_prefix = "orch-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"
active_re = "esc to interrupt"
mcp_flags = "--mcp-config={mcp_config}"

[[agent]]
name = "lead"
kind = "orchestrator"
prompt = "Split the work."

[[agent]]
name = "plain"
prompt = "hello"
`;

interface AgentJson {
  name: string;
  pid: number | null;
  parent?: string;
  state: string;
}

describe('an orchestrator agent (the demo, kind = "orchestrator")', () => {
  const fleet = new TestFleet('orch', CONFIG, { DEMO_THINK_MS: '100' });
  afterAll(() => fleet.stop());

  const agents = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents;
  /** Send a prompt to the orchestrator and wait for its turn: the tool's result is its reply. */
  const tool = async (name: string, args: object) => {
    const r = JSON.parse(await fleet.hangar('send', 'lead', `/tool ${name} ${JSON.stringify(args)}`, '--wait', '--json')) as { reply?: string; timedOut?: boolean };
    expect(r.timedOut).toBe(false);
    return r.reply ?? '';
  };

  it('delegates two workers through hangar mcp: they run as agents marked as its own', async () => {
    // the workers' folder is a git repository, so a worker can have a worktree of its own
    const work = join(fleet.dir, 'work');
    mkdirSync(work, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: work, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    await fleet.up(['lead', 'plain']);
    expect(await tool('delegate', { name: 'w1', prompt: 'first task' })).toContain('"parent": "lead"');
    const w2 = await tool('delegate', { name: 'w2', prompt: 'second task', worktree: true });
    expect(w2).toContain('"name": "w2"');
    expect(w2).toContain('"branch": "hangar/w2"');
    expect(existsSync(join(fleet.dir, 'state', 'worktrees', 'w2'))).toBe(true);
    await fleet.idle('w1');
    await fleet.idle('w2');
    expect(await fleet.hangar('screen', 'w1')).toContain('You said: "first task"');

    const all = await agents();
    expect(all.map((a) => [a.name, a.parent ?? null])).toEqual([['lead', null], ['plain', null], ['w1', 'lead'], ['w2', 'lead']]);
    // the text table is a tree: the workers under their orchestrator
    const names = (await fleet.hangar('status')).split('\n').slice(1).filter(Boolean).map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(names).toEqual(['lead', '↳ w1', '↳ w2', 'plain']);
    // an agent started by hand is nobody's worker
    expect(JSON.parse(await fleet.hangar('add', 'solo', '--prompt', 'hi', '--json'))).not.toHaveProperty('parent');
  }, 90_000); // several CLI runs and agent turns each: past the default 20 s on a loaded machine (no timing is asserted)

  it('converses with a worker and gets its reply; its session file records each call as Claude Code records an MCP tool', async () => {
    expect(await tool('converse', { name: 'w1', text: 'how is it going' })).toContain('You said: \\"how is it going\\"');
    expect(await tool('peek', { name: 'nosuch' })).toMatch(/nosuch/);

    const id = await fleet.demoConversationId('lead');
    const records = readFileSync(join(fleet.dir, 'demo-state', `${id}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { message: { content: unknown } });
    const blocks = records.flatMap((r) => (Array.isArray(r.message.content) ? (r.message.content as Array<Record<string, unknown>>) : []));
    const uses = blocks.filter((b) => b['type'] === 'tool_use');
    expect(uses.map((b) => [b['name'], b['input']])).toEqual([
      ['mcp__hangar__delegate', { name: 'w1', prompt: 'first task' }],
      ['mcp__hangar__delegate', { name: 'w2', prompt: 'second task', worktree: true }],
      ['mcp__hangar__converse', { name: 'w1', text: 'how is it going' }],
      ['mcp__hangar__peek', { name: 'nosuch' }],
    ]);
    const results = blocks.filter((b) => b['type'] === 'tool_result');
    expect(results.map((b) => b['is_error'])).toEqual([false, false, false, true]);
    expect(results.map((b) => b['tool_use_id'])).toEqual(uses.map((b) => b['id']));
  }, 90_000);

  it("shows each worker's orchestrator in its pane's title", async () => {
    const term = fleet.cockpit(200, 50);
    await term.waitForText('w1 ↳ lead', 15_000);
    await term.waitForText('w2 ↳ lead', 15_000);
    expect(term.screen()).not.toContain('plain ↳');
    await fleet.closeCockpits();
  }, 90_000);

  it('down ORCH without a terminal (--json) stops it alone and names the workers left running', async () => {
    const r = JSON.parse(await fleet.hangar('down', 'lead', '--json')) as { stopped: string[]; workersLeft?: string[] };
    expect(r).toMatchObject({ stopped: ['lead'], workersLeft: ['w1', 'w2'] });
    const after = await agents();
    expect(after.find((a) => a.name === 'lead')!.pid).toBeNull();
    expect(after.filter((a) => a.parent === 'lead').map((a) => [a.name, a.pid !== null])).toEqual([['w1', true], ['w2', true]]);
  }, 90_000);

  it('down ORCH on a terminal asks, and yes stops its workers too', async () => {
    await fleet.hangar('up', '-d', 'lead');
    const term = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, 'down', 'lead'], cwd: fleet.dir, env: fleet.env, cols: 160, rows: 10 });
    try {
      await term.waitForText('Stop them too? [y/N]', 15_000);
      expect(term.screen()).toContain('lead: its workers still run (w1, w2)');
      term.write('y\r');
      await term.waitForText('stopped: lead, w1, w2', 15_000);
      expect((await term.waitForExit(15_000)).exitCode).toBe(0);
    } finally {
      await term.dispose();
    }
    expect((await agents()).filter((a) => ['lead', 'w1', 'w2'].includes(a.name)).map((a) => a.pid)).toEqual([null, null, null]);
  }, 90_000);

  it('down ORCH --with-workers stops them without asking; with none running it is a plain down', async () => {
    await fleet.hangar('up', '-d', 'lead');
    await fleet.idle('lead');
    await tool('delegate', { name: 'w3', prompt: 'third task' });
    const r = JSON.parse(await fleet.hangar('down', 'lead', '--with-workers', '--json')) as { stopped: string[]; workersLeft?: string[] };
    expect(r.stopped.sort()).toEqual(['lead', 'w3']);
    expect(r).not.toHaveProperty('workersLeft');
    expect(JSON.parse(await fleet.hangar('down', 'plain', '--json'))).toEqual({ stopped: ['plain'], server: 'running' });
  }, 90_000);
});
