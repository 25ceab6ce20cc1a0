import type { McpServerCommand } from '../config/mcp-flags.js';
import { packagePath } from '../fs/package-root.js';

/**
 * What an orchestrator's CLI runs as hangar's MCP server: `hangar mcp` on this fleet's config,
 * by absolute paths (this node, hangar's own launcher) — an MCP client starts its servers with
 * an environment of its own choosing (Codex passes only a whitelist of its own), so nothing may
 * depend on PATH — and HANGAR_AGENT naming the orchestrator, so the workers it delegates are
 * marked as its own. A second copy of the fleet (`--instance`) names itself, so the tools reach
 * that copy and no other.
 */
export function hangarMcpCommand(configPath: string, agentName: string, instance = 'default'): McpServerCommand {
  const copy = instance === 'default' ? [] : ['--instance', instance];
  return { command: process.execPath, args: [packagePath('bin', 'hangar'), 'mcp', '--config', configPath, ...copy], env: { HANGAR_AGENT: agentName } };
}
