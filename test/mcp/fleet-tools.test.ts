import { describe, expect, it } from 'vitest';
import { callTool, listTools } from '../../src/mcp/fleet-tools.js';
import { inputSchema } from '../../src/mcp/tool-schema.js';
import { MCP_TOOLS, type ToolSpec } from '../../src/protocol/mcp-tools.js';
import { REQUESTS, type Verb } from '../../src/protocol/requests.js';

describe('the MCP tools, from the request table', () => {
  it("each tool's input schema is its verb's arguments, less those the tool fixes and the caller's name", () => {
    for (const tool of listTools()) {
      const spec: ToolSpec = MCP_TOOLS[tool.name as keyof typeof MCP_TOOLS];
      const setByServer = [...Object.keys(spec.fixed ?? {}), ...(spec.caller ? [spec.caller] : [])];
      const args = Object.keys(REQUESTS[spec.verb].args).filter((a) => !setByServer.includes(a));
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
    await callTool(request, 'delegate', { name: 'w1', prompt: 'go' }, 'lead');
    await callTool(request, 'delegate', { name: 'w2' });
    await callTool(request, 'peek', { name: 'w1' }, 'lead');
    expect(asked).toEqual([
      ['add', { name: 'w1', prompt: 'go', parent: 'lead' }],
      ['add', { name: 'w2' }],
      ['peek', { name: 'w1' }],
    ]);
    expect(await callTool(request, 'delegate', { name: 'w3', parent: 'someone' }, 'lead')).toMatchObject({ isError: true, content: [{ text: 'delegate sets parent itself; leave it out' }] });
  });

  it("a refused request is a tool error with the server's message; an unknown tool says which exist", async () => {
    const refuse = async () => {
      throw new Error('no agent named nosuch (agents: a, b)');
    };
    expect(await callTool(refuse, 'peek', { name: 'nosuch' })).toEqual({ content: [{ type: 'text', text: 'no agent named nosuch (agents: a, b)' }], isError: true });
    expect((await callTool(refuse, 'rm-rf', {})).content[0]!.text).toBe(`no tool named rm-rf (tools: ${Object.keys(MCP_TOOLS).join(', ')})`);
  });
});
