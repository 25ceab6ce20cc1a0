import { BUILTIN_BACKENDS } from '../config/builtin-backends.js';
import type { BackendConfig } from '../config/types.js';
import { CliFailure } from '../cli/context.js';
import { renderTextTable } from '../cli/text-table.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';

/** One backend as `backends --json` prints it: every key with its value and where it came from. */
interface BackendView {
  name: string;
  builtin: boolean;
  keys: Record<string, { value: unknown; from: string }>;
}

/** A config view: it reads agents.toml (and the built-ins) only, so it needs no server. */
const backends: CommandSpec = {
  name: 'backends',
  summary: 'list the agent CLIs this config can run: the built-in ones and its own, each key with where it came from',
  description:
    'claude, codex, gemini, opencode and aider are built in: an agent with backend = "claude" needs no ' +
    '[backend.claude] block. A block of a built-in name changes only the keys it sets. Each key is shown ' +
    'with where its value came from: built-in, the config file and line, a --set or env override, or the ' +
    'default. The text lists the keys that are not defaults; --json lists every key.',
  args: [{ name: 'name', summary: 'show only this backend' }],
  flags: [JSON_FLAG],
  examples: ['hangar backends', 'hangar backends claude', 'hangar backends --json'],
  async run(ctx, parsed) {
    const { config, backendOrigins } = ctx.loadedConfig();
    const only = parsed.args.name as string | undefined;
    const names = Object.keys(config.backends).filter((n) => only === undefined || n === only);
    if (only !== undefined && names.length === 0) {
      throw new CliFailure(`no backend "${only}" (known: ${Object.keys(config.backends).sort().join(', ')})`, EXIT_FAILURE);
    }
    const views: BackendView[] = names.map((name) => {
      const backend = config.backends[name]!;
      const origins = backendOrigins[name] ?? {};
      const keys: BackendView['keys'] = {};
      for (const [key, from] of Object.entries(origins)) keys[key] = { value: backend[key as keyof BackendConfig] ?? null, from };
      return { name, builtin: name in BUILTIN_BACKENDS, keys };
    });
    if (ctx.json) {
      ctx.printJson({ backends: views });
      return EXIT_OK;
    }
    ctx.out(views.map(renderBackend).join('\n\n'));
    return EXIT_OK;
  },
};

function renderBackend(view: BackendView): string {
  const shown = Object.entries(view.keys).filter(([, k]) => k.from !== 'default');
  const written = shown.some(([, k]) => k.from !== 'built-in');
  const title = view.builtin ? `${view.name} (built-in${written ? ', changed by the config' : ''})` : view.name;
  const rows = shown.map(([key, k]) => [key, JSON.stringify(k.value), k.from]);
  return `${title}\n${renderTextTable(['KEY', 'VALUE', 'FROM'], rows)}`;
}

export default backends;
