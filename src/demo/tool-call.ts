/**
 * An MCP tool call of the demo agent (`/tool NAME {json}`), as its conversation keeps it and its
 * session file records it: Claude Code's name for an MCP tool, `mcp__SERVER__TOOL`.
 */
export interface McpToolCall {
  kind: 'mcp';
  server: string;
  name: string;
  input: Record<string, unknown>;
  isError: boolean;
}

/** What a call gave: the server that answered, its text, whether it is an error. */
export interface ToolOutcome {
  server: string;
  text: string;
  isError: boolean;
}

/** Calls a tool by name on whichever connected server has it; never throws (a failure is an error outcome). */
export interface ToolCaller {
  call(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
}

export function mcpToolName(call: Pick<McpToolCall, 'server' | 'name'>): string {
  return `mcp__${call.server}__${call.name}`;
}
