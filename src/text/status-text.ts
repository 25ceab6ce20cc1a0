import { budgetPercent, type SessionInfo } from '../protocol/messages.js';

/** What follows a status word: `until 22:42` for a usage-limit hold, `(1)` for an exit code. */
export function statusDetail(a: Pick<SessionInfo, 'status' | 'until' | 'exitCode'>): string | undefined {
  if (a.until !== undefined) {
    const d = new Date(a.until);
    return `until ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
  if (a.status === 'exited' && a.exitCode !== null && a.exitCode !== undefined) return `(${a.exitCode})`;
  return undefined;
}

/** A status as a person reads it: `limited until 22:42`, `exited (1)`, `idle`. */
export function statusText(a: Pick<SessionInfo, 'status' | 'until' | 'exitCode'>): string {
  const detail = statusDetail(a);
  return detail ? `${a.status} ${detail}` : a.status;
}

/** A model as a person reads it: — for an agent whose backend takes none. */
export function modelText(model: string | null): string {
  return model ?? '—';
}

/** A cost in US dollars as a person reads it: cents from $1 on, four decimals below (a turn costs fractions of a cent). */
export function costText(usd: number): string {
  return `$${usd.toFixed(usd >= 1 ? 2 : 4)}`;
}

/**
 * An agent's budget as a badge: `$ 82%` (its budget_usd spent so far), `$ 104% held` once it is
 * held, `$ held (fleet)` when the fleet's budget holds it. `from`: the smallest percentage shown
 * (the pane title shows it from BUDGET_SHOWN_AT, the status table always); '' when there is nothing to show.
 */
export function budgetBadge(a: Pick<SessionInfo, 'budget' | 'held'>, from = 0): string {
  const b = a.budget;
  const percent = b ? budgetPercent(b.spent_usd, b.budget_usd) : null;
  const held = a.held === 'budget' ? ' held' : a.held === 'fleet-budget' ? ' held (fleet)' : '';
  if (held) return `$${percent !== null ? ` ${percent}%` : ''}${held}`;
  return percent !== null && percent >= from ? `$ ${percent}%` : '';
}
