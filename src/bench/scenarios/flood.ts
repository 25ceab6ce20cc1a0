import type { BenchClock } from '../clock.js';
import type { Workbench } from '../subject.js';
import { atPromptEnd } from './echo-latency.js';

/** (a)/(c): the command of the issue; the marker only appears once the shell has evaluated it. */
const FLOOD_COMMAND = 'seq 1 1000000; echo DONE_$((1+1))';
const FLOOD_MARKER = 'DONE_2';

export interface FloodResult {
  /** from the keystrokes to DONE_2 on the outer screen */
  ms: number;
  /** bytes the subject wrote to the outer terminal in that time */
  bytes: number;
}

/** Type `command` + Enter into the focused pane; time it until `marker` shows on the outer screen. */
export async function measureFlood(bench: Workbench, clock: BenchClock, timeoutMs: number, command = FLOOD_COMMAND, marker = FLOOD_MARKER): Promise<FloodResult> {
  const { outer } = bench;
  const bytesBefore = outer.bytesWritten;
  const start = clock.now();
  outer.write(`${command}\r`);
  await outer.waitForText(marker, timeoutMs);
  const ms = clock.now() - start;
  const bytes = outer.bytesWritten - bytesBefore;
  // back at the prompt before the next scenario types
  await outer.waitFor('the prompt after the flood', () => atPromptEnd(outer), timeoutMs);
  return { ms, bytes };
}
