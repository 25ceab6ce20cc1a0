import { writeFileSync } from 'node:fs';
import type { BenchClock } from '../clock.js';
import type { Workbench } from '../subject.js';
import { measureFlood, type FloodResult } from './flood.js';

/** (g): lines of the coloured flood, as the issue asks. */
const COLOUR_FLOOD_LINES = 200_000;
const MARKER = 'COLOURED_2';

const ESC = '\x1b[';
const EXTENSIONS = [
  ['ts', '38;5;75'],
  ['md', '38;5;180'],
  ['png', '1;35'],
  ['sh', '1;32'],
  ['json', '38;2;230;192;123'],
] as const;

/**
 * One SGR-heavy line: a compiler diagnostic (bold path, yellow position, red or magenta
 * severity, grey code, a highlighted word) or an `ls --color -l` line (dim mode, a coloured
 * name, a truecolor size), the two kinds of coloured output a flood is usually made of.
 */
function colouredLine(n: number): string {
  if (n % 2 === 0) {
    const severity = n % 6 === 0 ? `${ESC}1;35mwarning${ESC}0m` : `${ESC}1;31merror${ESC}0m`;
    return `${ESC}1msrc/module${n % 97}/file${n % 13}.ts${ESC}0m:${ESC}33m${(n % 400) + 1}${ESC}0m:${ESC}33m${(n % 80) + 1}${ESC}0m - ${severity} ${ESC}90mTS${2300 + (n % 90)}:${ESC}0m Argument of type '${ESC}38;5;81mstring${ESC}0m' is not assignable to parameter of type '${ESC}38;5;81mnumber${ESC}0m'.`;
  }
  const [ext, colour] = EXTENSIONS[n % EXTENSIONS.length]!;
  return `${ESC}2m-rw-r--r--${ESC}0m 1 dev dev ${ESC}38;2;${100 + (n % 150)};200;120m${String((n * 7919) % 100_000).padStart(6)}${ESC}0m Dec  5 12:${String(n % 60).padStart(2, '0')} ${ESC}${colour}mentry_${n}.${ext}${ESC}0m`;
}

/** Write the flood's lines to `path` (once per run: every subject cats the same file). */
export function writeColourFlood(path: string, lines = COLOUR_FLOOD_LINES): void {
  const out: string[] = [];
  for (let n = 0; n < lines; n++) out.push(colouredLine(n));
  writeFileSync(path, out.join('\n') + '\n');
}

/** (g): `cat` the coloured lines in the focused pane, timed until the marker after them shows. */
export function measureColourFlood(bench: Workbench, clock: BenchClock, file: string, timeoutMs: number): Promise<FloodResult> {
  return measureFlood(bench, clock, timeoutMs, `cat ${file}; echo COLOURED_$((1+1))`, MARKER);
}
