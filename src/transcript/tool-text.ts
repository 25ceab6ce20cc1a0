/**
 * What a transcript keeps of a tool call and its result: the argument that says what the call
 * does, and the result cut to a few lines. Pure.
 */
import { LINE_CHARS, RESULT_LINES } from './transcript-entry.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The input fields that say what a call does, most telling first (Claude Code, Codex and Gemini CLI tools). */
const KEY_FIELDS = ['command', 'cmd', 'file_path', 'absolute_path', 'notebook_path', 'pattern', 'query', 'url', 'path', 'description', 'prompt', 'paths'];

/** One line, at most LINE_CHARS characters (… marks a cut). */
function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  const chars = Array.from(flat);
  return chars.length > LINE_CHARS ? `${chars.slice(0, LINE_CHARS - 1).join('')}…` : flat;
}

/** The files an apply_patch input names (`*** Add File: x`, `*** Update File: y`, …). */
function patchFiles(patch: string): string | null {
  const files = [...patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm)].map((m) => m[1]!.trim());
  return files.length > 0 ? files.join(', ') : null;
}

/**
 * The argument that matters of a call's input: a shell command (an argv joined; `bash -lc X`
 * shown as X), a file path, a pattern… An input given as a JSON string (Codex's `arguments`)
 * is read as JSON; a patch shows the files it touches; anything else shows its first text field.
 */
export function keyArgument(input: unknown): string {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (trimmed.startsWith('{')) {
      try {
        return keyArgument(JSON.parse(trimmed));
      } catch {
        // not JSON: the text itself
      }
    }
    return oneLine(patchFiles(input) ?? input);
  }
  if (Array.isArray(input)) return oneLine(shellWords(input));
  if (!isRec(input)) return '';
  for (const key of KEY_FIELDS) {
    const v = input[key];
    if (typeof v === 'string' && v !== '') return oneLine(patchFiles(v) ?? v);
    if (Array.isArray(v) && v.length > 0) return oneLine(key === 'command' || key === 'cmd' ? shellWords(v) : v.map(String).join(', '));
  }
  const first = Object.values(input).find((v) => typeof v === 'string' && v !== '');
  return typeof first === 'string' ? oneLine(patchFiles(first) ?? first) : '';
}

/** An argv as one command line: a shell's `-c`/`-lc` script alone, else the words joined. */
function shellWords(argv: unknown[]): string {
  const words = argv.map(String);
  if (words.length === 3 && /(^|\/)(ba|z)?sh$/.test(words[0]!) && /^-l?c$/.test(words[1]!)) return words[2]!;
  return words.join(' ');
}

/** A result's text cut to RESULT_LINES lines of LINE_CHARS characters, and how many lines it had. */
export function cutResult(text: string): { text: string; lines: number } {
  const all = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  if (all.length === 1 && all[0] === '') return { text: '', lines: 0 };
  const kept = all.slice(0, RESULT_LINES).map((line) => {
    const chars = Array.from(line);
    return chars.length > LINE_CHARS ? `${chars.slice(0, LINE_CHARS - 1).join('')}…` : line;
  });
  return { text: kept.join('\n'), lines: all.length };
}

/** The text of a content value: a string, or the `text` of each block of a list (other blocks named in brackets). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return isRec(content) && typeof content['text'] === 'string' ? content['text'] : '';
  return content
    .map((block) => {
      if (typeof block === 'string') return block;
      if (!isRec(block)) return '';
      if (typeof block['text'] === 'string') return block['text'];
      return typeof block['type'] === 'string' ? `[${block['type']}]` : '';
    })
    .filter((t) => t !== '')
    .join('\n');
}
