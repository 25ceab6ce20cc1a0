/**
 * Which tool calls edit files and which talk to hangar's MCP server, by the names the CLIs give
 * their tools in their session files. Pure.
 *
 * - Claude Code: Write, Edit, MultiEdit, NotebookEdit (file_path / notebook_path); an MCP tool
 *   is `mcp__<server>__<tool>` (code.claude.com/docs/en/mcp, "MCP tools" in hooks' matchers).
 * - Codex: apply_patch (the files its patch names: transcript/tool-text.ts shows them joined).
 * - Gemini CLI: write_file, replace (file_path).
 */

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'apply_patch', 'write_file', 'replace']);

/** The MCP server name hangar's tools are registered under in an orchestrator's CLI. */
const HANGAR_PREFIX = 'mcp__hangar__';

/** Tools of hangar's MCP server that hand work on or look after it: calling one is delegating. */
const DELEGATING = new Set(['delegate', 'converse', 'check', 'peek', 'list', 'transcript', 'wait', 'end', 'ask_human', 'send', 'add', 'status', 'keys']);

/** The files an edit tool's call names (its key argument); none for any other tool. */
export function editedFiles(tool: string, arg: string): string[] {
  if (!EDIT_TOOLS.has(tool) || arg.trim() === '') return [];
  return tool === 'apply_patch' ? arg.split(', ').map((f) => f.trim()).filter(Boolean) : [arg.trim()];
}

/** Whether a call edits files itself. */
export function isEdit(tool: string): boolean {
  return EDIT_TOOLS.has(tool);
}

/** The hangar tool a call names (`mcp__hangar__delegate` → `delegate`); null for any other tool. */
export function hangarTool(tool: string): string | null {
  return tool.startsWith(HANGAR_PREFIX) ? tool.slice(HANGAR_PREFIX.length) : null;
}

/** Whether a call delegates (or looks after delegated work) through hangar's MCP tools. */
export function isDelegating(tool: string): boolean {
  const t = hangarTool(tool);
  return t !== null && DELEGATING.has(t);
}
