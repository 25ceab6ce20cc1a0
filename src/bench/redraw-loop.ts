/**
 * (f)'s busy agent: a program that redraws like an ink app at work (Claude Code, Codex, Gemini
 * CLI): every 80 ms it erases its last frame with log-update's erase-lines (erase line, cursor
 * up, …, cursor to column 1) and writes 12 rows again — the tail of a transcript, a blank row,
 * a spinner line with a timer, a token count and "esc to interrupt" whose word shimmers in
 * truecolor, the input box and a footer. Colours are 256-colour and truecolor SGR, as those
 * apps draw them. A new transcript line arrives every ~1 s, so the tail scrolls now and then.
 * Run as `node dist/bench/redraw-loop.js [NAME]` (the digits of NAME, e.g. a pane's p3, vary its
 * text); it redraws until killed.
 */
const FRAME_MS = 80;
const ROWS = 12;
const TAIL = 6;
const SPINNER = ['·', '✢', '✳', '✶', '✻', '✽', '✻', '✶', '✳', '✢'];
const WORDS = ['Thinking', 'Reading', 'Editing', 'Running tests', 'Searching'];
const TOOL_LINES = [
  ['Read', 'src/session/screen.ts'],
  ['Edit', 'src/ui/compositor/pane-cells.ts'],
  ['Bash', 'npm test -- test/ui'],
  ['Grep', '"frameFor" in src/'],
  ['Write', 'docs/PERFORMANCE.md'],
];

const ESC = '\x1b[';
const reset = `${ESC}0m`;
const fg256 = (n: number) => `${ESC}38;5;${n}m`;
const fgRgb = (r: number, g: number, b: number) => `${ESC}38;2;${r};${g};${b}m`;
const bold = `${ESC}1m`;
const dim = `${ESC}2m`;

/** log-update's eraseLines(count): erase each line going up, then to column 1. */
function eraseLines(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `${ESC}2K${i < count - 1 ? `${ESC}1A` : ''}`;
  return count > 0 ? `${out}${ESC}G` : '';
}

/** One transcript line: a tool call as the agents show it (a dot, the tool, its argument, a result). */
function transcriptLine(n: number): string {
  const [tool, arg] = TOOL_LINES[n % TOOL_LINES.length]!;
  return `${fg256(114)}⏺${reset} ${bold}${tool}${reset}(${fg256(75)}${arg}${reset}) ${dim}⎿  ${n % 3 === 0 ? 'done' : `${(n * 37) % 400} lines`}${reset}`;
}

/** The word with a truecolor shimmer moving along it, as Claude Code's spinner word. */
function shimmer(word: string, frame: number): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const glow = Math.max(0, 1 - Math.abs(i - (frame % (word.length + 6)) + 3) / 3);
    out += `${fgRgb(215 + Math.round(40 * glow), 119 + Math.round(100 * glow), 87 + Math.round(120 * glow))}${word[i]}`;
  }
  return out + reset;
}

/** The frame's rows; the transcript's tail gives way in a pane of fewer than ROWS + 1 rows, as ink's output fits its terminal. */
function frameRows(frame: number, seed: number, width: number, height: number): string[] {
  const arrived = Math.floor(frame / 12) + seed;
  const tailRows = Math.max(0, Math.min(TAIL, height - 1 - (ROWS - TAIL)));
  const tail = Array.from({ length: tailRows }, (_, i) => transcriptLine(arrived + i));
  const seconds = Math.floor((frame * FRAME_MS) / 1000);
  const word = WORDS[(seed + Math.floor(frame / 60)) % WORDS.length]!;
  const spinner = `${fgRgb(215, 119, 87)}${SPINNER[frame % SPINNER.length]}${reset} ${shimmer(`${word}…`, frame)} ${dim}(${seconds}s · esc to interrupt · ↑ ${(1.2 + frame * 0.013).toFixed(1)}k tokens)${reset}`;
  const inner = Math.max(4, Math.min(60, width - 2));
  const box = `${fg256(244)}╭${'─'.repeat(inner)}╮${reset}`;
  const input = `${fg256(244)}│${reset} > ${' '.repeat(inner - 3)}${fg256(244)}│${reset}`;
  const footer = `${fg256(244)}╰${'─'.repeat(inner)}╯${reset}`;
  const hint = `  ${fg256(141)}⏵⏵ accept edits on${reset} ${dim}(shift+tab to cycle)${reset}`;
  return [...tail, '', spinner, box, input, footer, hint].slice(0, ROWS).map((row) => fit(row, width));
}

/** The row cut to `width` columns (escape sequences take none), as ink's truncate does: ink's output never wraps. */
function fit(row: string, width: number): string {
  let out = '';
  let columns = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\x1b') {
      const end = row.indexOf('m', i);
      out += row.slice(i, end + 1);
      i = end;
    } else if (columns < width) {
      out += row[i];
      columns++;
    }
  }
  return out;
}

function main(): void {
  const seed = Number(/\d+/.exec(process.argv[2] ?? '')?.[0] ?? 0);
  let frame = 0;
  let drawn = 0;
  const draw = () => {
    const rows = frameRows(frame++, seed, process.stdout.columns || 80, process.stdout.rows || ROWS + 1);
    process.stdout.write(eraseLines(drawn) + rows.join('\n'));
    drawn = rows.length;
  };
  process.stdout.write(`${ESC}?25l`); // ink hides the cursor while it draws
  draw();
  setInterval(draw, FRAME_MS);
}

main();
