import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket } from '../../src/client/socket-client.js';
import { MCP_TOOLS } from '../../src/protocol/mcp-tools.js';
import type { AgentCheck, Result } from '../../src/protocol/requests.js';
import { HANGAR_BIN, runHangar } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// `hangar mcp` as an agent CLI runs it: a child speaking MCP on stdio, reached here with the
// SDK's own client, acting on a real fleet (demo agents, their session files read for replies,
// tokens and cost) through its real server. The client's `hangar mcp` runs as the agent "orch"
// (HANGAR_AGENT), as an orchestrator's would: ask_human asks as it.
const CONFIG = `
[defaults]
session_prefix = "mcp-"
log_dir = "state"
backend = "demo"
watch = "none"
dir = "work"

[backend.demo]
bin = "hangar-demo"
flags = "--think 100 --state-dir ../demo-state"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"

[price."demo-1"]
input_per_million = 3
output_per_million = 15
cache_read_per_million = 0.3
cache_write_per_million = 3.75

[[agent]]
name = "worker"

[[agent]]
name = "orch"

[[service]]
name = "web"
command = "exec sleep 600"
`;

interface TextAnswer {
  content: Array<{ type: string; text: string }>;
  isError?: boolean;
}
type Usage = { input: number; output: number; cache_read: number; cache_write: number };

/** What [price."demo-1"] makes of these tokens. */
const priced = (u: Usage) => (u.input * 3 + u.output * 15 + u.cache_read * 0.3 + u.cache_write * 3.75) / 1e6;

describe('hangar mcp (an MCP server over stdio)', () => {
  const fleet = new TestFleet('mcp', CONFIG);
  let client: Client;
  let base: string;
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as TextAnswer;
  const ok = async <T,>(name: string, args: Record<string, unknown>): Promise<T> => {
    const answer = await call(name, args);
    expect(answer.isError, answer.content[0]?.text).toBeUndefined();
    return JSON.parse(answer.content[0]!.text) as T;
  };
  /** The tool's error and the CLI's for the same request say the same. */
  const sameError = async (tool: string, args: Record<string, unknown>, ...cli: string[]) => {
    const [answer, run] = await Promise.all([call(tool, args), fleet.run(...cli)]);
    expect(run.code).not.toBe(0);
    expect(answer.isError).toBe(true);
    expect(`hangar: ${answer.content[0]!.text}\n`).toBe(run.stderr);
    return answer.content[0]!.text;
  };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: join(fleet.dir, 'work') }).toString().trim();
  const status = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: Array<{ name: string; status: string; detail?: string }> }).agents;

  beforeAll(async () => {
    // the agents' dir is a git repository with one commit: check counts their changes from it
    mkdirSync(join(fleet.dir, 'work'));
    git('init', '-q');
    writeFileSync(join(fleet.dir, 'work', 'README'), 'a project\n');
    git('add', 'README');
    git('commit', '-qm', 'start');
    base = git('rev-parse', 'HEAD');
    await fleet.up(['worker', 'orch']);
    client = new Client({ name: 'test-orchestrator', version: '1.0.0' });
    const { HANGAR_AGENT: _, ...env } = process.env as Record<string, string>;
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [HANGAR_BIN, 'mcp', '--config', join(fleet.dir, 'agents.toml')],
        env: { ...env, ...fleet.env, HANGAR_AGENT: 'orch' },
        stderr: 'pipe',
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await client?.close();
    await fleet.stop();
  });

  it('lists the tools of the request table, each with its schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.keys(MCP_TOOLS));
    const schema = (name: string) => tools.find((t) => t.name === name)!.inputSchema as { properties: Record<string, unknown>; required?: string[] };
    expect(schema('converse')).toMatchObject({ type: 'object', required: ['name', 'text'] });
    expect(Object.keys(schema('check').properties)).toEqual(['name']);
    expect(Object.keys(schema('transcript').properties)).toEqual(['name', 'last', 'turn']);
    expect(schema('end')).toMatchObject({ required: ['name', 'verdict'], properties: { verdict: { enum: ['completed', 'failed'] } } });
    // ask_human asks as the agent running hangar mcp: it takes no name
    expect(schema('ask_human')).toMatchObject({ required: ['question'] });
    expect(schema('ask_human').properties).not.toHaveProperty('name');
    expect(schema('delegate').properties).toHaveProperty('wait');
  });

  it("converse types a message into a worker and returns its reply, that turn's tokens and cost; list and peek show it", async () => {
    const answer = await ok<Result<'send'>>('converse', { name: 'worker', text: 'write mcp.txt hello' });
    expect(answer).toMatchObject({ name: 'worker', reply: '● Wrote mcp.txt (6 bytes)', timedOut: false });
    // the demo's session file records the turn's usage; [price."demo-1"] prices it
    expect(answer.usage!.output).toBeGreaterThan(0);
    expect(answer.cost_usd).toBeCloseTo(priced(answer.usage!), 12);
    // the session file may end the turn before the screen reads idle
    await fleet.idle('worker');
    const list = await ok<{ agents: Array<{ name: string; status: string; needs_attention: boolean }> }>('list', {});
    expect(list.agents.map((a) => [a.name, a.status, a.needs_attention])).toEqual([
      ['worker', 'idle', true],
      ['orch', 'idle', true],
    ]);
    const peek = await ok<{ lines: string[] }>('peek', { name: 'worker', lines: 50 });
    expect(peek.lines.join('\n')).toContain('Wrote mcp.txt');
  });

  it('check gives a worker in full: status, attention, last reply, tokens, cost, runtime, files changed since it started', async () => {
    await fleet.hangar('send', 'worker', 'append README more', '--wait');
    await fleet.idle('worker');
    const check = await ok<AgentCheck>('check', { name: 'worker' });
    expect(check).toMatchObject({ name: 'worker', status: 'idle', needs_attention: true });
    expect(check.last_reply).toMatch(/^Appended to README \(/);
    expect(check.runtime_ms).toBeGreaterThan(0);
    expect(check.cost_usd).toBeCloseTo(priced(check.usage!), 12);
    expect(check.files).toEqual({
      repo: join(fleet.dir, 'work'),
      base,
      files: [
        { path: 'README', status: 'modified', insertions: 1, deletions: 0 },
        { path: 'mcp.txt', status: 'untracked', insertions: null, deletions: null },
      ],
      truncated: false,
    });
    // the CLI's check is the same request
    const cli = JSON.parse(await fleet.hangar('check', 'worker', '--json')) as AgentCheck;
    expect({ ...cli, runtime_ms: 0 }).toEqual({ ...check, runtime_ms: 0 });
  });

  it("check's errors are the CLI's", async () => {
    expect(await sameError('check', { name: 'nosuch' }, 'check', 'nosuch')).toMatch(/no agent or service named "nosuch"/);
    expect(await sameError('check', { name: 'web' }, 'check', 'web')).toBe('web is a service: check is for agents');
  });

  it("transcript gives a worker's normalised records, its last turn unless told", async () => {
    type Page = { name: string; turns: number; entries: Array<{ turn: number; type: string; text?: string }> };
    const last = await ok<Page>('transcript', { name: 'worker' });
    expect(last.turns).toBeGreaterThanOrEqual(2);
    expect(new Set(last.entries.map((e) => e.turn))).toEqual(new Set([last.turns]));
    expect(last.entries.find((e) => e.type === 'prompt')?.text).toBe('append README more');
    const two = await ok<Page>('transcript', { name: 'worker', last: 2 });
    expect(new Set(two.entries.map((e) => e.turn))).toEqual(new Set([last.turns - 1, last.turns]));
    const first = await ok<Page>('transcript', { name: 'worker', turn: 1 });
    expect(first.entries.find((e) => e.type === 'prompt')?.text).toBe('write mcp.txt hello');
    const bad = await call('transcript', { name: 'worker', last: 0 });
    expect([bad.isError, bad.content[0]!.text]).toEqual([true, '"last" must be a whole number from 1 to 1000']);
    await sameError('transcript', { name: 'nosuch' }, 'transcript', 'nosuch');
  });

  it('delegate with wait starts a worker and returns its first reply, tokens and cost; without a prompt it cannot wait', async () => {
    const d1 = await ok<Result<'add'>>('delegate', { name: 'd1', prompt: 'write d1.txt one', wait: true });
    expect(d1).toMatchObject({ name: 'd1', addedAtRunTime: true, reply: 'Wrote d1.txt (4 bytes)', timedOut: false });
    expect(d1.cost_usd).toBeCloseTo(priced(d1.usage!), 12);
    expect(readFileSync(join(fleet.dir, 'work', 'd1.txt'), 'utf8')).toBe('one\n');
    expect(await sameError('delegate', { name: 'd2', wait: true }, 'add', 'd2', '--wait')).toMatch(/^wait: d2 would start with no prompt/);
    // refused before anything stays: no d2
    expect((await status()).map((a) => a.name)).toEqual(['worker', 'orch', 'd1']);
  });

  it("end records a verdict and stops the worker; delete takes it out of the fleet; refusals are the CLI's and change nothing", async () => {
    expect(await sameError('end', { name: 'worker', verdict: 'completed', delete: true }, 'end', 'worker', 'completed', '--delete')).toMatch(/"worker" is in agents.toml/);
    expect(await sameError('end', { name: 'web', verdict: 'failed' }, 'end', 'web', 'failed')).toMatch(/web is a service/);
    await fleet.idle('d1');
    const bad = await call('end', { name: 'd1', verdict: 'maybe' });
    expect([bad.isError, bad.content[0]!.text]).toEqual([true, '"verdict" must be one of: completed, failed']);
    expect((await status()).map((a) => [a.name, a.status])).toEqual([
      ['worker', 'idle'],
      ['orch', 'idle'],
      ['d1', 'idle'],
    ]);

    const ended = await ok<Result<'end'>>('end', { name: 'd1', verdict: 'completed', reason: 'd1.txt written', delete: true });
    expect(ended).toMatchObject({ name: 'd1', verdict: 'completed', reason: 'd1.txt written', deleted: true, stopped: true });
    expect((await status()).map((a) => a.name)).toEqual(['worker', 'orch']);
    await ok('end', { name: 'worker', verdict: 'failed', reason: 'wrong file' });
    const verdicts = readFileSync(join(fleet.dir, 'state', 'state', 'verdicts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(verdicts).toEqual([
      { name: 'd1', verdict: 'completed', reason: 'd1.txt written', at: ended.at, deleted: true },
      { name: 'worker', verdict: 'failed', reason: 'wrong file', at: expect.any(Number), deleted: false },
    ]);
    const events = (await fleet.hangar('events', '--json', '-n', '0')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; kind?: string; message?: string });
    expect(events.filter((e) => e.type === 'orchestration').map((e) => [e.kind, e.message])).toEqual([
      ['verdict', 'd1 ended: completed — d1.txt written'],
      ['removed', 'd1 removed from the fleet'],
      ['verdict', 'worker ended: failed — wrong file'],
    ]);
    const check = await ok<AgentCheck>('check', { name: 'worker' });
    expect(check).toMatchObject({ status: 'stopped', needs_attention: false, runtime_ms: null, verdict: { verdict: 'failed', reason: 'wrong file' } });
  });

  it('ask_human marks the calling agent needs-input with the question; hangar send answers it, untyped', async () => {
    const asked = call('ask_human', { question: 'Postgres or SQLite?' });
    await fleet.hangar('wait', 'orch', '--for', 'needs-input', '--timeout', '30');
    expect((await status()).find((a) => a.name === 'orch')).toMatchObject({ status: 'needs-input', detail: 'Postgres or SQLite?' });
    // one question at a time, the CLI's words too
    expect(await sameError('ask_human', { question: 'and?' }, 'ask', 'orch', 'and?')).toBe('orch already asks: Postgres or SQLite? (one question at a time)');
    expect(await fleet.hangar('send', 'orch', 'SQLite')).toBe("answered orch's question\n");
    const answer = (await asked) as TextAnswer;
    expect(JSON.parse(answer.content[0]!.text)).toEqual({ name: 'orch', question: 'Postgres or SQLite?', answer: 'SQLite', timedOut: false });
    await fleet.hangar('wait', 'orch', '--for', 'idle', '--timeout', '30');
    // the answer went to the tool, not into the agent's CLI
    expect(await fleet.hangar('screen', 'orch')).not.toContain('SQLite');
    const events = (await fleet.hangar('events', 'orch', '--json', '-n', '0')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; message?: string });
    expect(events.filter((e) => e.type === 'orchestration').map((e) => e.message)).toEqual(['orch asks: Postgres or SQLite?', 'orch was answered: SQLite']);
  });

  it("ask_human is answered by a line typed into the asker's pane (as the cockpit sends keys), and gives up at its timeout", async () => {
    const asked = call('ask_human', { question: 'Which port?' });
    await fleet.hangar('wait', 'orch', '--for', 'needs-input', '--timeout', '30');
    const pane = await connectSocket(join(fleet.dir, 'state', 'hangar.sock'), { clientName: 'test-cockpit' });
    try {
      pane.input('orch', '80800');
      pane.input('orch', '\x7f\r');
      expect(JSON.parse(((await asked) as TextAnswer).content[0]!.text)).toMatchObject({ answer: '8080', timedOut: false });
    } finally {
      pane.close();
    }
    await fleet.hangar('wait', 'orch', '--for', 'idle', '--timeout', '30');
    expect(await fleet.hangar('screen', 'orch')).not.toContain('8080');

    expect(await ok('ask_human', { question: 'Anyone there?', timeoutMs: 50 })).toEqual({ name: 'orch', question: 'Anyone there?', answer: null, timedOut: true });
    await fleet.hangar('wait', 'orch', '--for', 'idle', '--timeout', '30');
    const bad = await call('ask_human', { question: '' });
    expect([bad.isError, bad.content[0]!.text]).toEqual([true, '"question" must be a non-empty string']);
  });

  it('the same requests as CLI verbs: add --wait prints the first reply, ask - asks as $HANGAR_AGENT, end --delete', async () => {
    const added = await fleet.hangar('add', 'd3', '--prompt', 'write d3.txt three', '--wait');
    expect(added).toMatch(/^added d3 \(demo\/default, pid \d+\): not in agents.toml, gone after hangar down\nWrote d3.txt \(6 bytes\)\n$/);
    const asking = runHangar(['ask', '-', 'Ship it?'], { cwd: fleet.dir, env: { ...fleet.env, HANGAR_AGENT: 'orch' } });
    await fleet.hangar('wait', 'orch', '--for', 'needs-input', '--timeout', '30');
    await fleet.hangar('keys', 'orch', '--literal', 'yes');
    await fleet.hangar('keys', 'orch', 'Enter');
    expect(await asking).toMatchObject({ code: 0, stdout: 'yes\n' });
    await fleet.idle('d3');
    expect(await fleet.hangar('end', 'd3', 'completed', 'three', 'written', '--delete')).toBe('d3 ended: completed — three written (removed from the fleet)\n');
    const usage = await fleet.run('end', 'd3', 'finished');
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('end: the verdict must be one of completed, failed')]);
  });

  it("errors are tool errors with the CLI's message", async () => {
    const cli = await fleet.run('peek', 'nosuch');
    expect(cli.code).not.toBe(0);
    const answer = await call('peek', { name: 'nosuch' });
    expect(answer.isError).toBe(true);
    expect(`hangar: ${answer.content[0]!.text}\n`).toBe(cli.stderr);
    // the server's argument checks too: a wrong type is refused with bad_args' wording
    const bad = await call('peek', { name: 'worker', lines: 'many' });
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/lines/);
  });
});
