import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_TOOLS } from '../../src/protocol/mcp-tools.js';
import { HANGAR_BIN } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// `hangar mcp` as an agent CLI runs it: a child speaking MCP on stdio, reached here with the
// SDK's own client, acting on a real fleet (the demo agent) through its real server.
const CONFIG = `
[defaults]
session_prefix = "mcp-"
log_dir = "state"
backend = "demo"
watch = "none"

[backend.demo]
bin = "hangar-demo"
flags = "--think 100"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"

[[agent]]
name = "worker"
`;

interface TextAnswer {
  content: Array<{ type: string; text: string }>;
  isError?: boolean;
}

describe('hangar mcp (an MCP server over stdio)', () => {
  const fleet = new TestFleet('mcp', CONFIG);
  let client: Client;
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as TextAnswer;

  beforeAll(async () => {
    await fleet.up(['worker']);
    client = new Client({ name: 'test-orchestrator', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [HANGAR_BIN, 'mcp', '--config', join(fleet.dir, 'agents.toml')],
        env: { ...(process.env as Record<string, string>), ...fleet.env },
        stderr: 'pipe',
      }),
    );
  });
  afterAll(async () => {
    await client?.close();
    await fleet.stop();
  });

  it('lists the tools of the request table, each with its schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(Object.keys(MCP_TOOLS));
    expect(tools.find((t) => t.name === 'converse')!.inputSchema).toMatchObject({ type: 'object', required: ['name', 'text'] });
  });

  it('converse types a message into a worker and returns its reply; list and peek show it', async () => {
    const answer = await call('converse', { name: 'worker', text: 'write mcp.txt hello' });
    expect(answer.isError).toBeUndefined();
    expect(JSON.parse(answer.content[0]!.text)).toMatchObject({ name: 'worker', reply: '● Wrote mcp.txt (6 bytes)', status: 'idle' });
    const list = JSON.parse((await call('list', {})).content[0]!.text) as { agents: Array<{ name: string; status: string }> };
    expect(list.agents.map((a) => [a.name, a.status])).toEqual([['worker', 'idle']]);
    const peek = JSON.parse((await call('peek', { name: 'worker', lines: 50 })).content[0]!.text) as { lines: string[] };
    expect(peek.lines.join('\n')).toContain('Wrote mcp.txt');
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
