/**
 * Every agent's usage and cost, piloted or not: the records of each agent's one session-file
 * follower (session-feed.ts) become ledger entries (usage-entries.ts), kept once each in the
 * fleet's ledger (usage-ledger.ts), added up on demand (usage-totals.ts) with the prices of now.
 * `onChange` names an agent whose totals grew (the cockpit's titles follow it).
 */
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import type { ModelRegistry } from '../models/registry.js';
import type { SessionFeed } from './session-feed.js';
import { NO_USAGE_FOLD, usageEntries, type UsageFold } from './usage-entries.js';
import type { UsageLedger } from './usage-ledger.js';
import type { CostsBy } from '../protocol/requests.js';
import { knownCostOf, totalOf, totalsBy, type UsageTotal } from './usage-totals.js';

export class FleetUsage implements Disposable {
  private readonly folds = new Map<string, UsageFold>();
  private readonly changed = new Emitter<[string]>();
  private readonly store = new DisposableStore();

  /** An agent's totals grew. */
  readonly onChange = this.changed.event;

  /** `conversationId(name)`: the conversation the agent runs (Codex's usage is keyed by it). */
  constructor(
    private readonly ledger: UsageLedger,
    feed: SessionFeed,
    private readonly conversationId: (name: string) => string | null,
    private readonly prices: () => ModelRegistry,
    private readonly now: () => number = Date.now,
  ) {
    this.store.add(this.changed);
    this.store.add(
      feed.onRecords(({ name, records, history }) => {
        const read = usageEntries(name, this.conversationId(name), [...history, ...records], this.folds.get(name) ?? NO_USAGE_FOLD, this.now());
        this.folds.set(name, read.fold);
        if (this.ledger.add(read.entries).length > 0) this.changed.fire(name);
      }),
    );
  }

  /** The agent's usage and cost over everything the ledger keeps; null when it has no entry. */
  agent(name: string): UsageTotal | null {
    const mine = this.ledger.entriesOf(name);
    return mine.length === 0 ? null : totalOf(mine, this.prices());
  }

  /** USD the agent (the whole fleet when null) spent over everything the ledger keeps, where a cost is known: what budgets count. */
  spent(name: string | null): number {
    return knownCostOf(name === null ? this.ledger.entries() : this.ledger.entriesOf(name), this.prices());
  }

  /** The fleet's totals per agent, model or day, from `since` (epoch ms) on, and their sum. */
  totals(by: CostsBy, since: number | null): { rows: Array<{ key: string } & UsageTotal>; total: UsageTotal } {
    const entries = since === null ? this.ledger.entries() : this.ledger.entries().filter((e) => e.at >= since);
    return { rows: totalsBy(entries, by, this.prices()), total: totalOf(entries, this.prices()) };
  }

  dispose(): void {
    this.store.dispose();
  }
}
