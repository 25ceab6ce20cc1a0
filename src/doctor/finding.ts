/**
 * One line of `hangar doctor`: what was checked, how it stands, what was seen and what to do
 * about it. `fail` blocks the fleet (doctor exits 1); `warn` degrades it; `ok` needs nothing.
 */
export type FindingStatus = 'ok' | 'warn' | 'fail';

export interface Finding {
  check: string;
  status: FindingStatus;
  detail: string;
  /** what to do; null when there is nothing to do */
  fix: string | null;
}

export const ok = (check: string, detail: string): Finding => ({ check, status: 'ok', detail, fix: null });
export const warn = (check: string, detail: string, fix: string): Finding => ({ check, status: 'warn', detail, fix });
export const fail = (check: string, detail: string, fix: string): Finding => ({ check, status: 'fail', detail, fix });
