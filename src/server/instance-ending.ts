/**
 * How a run that was brought down ends (`hangar down`, a signal): by the verdicts its workers
 * were ended with (`end` of the MCP tools: completed | failed, `<state_dir>/verdicts.jsonl`).
 * Each worker's last verdict counts — one ended twice was judged again. No verdict: `stopped`;
 * every worker's last one `completed`: `completed`; any `failed`: `failed`. Pure.
 */
import type { InstanceStatus } from '../protocol/instance-record.js';
import type { Verdict, VerdictRecord } from '../protocol/requests.js';

/** The verdicts of the run, in the order they were recorded (fleet/verdict-log.ts). */
export function closingStatus(verdicts: readonly Pick<VerdictRecord, 'name' | 'verdict'>[]): Extract<InstanceStatus, 'completed' | 'failed' | 'stopped'> {
  if (verdicts.length === 0) return 'stopped';
  const last = new Map<string, Verdict>();
  for (const v of verdicts) last.set(v.name, v.verdict);
  return [...last.values()].every((v) => v === 'completed') ? 'completed' : 'failed';
}
