/**
 * `hangar mcp`: the fleet's tools (fleet-tools.ts) as an MCP server on stdin/stdout, with
 * @modelcontextprotocol/sdk. The low-level Server, not McpServer: the tools' input schemas
 * are JSON Schema generated from the request table, not zod. Loaded only by `hangar mcp`
 * (a dynamic import), so no other verb pays for the SDK.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { callTool, listTools, type FleetRequest } from './fleet-tools.js';

export interface McpServerInfo {
  version: string;
  /** what the tools act on, for the client's display: the fleet's config */
  fleet: string;
  /** the agent whose CLI started this server (HANGAR_AGENT): the workers it delegates are its own */
  caller?: string;
}

/** Serve until stdin closes; resolves then. */
export async function serveMcp(request: FleetRequest, info: McpServerInfo): Promise<void> {
  const server = new Server(
    { name: 'hangar', version: info.version },
    { capabilities: { tools: {} }, instructions: `The agents of the hangar fleet of ${info.fleet}: list them, delegate work to new ones, converse with them, peek at their screens.` },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listTools() }));
  server.setRequestHandler(CallToolRequestSchema, (req) => callTool(request, req.params.name, req.params.arguments ?? {}, info.caller));
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  await closed;
}
