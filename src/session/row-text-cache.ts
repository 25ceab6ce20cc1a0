/**
 * A text of each visible row (its SGR text for the clients, its plain text for the status),
 * kept with the cell words it was built from. A busy TUI (an agent's spinner, its timer)
 * rewrites a dozen rows every frame but changes a few cells: rebuilding every row's text per
 * frame (each cell walked through xterm's public API) was the largest cost of a fleet of
 * redrawing panes. Comparing the words is a tight loop over
 * integers; a row whose words are the same is the same text, returned as the same string, so
 * the frame differ's comparison of it is immediate too. The words are all the text depends on
 * (lineWords gives none for a row whose side maps hold more), so a slot needs no invalidation
 * when the screen scrolls, resizes or switches buffers: other words, other text.
 */
export class RowTextCache {
  private readonly rows: Array<{ words: Uint32Array; text: string } | undefined> = [];

  /**
   * Row `y`'s text: the kept one while the first `count` of `words` (the row's cells,
   * xterm-cells.ts lineWords) are the same as when it was built, else `build()`'s. Without
   * words, or fewer than `count` (a row they do not describe, or an xterm that does not look as
   * expected), the text is built every time.
   */
  text(y: number, words: Uint32Array | null, count: number, build: () => string): string {
    if (words === null || words.length < count) {
      this.rows[y] = undefined;
      return build();
    }
    const kept = this.rows[y];
    if (kept && sameWords(kept.words, words, count)) return kept.text;
    const text = build();
    const copy = kept?.words.length === count ? kept.words : new Uint32Array(count);
    for (let i = 0; i < count; i++) copy[i] = words[i]!;
    this.rows[y] = { words: copy, text };
    return text;
  }
}

function sameWords(kept: Uint32Array, words: Uint32Array, count: number): boolean {
  if (kept.length !== count) return false;
  for (let i = 0; i < count; i++) if (kept[i] !== words[i]) return false;
  return true;
}
