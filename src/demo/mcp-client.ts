/**
 * The demo agent's MCP client: each server of its --mcp-config started as a child over stdio
 * with @modelcontextprotocol/sdk's Client, and a tool call routed to the first server that has
 * the tool. Loaded only when --mcp-config is given (main.ts imports it lazily): a plain demo
 * agent's start pays nothing for the SDK.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { McpServerSpec } from './mcp-servers.js';
import type { ToolCaller, ToolOutcome } from './tool-call.js';

interface Connected {
  name: string;
  client: Client;
  tools: Set<string>;
}

/** Connect to every server (in order); throws, naming the server, if one cannot be started or listed. */
export async function connectMcpServers(specs: readonly McpServerSpec[], cwd: string): Promise<ToolCaller & { close(): Promise<void> }> {
  const connected: Connected[] = [];
  const close = async () => {
    await Promise.all(connected.map((c) => c.client.close().catch(() => undefined)));
  };
  try {
    for (const spec of specs) {
      const client = new Client({ name: 'hangar-demo', version: '1.0.0' });
      // the server's stderr would land on the demo's screen: dropped
      await client.connect(new StdioClientTransport({ command: spec.command, args: spec.args, env: spec.env, cwd, stderr: 'ignore' }));
      const { tools } = await client.listTools();
      connected.push({ name: spec.name, client, tools: new Set(tools.map((t) => t.name)) });
    }
  } catch (err) {
    await close();
    throw new Error(`MCP server ${specs[connected.length]?.name ?? '?'}: ${(err as Error).message}`);
  }
  return {
    async call(name, args): Promise<ToolOutcome> {
      const server = connected.find((c) => c.tools.has(name));
      if (!server) {
        const known = connected.flatMap((c) => [...c.tools]).join(', ');
        return { server: connected[0]?.name ?? 'none', text: `no tool named ${name} (tools: ${known || 'none'})`, isError: true };
      }
      try {
        const result = await server.client.callTool({ name, arguments: args });
        const content = Array.isArray(result.content) ? (result.content as Array<{ type: string; text?: string }>) : [];
        const text = content.map((c) => (c.type === 'text' ? (c.text ?? '') : `[${c.type}]`)).join('\n');
        return { server: server.name, text, isError: result.isError === true };
      } catch (err) {
        return { server: server.name, text: (err as Error).message, isError: true };
      }
    },
    close,
  };
}
