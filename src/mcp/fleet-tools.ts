/**
 * The fleet's MCP tools over a fleet client: the list (from MCP_TOOLS and the request table)
 * and a call (the tool's verb, with its fixed arguments). A refused request is a tool error
 * (`isError`, so the calling model reads it) with the server's message — the one the CLI
 * prints after `hangar: `. No SDK here: stdio-server.ts puts these behind the protocol.
 */
import { MCP_TOOLS, type ToolName, type ToolSpec } from '../protocol/mcp-tools.js';
import { REQUESTS, type Verb } from '../protocol/requests.js';
import { inputSchema, type JsonSchema } from './tool-schema.js';

export type ToolListing = {
  name: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
};

/** A type, not an interface: the SDK's result type has an index signature, which only a type alias meets implicitly. */
export type ToolAnswer = {
  content: Array<{ type: 'text'; text: string }>;
  isError?: boolean;
};

/** What a tool call needs of the fleet: one request (FleetClient.request, untyped at this edge). */
export type FleetRequest = (verb: Verb, args: Record<string, unknown>) => Promise<unknown>;

export function listTools(): ToolListing[] {
  return Object.entries(MCP_TOOLS).map(([name, spec]: [string, ToolSpec]) => ({
    name,
    description: `${spec.summary}. (${REQUESTS[spec.verb].summary})`,
    inputSchema: inputSchema(REQUESTS[spec.verb], setByServer(spec)),
  }));
}

/** The arguments the model does not give: the fixed ones and the caller's name. */
function setByServer(spec: ToolSpec): string[] {
  return [...Object.keys(spec.fixed ?? {}), ...(spec.caller ? [spec.caller] : [])];
}

function isToolName(name: string): name is ToolName {
  return Object.hasOwn(MCP_TOOLS, name);
}

function text(value: string, isError = false): ToolAnswer {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError } : {}) };
}

/**
 * `caller`: the agent whose CLI runs this server (HANGAR_AGENT), if hangar started it; a tool
 * with a `caller` argument (delegate's parent) gets it, so its workers are marked as its own.
 */
export async function callTool(request: FleetRequest, name: string, args: Record<string, unknown> = {}, caller?: string): Promise<ToolAnswer> {
  if (!isToolName(name)) return text(`no tool named ${name} (tools: ${Object.keys(MCP_TOOLS).join(', ')})`, true);
  const spec: ToolSpec = MCP_TOOLS[name];
  const fixed = spec.fixed ?? {};
  for (const key of setByServer(spec)) {
    if (key in args) return text(`${name} sets ${key} itself; leave it out`, true);
  }
  const fromCaller = spec.caller && caller ? { [spec.caller]: caller } : {};
  try {
    const result = await request(spec.verb, { ...args, ...fixed, ...fromCaller });
    return text(JSON.stringify(result, null, 2));
  } catch (err) {
    return text(err instanceof Error ? err.message : String(err), true);
  }
}
