/**
 * The MCP servers a demo agent is given with `--mcp-config`: Claude Code's shape, a JSON text
 * `{"mcpServers": {NAME: {command, args?, env?}}}` given inline or in a file (an argument that
 * starts with `{` is the JSON itself). Only stdio servers: the demo starts each as a child.
 * Pure: the caller reads the file.
 */
export interface McpServerSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

export type ParsedServers = { ok: true; servers: McpServerSpec[] } | { ok: false; error: string };

/** Whether the --mcp-config value is the JSON itself rather than a file's path. */
export function isInlineConfig(value: string): boolean {
  return value.trimStart().startsWith('{');
}

export function parseMcpConfig(text: string, source: string): ParsedServers {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `${source}: not JSON (${(err as Error).message})` };
  }
  const servers = isObject(data) ? data['mcpServers'] : undefined;
  if (!isObject(servers)) return { ok: false, error: `${source}: no "mcpServers" object` };
  const specs: McpServerSpec[] = [];
  for (const [name, entry] of Object.entries(servers)) {
    const where = `${source}: mcpServers.${name}`;
    if (!isObject(entry) || typeof entry['command'] !== 'string' || entry['command'] === '') return { ok: false, error: `${where}: needs a "command" (only stdio servers)` };
    const args = entry['args'] ?? [];
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return { ok: false, error: `${where}.args: must be a list of strings` };
    const env = entry['env'] ?? {};
    if (!isObject(env) || !Object.values(env).every((v) => typeof v === 'string')) return { ok: false, error: `${where}.env: must map names to strings` };
    specs.push({ name, command: entry['command'], args, env: env as Record<string, string> });
  }
  if (specs.length === 0) return { ok: false, error: `${source}: "mcpServers" names no server` };
  return { ok: true, servers: specs };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
