/**
 * The SGR text of each visible row, kept with the cell words it was built from. A busy TUI
 * (an agent's spinner, its timer) rewrites a dozen rows every frame but changes a few cells:
 * rebuilding every row's text per frame (rowToAnsi walks each cell through xterm's public API)
 * was the largest cost of a fleet of redrawing panes. Comparing the words is a tight loop over
 * integers; a row whose words are the same is the same text, returned as the same string, so
 * the frame differ's comparison of it is immediate too. The words are all the text depends on
 * (lineWords gives none for a row whose side maps hold more), so a slot needs no invalidation
 * when the screen scrolls, resizes or switches buffers: other words, other text.
 */
export class RowAnsiCache {
  private readonly rows: Array<{ words: Uint32Array; text: string } | undefined> = [];

  /**
   * Row `y`'s text: the kept one while `words` (the row's cells, xterm-cells.ts lineWords) are
   * the same as when it was built, else `build()`'s. Without words (a row they do not describe,
   * or an xterm that does not look as expected) the text is built every time.
   */
  text(y: number, words: Uint32Array | null, build: () => string): string {
    if (words === null) {
      this.rows[y] = undefined;
      return build();
    }
    const kept = this.rows[y];
    if (kept && sameWords(kept.words, words)) return kept.text;
    const text = build();
    const copy = kept?.words.length === words.length ? kept.words : new Uint32Array(words.length);
    copy.set(words);
    this.rows[y] = { words: copy, text };
    return text;
  }
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
