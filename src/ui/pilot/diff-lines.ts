/** Tab stops in the diff view. */
const TAB = 4;

/** One tab expanded to the next stop, so columns line up and the compositor gets no control characters. */
function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

/** A unified diff as the diff view's lines: tabs expanded, control characters gone, a note when it was cut. */
export function diffLines(text: string, truncated: boolean): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const shown = lines.map((l) => expandTabs(l).replace(/[\x00-\x1f\x7f]/g, ''));
  if (shown.length === 0) shown.push('(no changes in the files)');
  if (truncated) shown.push('… (the diff is cut here; hangar diff NAME LABEL --stat lists every file)');
  return shown;
}
