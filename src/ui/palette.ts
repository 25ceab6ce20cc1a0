import { displayWidth } from '../terminal/text-width.js';
import type { OverlayState } from './view-store.js';

/**
 * The verbs the command palette (and C-b r, C-b x) offers and runs, given by whoever starts the
 * cockpit — the CLI's command table (cli/palette-verbs.ts) — so the cockpit knows no verb of its own.
 */
export interface PaletteVerbs {
  /** suggestions for what is typed so far: matching verbs with their usage */
  matches(input: string): string[];
  /** run a line (`restart builder`, `send adversary "look again"`) as a client of the same fleet; what it printed */
  run(line: string): Promise<{ ok: boolean; output: string }>;
}

/** Tab stops in a verb's output, as a terminal sets them. */
const TAB = 8;

/** A verb's output as plain lines: escape sequences and control characters gone, tabs expanded. */
function plainLines(text: string): string[] {
  const lines = text
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // CSI: colours, cursor moves
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, '') // OSC
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    let out = '';
    for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB - (displayWidth(out) % TAB)) : ch;
    return out.replace(/[\x00-\x1f\x7f]/g, '');
  });
}

/**
 * What the cockpit shows for a palette line's result: a one-line answer that fits in `noticeRoom`
 * columns of the bottom bar as a notice (restart, down, send); anything longer — status, peek,
 * events, checkpoints, diff, an error of several lines — whole, in an overlay that scrolls.
 */
export function paletteAnswer(line: string, result: { ok: boolean; output: string }, noticeRoom: number): { notice: string } | { overlay: Extract<OverlayState, { kind: 'output' }> } {
  const lines = plainLines(result.output);
  if (lines.length === 1 && displayWidth(lines[0]!) <= noticeRoom) return { notice: lines[0]! };
  const title = `: ${line.trim()}${result.ok ? '' : ' — failed'}`;
  return { overlay: { kind: 'output', title, lines, offset: 0, failed: !result.ok } };
}
