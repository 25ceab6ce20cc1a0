import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callTool, listTools } from '../../src/mcp/fleet-tools.js';
import { inputSchema } from '../../src/mcp/tool-schema.js';
import { MCP_TOOLS } from '../../src/protocol/mcp-tools.js';
import { REQUESTS, type Verb } from '../../src/protocol/requests.js';

describe('the MCP tools, from the request table', () => {
  it("each tool's input schema is its verb's arguments, less those the tool fixes and the caller's name", () => {
    for (const tool of listTools()) {
      const spec = MCP_TOOLS[tool.name as keyof typeof MCP_TOOLS];
      const setByTool = [...Object.keys(('fixed' in spec && spec.fixed) || {}), ...('caller' in spec ? [spec.caller] : [])];
      const own = Object.keys(('own' in spec && spec.own) || {});
      const args = [...Object.keys(REQUESTS[spec.verb].args).filter((a) => !setByTool.includes(a)), ...own];
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(args);
      expect(tool.inputSchema.additionalProperties).toBe(false);
      expect(tool.description).toContain(REQUESTS[spec.verb].summary);
    }
    expect(listTools().map((t) => t.name)).toEqual(Object.keys(MCP_TOOLS));
  });

  it('maps each field type to JSON Schema: required, enums, bounds, lists, maps', () => {
    expect(inputSchema(REQUESTS.wait)).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', description: 'the agent (or service)', minLength: 1 },
        for: { type: 'string', description: 'the status to wait for', enum: REQUESTS.wait.args.for.oneOf },
        timeoutMs: { type: 'number', description: REQUESTS.wait.args.timeoutMs.description, minimum: 0 },
      },
      required: ['name', 'for'],
      additionalProperties: false,
    });
    const keys = inputSchema(REQUESTS.keys).properties!;
    expect(keys.keys).toMatchObject({ type: 'array', items: { type: 'string' }, minItems: 1 });
    expect(inputSchema(REQUESTS.add).properties!.env).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    expect(inputSchema(REQUESTS.events).properties!.lines).toMatchObject({ type: 'integer', minimum: 0, maximum: 10_000 });
  });

  it('delegate takes worktree: true, as hangar add --worktree does (the add verb has it)', () => {
    const delegate = listTools().find((t) => t.name === 'delegate')!;
    expect(delegate.inputSchema.properties!.worktree).toMatchObject({ type: 'boolean' });
  });

  it('converse is send with wait fixed: the caller cannot see or set it', async () => {
    const converse = listTools().find((t) => t.name === 'converse')!;
    expect(converse.inputSchema.properties).not.toHaveProperty('wait');
    const asked: Array<[Verb, Record<string, unknown>]> = [];
    const request = async (verb: Verb, args: Record<string, unknown>) => {
      asked.push([verb, args]);
      return { name: 'w', reply: 'done', status: 'idle' };
    };
    const answer = await callTool(request, 'converse', { name: 'w', text: 'go' });
    expect(asked).toEqual([['send', { name: 'w', text: 'go', wait: true }]]);
    expect(answer.isError).toBeUndefined();
    expect(JSON.parse(answer.content[0]!.text)).toEqual({ name: 'w', reply: 'done', status: 'idle' });
    expect(await callTool(request, 'converse', { name: 'w', text: 'go', wait: false })).toMatchObject({ isError: true, content: [{ text: 'converse sets wait itself; leave it out' }] });
    expect(asked).toHaveLength(1);
  });

  it("delegate marks the worker as the calling agent's: parent is the server's HANGAR_AGENT, never the model's to set", async () => {
    const delegate = listTools().find((t) => t.name === 'delegate')!;
    expect(delegate.inputSchema.properties).not.toHaveProperty('parent');
    const asked: Array<[Verb, Record<string, unknown>]> = [];
    const request = async (verb: Verb, args: Record<string, unknown>) => {
      asked.push([verb, args]);
      return { name: args['name'] };
    };
    await callTool(request, 'delegate', { name: 'w1', prompt: 'go' }, { agent: 'lead' });
    await callTool(request, 'delegate', { name: 'w2' });
    await callTool(request, 'peek', { name: 'w1' }, { agent: 'lead' });
    expect(asked).toEqual([
      ['add', { name: 'w1', prompt: 'go', parent: 'lead' }],
      ['add', { name: 'w2' }],
      ['peek', { name: 'w1' }],
    ]);
    expect(await callTool(request, 'delegate', { name: 'w3', parent: 'someone' }, { agent: 'lead' })).toMatchObject({ isError: true, content: [{ text: 'delegate sets parent itself; leave it out' }] });
  });

  it("a refused request is a tool error with the server's message; an unknown tool says which exist", async () => {
    const refuse = async () => {
      throw new Error('no agent named nosuch (agents: a, b)');
    };
    expect(await callTool(refuse, 'peek', { name: 'nosuch' })).toEqual({ content: [{ type: 'text', text: 'no agent named nosuch (agents: a, b)' }], isError: true });
    expect((await callTool(refuse, 'rm-rf', {})).content[0]!.text).toBe(`no tool named rm-rf (tools: ${Object.keys(MCP_TOOLS).join(', ')})`);
  });

  it('ask_human asks as the agent that runs hangar mcp: its name is set by the tool, never by the caller', async () => {
    const asked: Array<[Verb, Record<string, unknown>]> = [];
    const request = async (verb: Verb, args: Record<string, unknown>) => (asked.push([verb, args]), { answer: 'yes' });
    expect(listTools().find((t) => t.name === 'ask_human')!.inputSchema.properties).not.toHaveProperty('name');
    expect(await callTool(request, 'ask_human', { question: 'ok?' }, { agent: 'orch' })).toMatchObject({ content: [{ text: '{\n  "answer": "yes"\n}' }] });
    expect(asked).toEqual([['ask', { question: 'ok?', name: 'orch' }]]);
    expect(await callTool(request, 'ask_human', { question: 'ok?', name: 'worker' }, { agent: 'orch' })).toMatchObject({ isError: true, content: [{ text: 'ask_human sets name itself; leave it out' }] });
    expect(await callTool(request, 'ask_human', { question: 'ok?' }, { agent: null })).toMatchObject({
      isError: true,
      content: [{ text: 'ask_human acts as the agent that runs hangar mcp, and HANGAR_AGENT is not set: run hangar mcp from an agent of the fleet' }],
    });
    expect(asked).toHaveLength(1);
  });

  it("transcript reads the session file the verb names and keeps the turns asked for (its own arguments, checked here, not sent)", async () => {
    const path = fileURLToPath(new URL('../fixtures/transcripts/claude.jsonl', import.meta.url));
    const asked: Array<Record<string, unknown>> = [];
    const request = async (_verb: Verb, args: Record<string, unknown>) => (asked.push(args), { name: 'w', backend: 'claude', conversationId: 'c', path });
    const page = async (args: Record<string, unknown>) => JSON.parse((await callTool(request, 'transcript', { name: 'w', ...args })).content[0]!.text) as { turns: number; entries: Array<{ turn: number }> };
    const turnsOf = (p: { entries: Array<{ turn: number }> }) => [...new Set(p.entries.map((e) => e.turn))];
    expect(await page({})).toMatchObject({ turns: 3 });
    expect(turnsOf(await page({}))).toEqual([3]);
    expect(turnsOf(await page({ last: 2 }))).toEqual([2, 3]);
    expect(turnsOf(await page({ turn: 1 }))).toEqual([1]);
    expect(asked.every((a) => Object.keys(a).join() === 'name')).toBe(true);
    expect(await callTool(request, 'transcript', { name: 'w', turn: 'T1' })).toMatchObject({ isError: true, content: [{ text: '"turn" must be a whole number of at least 1' }] });
    const none = async () => ({ name: 'w', backend: 'claude', conversationId: null, path: null, reason: 'w has no conversation yet' });
    expect(await callTool(none, 'transcript', { name: 'w' })).toMatchObject({ isError: true, content: [{ text: 'w has no conversation yet' }] });
  });

  it('list adds needs_attention to each agent of the status it asks for', async () => {
    const request = async () => ({ agents: [{ name: 'a', status: 'working' }, { name: 'b', status: 'needs-input' }], services: [] });
    const list = JSON.parse((await callTool(request, 'list', {})).content[0]!.text) as { agents: Array<{ name: string; needs_attention: boolean }> };
    expect(list.agents.map((a) => [a.name, a.needs_attention])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});
