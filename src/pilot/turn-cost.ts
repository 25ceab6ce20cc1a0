/**
 * What a turn cost: the amount the session records state, else its tokens priced by the model
 * registry (models/price.ts: built-in catalog < imported catalog < [model.NAME] and
 * [price.NAME]); unknown otherwise — a guess would be worse than nothing. Pure.
 *
 * The price is the one for the model the records name (else the agent's model), found by id,
 * alias or as a dated id (models/registry.ts). A model the records name and the registry does not
 * price has no cost, even if the agent's model is priced. A turn's tokens add up many requests,
 * so no long-context tier applies to them.
 */
import type { ModelRegistry } from '../models/registry.js';
import { priceFor } from '../models/price.js';
import type { TurnRecords } from './session-records.js';

export function turnCost(turn: TurnRecords, registry: ModelRegistry, agentModel: string): number | undefined {
  if (turn.costUsd !== null) return turn.costUsd;
  if (!turn.sawUsage) return undefined;
  return priceFor(registry, turn.model ?? agentModel, turn.usage)?.usd;
}
