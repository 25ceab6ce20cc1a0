/**
 * Is a phase done? agents.py's phase_done: the status file has a line starting with the
 * done_marker (`## DONE`) whose body — the next non-blank line — is real text, not one of
 * the placeholders a status template leaves under the heading ("Not yet.", "TBD", "<fill in
 * when done>", …). Pure: the caller reads the file.
 *
 * Where hangar is stricter than agents.py, on purpose (each one a way a template could be
 * taken for a finished phase):
 * - a marker with no body at all (the end of the file) is not DONE — "the heading plus a
 *   real body";
 * - a heading right under the marker is no body; then the text after the marker on its own
 *   line is the body (`## DONE — shipped 1.2` followed by the next section);
 * - a marker inside a fenced code block (an example in the template) does not count;
 * - `## DONE` must end at a word boundary, so `## DONEish` or `## DONE_CRITERIA` is no marker;
 * - list, quote and emphasis marks before a placeholder do not hide it ("- TBD", "_Not yet_").
 */

/** agents.py's DONE_PLACEHOLDER_RE, unchanged: a body starting like this is not a real body. */
export const DONE_PLACEHOLDER =
  /^\s*(not yet|not done|not complete|incomplete|pending\b|tbd\b|n\/?a\b|written here only|only when|to be (written|filled)|when all|<.*>)/i;

export type DoneVerdict =
  /** `line` is 1-based: where the marker is; `body` the first line under it */
  | { done: true; line: number; body: string }
  | { done: false; reason: string };

/** Markdown decoration that may precede a placeholder: list bullets, quotes, emphasis, brackets. */
const DECORATION = /^[\s>*+\-_(`[\]]+/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;

function isPlaceholder(body: string): boolean {
  return DONE_PLACEHOLDER.test(body) || DONE_PLACEHOLDER.test(body.replace(DECORATION, ''));
}

/** The marker starts the line and does not run on into a longer word. */
function startsWithMarker(line: string, marker: string): boolean {
  if (!line.startsWith(marker)) return false;
  const next = line.charAt(marker.length);
  return !(/\w$/.test(marker) && /\w/.test(next));
}

/** For each line: is it inside a fenced code block (or one of its fences)? */
function fencedLines(lines: readonly string[]): boolean[] {
  let fence: string | null = null;
  return lines.map((line) => {
    const mark = FENCE.exec(line)?.[1];
    if (fence === null) {
      if (mark) fence = mark;
      return mark !== undefined;
    }
    // a fence closes with a line of at least as many of the same character, and nothing else
    if (mark && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = null;
    return true;
  });
}

/** Decide DONE from a status file's text. Several markers: the first with a real body wins. */
export function judgeDone(text: string, marker: string): DoneVerdict {
  if (marker.trim() === '') return { done: false, reason: 'done_marker is empty' };
  const lines = text.split(/\r?\n/);
  const fenced = fencedLines(lines);
  let placeholder: { line: number; body: string } | null = null;
  let bodiless: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] || !startsWithMarker(lines[i]!, marker)) continue;
    // the body is the next non-blank line, whatever it is (a code block under the marker is
    // real text) — unless that is a heading or the end: then the text after the marker, if any
    const below = lines.slice(i + 1).find((l) => l.trim() !== '');
    const after = lines[i]!.slice(marker.length).replace(/^[\s:\-–—]+/, '');
    const body = below === undefined || HEADING.test(below) ? after || undefined : below;
    if (body === undefined) {
      bodiless ??= i + 1;
    } else if (isPlaceholder(body)) {
      placeholder ??= { line: i + 1, body: body.trim() };
    } else {
      return { done: true, line: i + 1, body: body.trim() };
    }
  }
  if (placeholder) return { done: false, reason: `"${marker}" at line ${placeholder.line} holds only a placeholder: ${JSON.stringify(placeholder.body)}` };
  if (bodiless !== null) return { done: false, reason: `"${marker}" at line ${bodiless} has nothing under it` };
  return { done: false, reason: `no "${marker}" line` };
}

export function isPhaseDone(text: string, marker: string): boolean {
  return judgeDone(text, marker).done;
}
