/**
 * The reply of a turn, read off the screen as a person would: the lines on screen when the
 * turn ended that were not there when it began, minus the echo of the prompt itself and
 * the chrome that stays put (input box, footer). Works for full-screen TUIs that redraw
 * everything as well as for line-oriented programs.
 */
/** How long a shell or TUI prompt sign before an echoed prompt may be. */
const MAX_PROMPT_SIGN = 40;

export function extractTurnReply(before: readonly string[], after: readonly string[], prompt: string): string {
  const seen = new Map<string, number>();
  for (const line of before) {
    const key = line.trimEnd();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const promptKey = collapse(prompt);
  const fresh: string[] = [];
  for (const line of after) {
    const key = line.trimEnd();
    const count = seen.get(key) ?? 0;
    if (count > 0) {
      seen.set(key, count - 1);
      continue;
    }
    if (!key.trim()) {
      if (fresh.length) fresh.push('');
      continue;
    }
    // the prompt echoed back after a prompt sign (`> prompt`, `user@host:~$ prompt`, or bare)
    const collapsed = collapse(key);
    if (promptKey && collapsed.endsWith(promptKey) && collapsed.length - promptKey.length <= MAX_PROMPT_SIGN) continue;
    fresh.push(key);
  }
  while (fresh.length && !fresh[fresh.length - 1]!.trim()) fresh.pop();
  return fresh.join('\n');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
