/**
 * The reply of a turn, read off the screen as a person would: the lines on screen when the
 * turn ended that were not there when it began, minus the echo of the prompt itself and
 * the chrome that stays put (input box, footer). Works for full-screen TUIs that redraw
 * everything as well as for line-oriented programs.
 */

/** How long a shell or TUI prompt sign before an echoed prompt may be (`user@host:~$ `). */
const MAX_PROMPT_SIGN = 40;

export function extractTurnReply(before: readonly string[], after: readonly string[], prompt: string): string {
  const seen = new Map<string, number>();
  for (const line of before) {
    const key = line.trimEnd();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const fresh: string[] = [];
  for (const line of after) {
    const key = line.trimEnd();
    const count = seen.get(key) ?? 0;
    if (count > 0) {
      seen.set(key, count - 1);
      continue;
    }
    if (!key.trim() && !fresh.length) continue;
    fresh.push(key);
  }
  const reply = fresh.slice(promptEchoLength(fresh, prompt));
  while (reply.length && !reply[0]!.trim()) reply.shift();
  while (reply.length && !reply[reply.length - 1]!.trim()) reply.pop();
  return reply.join('\n');
}

/**
 * How many leading lines echo the prompt: the first after a prompt sign (`> `, `$ `), the
 * rest continuing it — whether the prompt had several lines or the screen wrapped a long one.
 */
function promptEchoLength(lines: readonly string[], prompt: string): number {
  const rest = collapse(prompt);
  if (!rest) return 0;
  let consumed = 0;
  let count = 0;
  for (const line of lines) {
    const text = collapse(line);
    if (!text) {
      if (count > 0 && consumed < rest.length) {
        count++; // a blank line inside a multi-line prompt
        continue;
      }
      break;
    }
    const expected = rest.slice(consumed);
    const at = count === 0 ? echoStart(text, expected) : expected.startsWith(text) ? 0 : -1;
    if (at < 0) break;
    consumed += text.length - at;
    if (rest[consumed] === ' ') consumed++; // the line break stood for a space (or split a word)
    count++;
    if (consumed >= rest.length) break;
  }
  return consumed > 0 ? count : 0;
}

/** Where in `line` the echo of `expected` begins (after a prompt sign), or -1. */
function echoStart(line: string, expected: string): number {
  for (let at = 0; at <= Math.min(MAX_PROMPT_SIGN, line.length - 1); at++) {
    const tail = line.slice(at);
    if (expected.startsWith(tail) && (tail.length >= Math.min(expected.length, 3))) return at;
  }
  return -1;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
