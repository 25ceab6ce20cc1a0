/**
 * What an instance's record counts as a turn (its `totals.turns`): an agent stopping work to wait —
 * idle, or asking — as its status shows it, for every agent whether piloted or not. Pure.
 */
export function endsATurn(prev: string, status: string): boolean {
  return prev === 'working' && (status === 'idle' || status === 'needs-input');
}
