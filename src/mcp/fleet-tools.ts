/**
 * The fleet's MCP tools over a fleet client: the list (from MCP_TOOLS and the request table)
 * and a call (the tool's verb, with its fixed arguments). A refused request is a tool error
 * (`isError`, so the calling model reads it) with the server's message — the one the CLI
 * prints after `hangar: `. No SDK here: stdio-server.ts puts these behind the protocol.
 */
import { MCP_TOOLS, type ToolName, type ToolSpec } from '../protocol/mcp-tools.js';
import { checkFields } from '../protocol/request-args.js';
import { REQUESTS, type Verb } from '../protocol/requests.js';
import { TOOL_ANSWERS } from './tool-answers.js';
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

/** Who calls the tools: the agent that runs `hangar mcp` ($HANGAR_AGENT), null when none does. */
export interface ToolCaller {
  agent: string | null;
}

/** The arguments a tool sets itself: its fixed ones and the one naming its caller. */
function setByTool(spec: ToolSpec): string[] {
  return [...Object.keys(spec.fixed ?? {}), ...(spec.caller ? [spec.caller] : [])];
}

export function listTools(): ToolListing[] {
  return Object.entries(MCP_TOOLS).map(([name, spec]: [string, ToolSpec]) => ({
    name,
    description: `${spec.summary}. (${REQUESTS[spec.verb].summary})`,
    inputSchema: inputSchema(REQUESTS[spec.verb], setByTool(spec), spec.own),
  }));
}

function isToolName(name: string): name is ToolName {
  return Object.hasOwn(MCP_TOOLS, name);
}

function text(value: string, isError = false): ToolAnswer {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError } : {}) };
}

export async function callTool(request: FleetRequest, name: string, args: Record<string, unknown> = {}, caller: ToolCaller = { agent: null }): Promise<ToolAnswer> {
  if (!isToolName(name)) return text(`no tool named ${name} (tools: ${Object.keys(MCP_TOOLS).join(', ')})`, true);
  const spec: ToolSpec = MCP_TOOLS[name];
  for (const key of setByTool(spec)) {
    if (key in args) return text(`${name} sets ${key} itself; leave it out`, true);
  }
  // a tool that acts as its caller (ask_human) needs one; one that only marks it (delegate's parent) does without
  if (spec.caller && !caller.agent && (REQUESTS[spec.verb].args as Record<string, { required?: boolean } | undefined>)[spec.caller]?.required) {
    return text(`${name} acts as the agent that runs hangar mcp, and HANGAR_AGENT is not set: run hangar mcp from an agent of the fleet`, true);
  }
  // the tool's own arguments stay here; the rest goes to the verb, whose server checks them
  const ownNames = Object.keys(spec.own ?? {});
  const own = checkFields(spec.own ?? {}, args);
  if (!own.ok) return text(own.problem, true);
  const forVerb = Object.fromEntries(Object.entries(args).filter(([k]) => !ownNames.includes(k)));
  try {
    const result = await request(spec.verb, { ...forVerb, ...spec.fixed, ...(spec.caller && caller.agent ? { [spec.caller]: caller.agent } : {}) });
    const answer = TOOL_ANSWERS[name]?.(result, own.args) ?? result;
    return text(JSON.stringify(answer, null, 2));
  } catch (err) {
    return text(err instanceof Error ? err.message : String(err), true);
  }
}
