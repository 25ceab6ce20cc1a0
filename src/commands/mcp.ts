import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK } from '../cli/command.js';
import { HANGAR_VERSION } from '../fs/package-root.js';

const mcp: CommandSpec = {
  name: 'mcp',
  summary: "the fleet's agents as MCP tools, on stdin/stdout (for an orchestrator agent's CLI)",
  description:
    'An MCP server (stdio) whose tools act on this fleet through its running server: list, peek, converse, delegate, wait, check, transcript, end, ask_human, keys. ' +
    "Each tool's arguments and errors are those of the request it makes (the same as the CLI's). ask_human asks as the agent in $HANGAR_AGENT (set in every agent's environment). " +
    'Register it with an agent CLI yourself, e.g. `claude mcp add hangar -- hangar mcp --config /path/agents.toml`.',
  args: [],
  flags: [],
  examples: ['hangar mcp --config ~/fleet/agents.toml'],
  async run(ctx) {
    const client = await ctx.client();
    const { serveMcp } = await import('../mcp/stdio-server.js');
    const caller = { agent: ctx.io.env.HANGAR_AGENT || null };
    await serveMcp((verb, args) => client.request(verb, args as never), { version: HANGAR_VERSION, fleet: ctx.configPath, caller });
    return EXIT_OK;
  },
};

export default mcp;
