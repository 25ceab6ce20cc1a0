import { isLimited, type AgentState, type Entry } from './agent-state.js';
import { usageLimitBanner } from './reset-time.js';

export interface ScreenSize {
  columns: number;
  rows: number;
}

/** A whole screen: exactly `rows` lines of at most `columns` characters, and where the cursor goes. */
export interface Frame {
  lines: string[];
  cursor: { row: number; col: number };
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const SPINNER_FRAME_MS = 100;
/** Status line, three rows of input box, footer. */
const BOTTOM_ROWS = 5;

/**
 * Lay out the agent's screen. Pure. Characters are counted as one cell each
 * (the demo writes no wide characters itself; pasted CJK text may misalign the box border).
 */
export function renderScreen(state: AgentState, size: ScreenSize, now: number): Frame {
  const width = Math.max(1, size.columns);
  const height = Math.max(1, size.rows);
  const conversationRows = Math.max(0, height - BOTTOM_ROWS);

  const conversation = conversationLines(state.entries, width);
  const visible = conversation.slice(Math.max(0, conversation.length - conversationRows));
  while (visible.length < conversationRows) visible.push('');

  const box = inputBox(state.input, width);
  const bottom = [statusLine(state, now), ...box.lines, `demo · model ${state.model} · session ${state.sessionId}`];
  const all = [...visible, ...bottom].map((line) => clip(line, width));
  const lines = all.slice(all.length - height);
  const boxRow = height - 3;
  return { lines, cursor: { row: Math.max(0, Math.min(height - 1, boxRow)), col: Math.min(width - 1, box.cursorCol) } };
}

/** The line between the conversation and the input box: what the agent is busy with or blocked on. */
export function statusLine(state: AgentState, now: number): string {
  const mode = state.mode;
  if (mode.kind === 'thinking') {
    const elapsed = Math.max(0, now - mode.startedAt);
    const frame = SPINNER[Math.floor(elapsed / SPINNER_FRAME_MS) % SPINNER.length]!;
    return `${frame} Thinking… (${Math.floor(elapsed / 1000)}s · esc to interrupt)`;
  }
  if (mode.kind === 'asking') return `? ${mode.question} [y/n]`;
  if (isLimited(state, now)) return usageLimitBanner(new Date(state.limitedUntil!));
  return '';
}

/** Entries as screen lines: prompts as `> text`, replies as `● text`, a blank line before each prompt. */
export function conversationLines(entries: readonly Entry[], width: number): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.kind === 'prompt' && lines.length > 0) lines.push('');
    const marker = entry.kind === 'prompt' ? '> ' : entry.kind === 'reply' ? '● ' : '';
    const indent = ' '.repeat(marker.length);
    entry.text.split('\n').forEach((textLine, index) => {
      lines.push(...wrapLine(textLine, width - marker.length).map((part, partIndex) => (index === 0 && partIndex === 0 ? marker : indent) + part));
    });
  }
  return lines;
}

/** Break a line into pieces of at most `width` characters, at spaces when there is one. */
export function wrapLine(text: string, width: number): string[] {
  const chars = Array.from(text);
  if (width < 1) return [text];
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > width) {
    let cut = start + width;
    const space = chars.lastIndexOf(' ', cut);
    if (space > start) cut = space;
    parts.push(chars.slice(start, cut).join(''));
    start = cut;
    if (chars[start] === ' ') start += 1;
  }
  parts.push(chars.slice(start).join(''));
  return parts;
}

/** `╭─╮ │ > text │ ╰─╯`, showing the end of the text when it is longer than the box. */
function inputBox(input: string, width: number): { lines: string[]; cursorCol: number } {
  const inner = Math.max(0, width - 2);
  const room = Math.max(0, width - 6);
  // Pasted newlines stay in the prompt but the box shows one line.
  const flat = Array.from(input.replace(/\r?\n/g, ' '));
  // Keep one cell free after the text so the cursor stays inside the box.
  const shown = flat.slice(Math.max(0, flat.length - Math.max(0, room - 1))).join('');
  const middle = `│ > ${shown.padEnd(room)} │`;
  return {
    lines: [`╭${'─'.repeat(inner)}╮`, middle, `╰${'─'.repeat(inner)}╯`],
    cursorCol: 4 + Array.from(shown).length,
  };
}

function clip(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : chars.slice(0, width).join('');
}
