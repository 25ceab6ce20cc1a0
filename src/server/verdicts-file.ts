/**
 * The workers' verdicts of the fleet, `<state_dir>/verdicts.jsonl` (fs/fleet-files.ts): one line
 * per `end` — `{"at": ISO, "agent": NAME, "verdict": "completed"|"failed", …}`. Read when a run
 * closes, only the lines of that run (from its start on). A line that is torn or of another
 * shape is passed over: a verdict the file does not hold clearly is no verdict.
 */
import { readFileSync } from 'node:fs';
import type { VerdictEntry } from './instance-ending.js';

/** The verdicts recorded at or after `since` (epoch ms), oldest first; none when there is no file. */
export function readVerdicts(path: string, since: number): VerdictEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: VerdictEntry[] = [];
  for (const line of text.split('\n')) {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const { at, agent, verdict } = v as Record<string, unknown>;
    const time = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : NaN;
    if (Number.isNaN(time) || time < since || typeof agent !== 'string') continue;
    if (verdict === 'completed' || verdict === 'failed') out.push({ agent, verdict });
  }
  return out;
}
