/** A stretch of columns or rows. */
export interface Span {
  start: number;
  length: number;
}

/**
 * Cut `length` cells starting at `start` into `parts` adjacent spans as equal as cells allow;
 * the first `length % parts` spans get the extra cell, so the spans always add up exactly.
 */
export function splitSpan(start: number, length: number, parts: number): Span[] {
  const base = Math.floor(length / parts);
  const extra = length % parts;
  const spans: Span[] = [];
  let at = start;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < extra ? 1 : 0);
    spans.push({ start: at, length: size });
    at += size;
  }
  return spans;
}
