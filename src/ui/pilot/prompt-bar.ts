/**
 * The pilot view's prompt bar: a small multi-line editor with a history of sent prompts.
 * Pure: every key gives a new bar (`editBar`); the cockpit sends what `submitBar` returns
 * and draws the bar with prompt-bar-view.ts.
 *
 * `cursor` is an index into `text` (UTF-16 units, always on a code point boundary). Lines are
 * separated by '\n'; a pasted '\r\n' or '\r' becomes '\n'.
 */

export interface PromptBar {
  text: string;
  cursor: number;
  /** prompts sent before, oldest first */
  history: readonly string[];
  /** the history entry shown while browsing with Up/Down; null: the text is the user's own */
  at: number | null;
  /** what was typed before browsing began, given back by Down past the newest entry */
  draft: string;
}

export type BarEdit =
  | { type: 'insert'; text: string }
  | { type: 'newline' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  /** a line up, or the previous prompt of the history on the first line */
  | { type: 'up' }
  /** a line down, or the next prompt of the history (then the draft) on the last line */
  | { type: 'down' }
  /** delete from the start of the line to the cursor */
  | { type: 'kill-line' };

/** How many prompts the history keeps. */
export const MAX_HISTORY = 200;

export function emptyBar(history: readonly string[] = []): PromptBar {
  return { text: '', cursor: 0, history: history.slice(-MAX_HISTORY), at: null, draft: '' };
}

/** Line breaks of any terminal made '\n'; other control characters but tabs dropped. */
export function cleanInput(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code point boundary before `i`. */
function before(text: string, i: number): number {
  if (i <= 0) return 0;
  return i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) ? i - 2 : i - 1;
}

/** The code point boundary after `i`. */
function after(text: string, i: number): number {
  if (i >= text.length) return text.length;
  return i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

/** Code points from the line's start to `i`: the column Up/Down keep. */
function column(text: string, i: number): number {
  return [...text.slice(lineStart(text, i), i)].length;
}

/** The index `col` code points into the line starting at `start` (its end when shorter). */
function atColumn(text: string, start: number, col: number): number {
  const end = lineEnd(text, start);
  let i = start;
  for (let n = 0; n < col && i < end; n++) i = after(text, i);
  return i;
}

/** An edit by the user: the text is theirs now (browsing the history stops). */
function edited(bar: PromptBar, text: string, cursor: number): PromptBar {
  return { ...bar, text, cursor, at: null };
}

function recall(bar: PromptBar, at: number | null): PromptBar {
  const text = at === null ? bar.draft : bar.history[at]!;
  return { ...bar, text, cursor: text.length, at, draft: bar.at === null ? bar.text : bar.draft };
}

export function editBar(bar: PromptBar, edit: BarEdit): PromptBar {
  const { text, cursor } = bar;
  switch (edit.type) {
    case 'insert': {
      const add = cleanInput(edit.text);
      return add ? edited(bar, text.slice(0, cursor) + add + text.slice(cursor), cursor + add.length) : bar;
    }
    case 'newline':
      return edited(bar, `${text.slice(0, cursor)}\n${text.slice(cursor)}`, cursor + 1);
    case 'backspace': {
      if (cursor === 0) return bar;
      const from = before(text, cursor);
      return edited(bar, text.slice(0, from) + text.slice(cursor), from);
    }
    case 'delete': {
      if (cursor >= text.length) return bar;
      return edited(bar, text.slice(0, cursor) + text.slice(after(text, cursor)), cursor);
    }
    case 'left':
      return { ...bar, cursor: before(text, cursor) };
    case 'right':
      return { ...bar, cursor: after(text, cursor) };
    case 'home':
      return { ...bar, cursor: lineStart(text, cursor) };
    case 'end':
      return { ...bar, cursor: lineEnd(text, cursor) };
    case 'kill-line': {
      const start = lineStart(text, cursor);
      return start === cursor ? bar : edited(bar, text.slice(0, start) + text.slice(cursor), start);
    }
    case 'up': {
      const start = lineStart(text, cursor);
      if (start > 0) {
        const prevStart = lineStart(text, start - 1);
        return { ...bar, cursor: atColumn(text, prevStart, column(text, cursor)) };
      }
      if (bar.history.length === 0) return bar;
      return recall(bar, bar.at === null ? bar.history.length - 1 : Math.max(0, bar.at - 1));
    }
    case 'down': {
      const end = lineEnd(text, cursor);
      if (end < text.length) return { ...bar, cursor: atColumn(text, end + 1, column(text, cursor)) };
      if (bar.at === null) return bar;
      return recall(bar, bar.at + 1 < bar.history.length ? bar.at + 1 : null);
    }
  }
}

/**
 * Enter: the prompt to send (null when there is nothing but blanks), and the bar after it —
 * empty, with the prompt at the end of its history (not twice in a row).
 */
export function submitBar(bar: PromptBar): { prompt: string | null; bar: PromptBar } {
  if (bar.text.trim() === '') return { prompt: null, bar };
  const history = bar.history.at(-1) === bar.text ? bar.history : [...bar.history, bar.text].slice(-MAX_HISTORY);
  return { prompt: bar.text, bar: emptyBar(history) };
}

/** A prompt that could not be sent comes back into the bar, to fix or send again. */
export function restorePrompt(bar: PromptBar, prompt: string): PromptBar {
  if (bar.text !== '') return bar; // the user typed something new meanwhile: keep it
  return { ...bar, text: prompt, cursor: prompt.length, at: null };
}
