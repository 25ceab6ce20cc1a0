/**
 * The answer a person types into the pane of an agent that asks them something (`ask`):
 * while the question stands, the pane's keys edit this line instead of reaching the agent's
 * CLI. Printable text (pasted too) is added, Backspace takes the last character back, Ctrl-U
 * clears the line, Enter gives the answer (an empty line gives nothing). Other keys (arrows,
 * function keys, Ctrl-C) do nothing: the CLI is busy waiting on the answer. Pure.
 */

export interface AnswerStep {
  /** the line as it stands after these keys */
  line: string;
  /** Enter was pressed on a non-empty line: this is the answer (what followed it is dropped) */
  answer: string | null;
}

/** A CSI or SS3 sequence (an arrow, a function key, a paste bracket) at the start of `s`: its length. */
function escapeLength(s: string): number {
  const csi = /^\x1b\[[0-?]*[ -/]*[@-~]/.exec(s);
  if (csi) return csi[0].length;
  if (/^\x1bO./.test(s)) return 3;
  return s.length > 1 ? 2 : 1; // Alt+key, or a lone Escape
}

export function typeIntoAnswer(line: string, keys: string): AnswerStep {
  let out = line;
  for (let i = 0; i < keys.length; ) {
    const ch = keys[i]!;
    if (ch === '\x1b') {
      i += escapeLength(keys.slice(i));
      continue;
    }
    i += 1;
    if (ch === '\r' || ch === '\n') {
      if (out.trim()) return { line: '', answer: out.trim() };
      continue;
    }
    if (ch === '\x7f' || ch === '\b') out = [...out].slice(0, -1).join('');
    else if (ch === '\x15') out = '';
    else if (ch >= ' ') out += ch;
  }
  return { line: out, answer: null };
}
