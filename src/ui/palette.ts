import { CommandContext } from '../cli/context.js';
import { parseArgs, findCommand } from '../cli/parse-args.js';
import { COMMANDS } from '../commands/table.js';
import { displayWidth } from '../terminal/text-width.js';
import type { OverlayState } from './view-store.js';

/** Verbs the palette offers: every CLI verb except the ones that take over the terminal. */
const PALETTE_VERBS = COMMANDS.filter((c) => !['attach', 'logs', 'reset-terminal', 'help'].includes(c.name));

/** Split a palette line into words, honouring "double" and 'single' quotes. */
function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/** The palette's suggestions for what is typed so far: matching verbs with their usage. */
export function paletteMatches(input: string): string[] {
  const [first = ''] = splitWords(input);
  return PALETTE_VERBS.filter((c) => c.name.startsWith(first) || c.aliases?.some((a) => a.startsWith(first))).map((c) => `${c.name} ${c.args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`)).join(' ')} — ${c.summary}`);
}

/**
 * Run a palette line (`restart builder`, `send adversary "look again"`) through the same
 * command table as the CLI, as a client of the same fleet; returns what it printed.
 */
export async function runPaletteLine(line: string, configPath: string): Promise<{ ok: boolean; output: string }> {
  const words = splitWords(line);
  if (words.length === 0) return { ok: false, output: 'type a verb, e.g. restart builder' };
  let output = '';
  const sink = { write: (t: string) => void (output += t) };
  let ctx: CommandContext | undefined;
  try {
    const spec = findCommand(PALETTE_VERBS, words[0]!);
    // from the palette nothing takes over the terminal: `up` is always detached, `pilot` prints
    const extra = spec.name === 'up' ? ['-d'] : spec.name === 'pilot' ? ['--tree'] : [];
    const parsed = parseArgs(spec, [...words.slice(1), ...extra, '--config', configPath]);
    ctx = new CommandContext(parsed, { stdout: sink, stderr: sink, stdin: process.stdin, env: process.env });
    const code = await spec.run(ctx, parsed);
    return { ok: code === 0, output: output.trim() || `${spec.name}: done` };
  } catch (err) {
    return { ok: false, output: (output + (err instanceof Error ? err.message : String(err))).trim() };
  } finally {
    ctx?.close();
  }
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
