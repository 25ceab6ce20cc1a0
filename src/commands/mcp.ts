import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK } from '../cli/command.js';
import { HANGAR_VERSION } from '../fs/package-root.js';

const mcp: CommandSpec = {
  name: 'mcp',
  summary: "the fleet's agents as MCP tools, on stdin/stdout (for an orchestrator agent's CLI)",
  description:
    'An MCP server (stdio) whose tools act on this fleet through its running server: list, peek, converse, delegate, wait, keys. ' +
    "Each tool's arguments and errors are those of the request it makes (the same as the CLI's). " +
    'An agent of kind = "orchestrator" gets it with no setup (README, Orchestrator agents); run from an agent hangar started ' +
    '(HANGAR_AGENT set), the workers it delegates are marked as that agent\'s. ' +
    'Register it with an agent CLI yourself, e.g. `claude mcp add hangar -- hangar mcp --config /path/agents.toml`.',
  args: [],
  flags: [],
  examples: ['hangar mcp --config ~/fleet/agents.toml'],
  async run(ctx) {
    const client = await ctx.client();
    const { serveMcp } = await import('../mcp/stdio-server.js');
    // hangar sets HANGAR_AGENT for every agent it starts (and in an orchestrator's injected server): delegate marks workers with it
    const caller = ctx.io.env['HANGAR_AGENT'] || undefined;
    await serveMcp((verb, args) => client.request(verb, args as never), { version: HANGAR_VERSION, fleet: ctx.configPath, ...(caller ? { caller } : {}) });
    return EXIT_OK;
  },
};

export default mcp;
