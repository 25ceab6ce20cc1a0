/**
 * How a run that was brought down ends (`hangar down`, a signal): by the verdicts its workers
 * were ended with (`end` of the MCP tools: completed | failed, `<state_dir>/verdicts.jsonl`).
 * Each worker's last verdict counts — one ended twice was judged again. No verdict: `stopped`;
 * every worker's last one `completed`: `completed`; any `failed`: `failed`. Pure.
 */
import type { InstanceStatus } from '../protocol/instance-record.js';

export type Verdict = 'completed' | 'failed';

/** One worker ended with a verdict, in the order they were recorded. */
export interface VerdictEntry {
  agent: string;
  verdict: Verdict;
}

export function closingStatus(verdicts: readonly VerdictEntry[]): Extract<InstanceStatus, 'completed' | 'failed' | 'stopped'> {
  if (verdicts.length === 0) return 'stopped';
  const last = new Map<string, Verdict>();
  for (const v of verdicts) last.set(v.agent, v.verdict);
  return [...last.values()].every((v) => v === 'completed') ? 'completed' : 'failed';
}
