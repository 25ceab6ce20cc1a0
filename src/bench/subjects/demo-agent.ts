import { fileURLToPath } from 'node:url';
import type { OuterTerminal } from '../outer-terminal.js';

/** hangar's demo agent (bin/hangar-demo), the idle agent of the CPU scenario for every subject. */
export const DEMO_AGENT_BIN = fileURLToPath(new URL('../../../bin/hangar-demo', import.meta.url));
/** hangar's own launcher (bin/hangar). */
export const HANGAR_BIN = fileURLToPath(new URL('../../../bin/hangar', import.meta.url));

/** The demo agent's footer, shown once it is up and waiting at its prompt. */
export const DEMO_READY_TEXT = 'model demo-1';

/** How many times `text` shows on the outer screen (once per pane that shows it). */
export function countOnScreen(outer: OuterTerminal, text: string): number {
  let n = 0;
  for (const row of outer.rows()) n += row.split(text).length - 1;
  return n;
}
