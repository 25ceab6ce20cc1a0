/**
 * The words that give an orchestrator agent's CLI hangar's MCP server (`hangar mcp`) for one
 * run, without touching the user's files: its backend's `mcp_flags` template filled with the
 * server's command line. Pure; the caller says what runs (fleet/session-plan.ts: this node,
 * hangar's own launcher, this fleet's config, the agent's name in HANGAR_AGENT).
 *
 * The fields, each already in the syntax its CLI reads (the template adds only shell quoting):
 * - {mcp_config}: Claude Code's `--mcp-config` JSON, `{"mcpServers": {"hangar": {type, command, args, env}}}`
 *   (the shape of a .mcp.json; code.claude.com/docs/en/mcp);
 * - {mcp_command}, {mcp_args}, {mcp_env}: a TOML string, array and inline table, for Codex's
 *   `-c mcp_servers.hangar.command=… -c mcp_servers.hangar.args=[…] -c mcp_servers.hangar.env={…}`
 *   (Codex config.md, [mcp_servers.NAME] command/args/env; `-c` parses its value as TOML).
 */
import { renderTemplate, templateFields } from './template.js';
import type { BackendConfig } from './types.js';

/** The name the server is registered under: the tools reach the model as mcp__hangar__NAME. */
const MCP_SERVER_NAME = 'hangar';

/** A stdio MCP server's command line, as every MCP client names it. */
export interface McpServerCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

const MCP_FIELDS = ['mcp_config', 'mcp_command', 'mcp_args', 'mcp_env'] as const;
type McpField = (typeof MCP_FIELDS)[number];

/** A TOML basic string: JSON's string escapes are TOML's (\" \\ \n \uXXXX). */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

function tomlInlineTable(values: Record<string, string>): string {
  const pairs = Object.entries(values).map(([k, v]) => `${tomlString(k)} = ${tomlString(v)}`);
  return `{${pairs.join(', ')}}`;
}

function mcpFields(server: McpServerCommand): Record<McpField, string> {
  return {
    mcp_config: JSON.stringify({ mcpServers: { [MCP_SERVER_NAME]: { type: 'stdio', command: server.command, args: server.args, env: server.env } } }),
    mcp_command: tomlString(server.command),
    mcp_args: `[${server.args.map(tomlString).join(', ')}]`,
    mcp_env: tomlInlineTable(server.env),
  };
}

/** The words to add to the CLI's command line ('' when its backend takes no MCP servers). */
export function mcpFlags(backend: BackendConfig, server: McpServerCommand): string {
  if (!backend.mcp_flags) return '';
  return renderTemplate(backend.mcp_flags, mcpFields(server));
}

/** What is wrong with an mcp_flags template (null: nothing). */
export function mcpFlagsProblem(template: string): string | null {
  const fields = templateFields(template);
  const unknown = fields.filter((f) => !(MCP_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) return `unknown field ${unknown.map((f) => `{${f}}`).join(', ')} (known: ${MCP_FIELDS.map((f) => `{${f}}`).join(' ')})`;
  if (fields.length === 0) return `names no field, so it gives the CLI no server (e.g. "--mcp-config={mcp_config}")`;
  return null;
}
