/**
 * Budgets kept between servers: `<state_dir>/budget.json` — each budget's raises (`hangar budget
 * --raise`) and its mark (the 80 % event given, the hold), for the fleet and per agent. What was
 * spent is not here: the usage ledger has it, so a new server holds an agent the moment it reads
 * its ledger, and the mark keeps it from saying so a second time. Written atomically on every
 * change; a file that does not parse is no saved budget (raises lost, said in an event).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseJsonObject } from '../fs/json-object.js';
import { NO_MARK, type BudgetMark, type BudgetRaise } from './budget.js';

/** One budget's saved state. */
export interface SavedBudget {
  mark: BudgetMark;
  raise?: BudgetRaise;
}

export interface SavedBudgets {
  fleet: SavedBudget;
  agents: Record<string, SavedBudget>;
}

const FILE_VERSION = 1;

export const NO_SAVED_BUDGETS: SavedBudgets = { fleet: { mark: NO_MARK }, agents: {} };

export function serializeBudgets(saved: SavedBudgets): string {
  return `${JSON.stringify({ version: FILE_VERSION, ...saved })}\n`;
}

const usd = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const usdOrNull = (x: unknown): x is number | null => x === null || usd(x);

function parseBudget(v: unknown): SavedBudget | null {
  if (typeof v !== 'object' || v === null) return null;
  const { mark, raise } = v as Record<string, unknown>;
  if (typeof mark !== 'object' || mark === null) return null;
  const { warnedFor, heldFor } = mark as Record<string, unknown>;
  if (!usdOrNull(warnedFor) || !usdOrNull(heldFor)) return null;
  const saved: SavedBudget = { mark: { warnedFor, heldFor } };
  if (raise === undefined) return saved;
  const r = raise as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || !usd(r['over']) || !usd(r['usd'])) return null;
  return { ...saved, raise: { over: r['over'], usd: r['usd'] } };
}

/** The saved budgets, or null when the text is not them (never throws). */
export function parseBudgets(text: string): SavedBudgets | null {
  const v = parseJsonObject(text);
  if (!v || v['version'] !== FILE_VERSION) return null;
  const fleet = parseBudget(v['fleet']);
  const agents = v['agents'];
  if (!fleet || typeof agents !== 'object' || agents === null || Array.isArray(agents)) return null;
  const out: Record<string, SavedBudget> = {};
  for (const [name, b] of Object.entries(agents)) {
    const parsed = parseBudget(b);
    if (!parsed) return null;
    out[name] = parsed;
  }
  return { fleet, agents: out };
}

/** The saved budgets: none when there is no file; null when the file is there but unreadable. */
export function readBudgets(path: string): SavedBudgets | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? NO_SAVED_BUDGETS : null;
  }
  return parseBudgets(text);
}

/** Throws what the file system throws. */
export function saveBudgets(path: string, saved: SavedBudgets): void {
  writeFileAtomic(path, serializeBudgets(saved));
}
