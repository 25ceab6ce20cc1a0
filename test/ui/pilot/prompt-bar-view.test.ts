import { describe, expect, it } from 'vitest';
import { editBar, emptyBar, type PromptBar } from '../../../src/ui/pilot/prompt-bar.js';
import { barView } from '../../../src/ui/pilot/prompt-bar-view.js';

const bar = (text: string, cursor = text.length): PromptBar => ({ ...emptyBar(), text, cursor });

describe('barView', () => {
  it('puts the gutter on the first row and the cursor after the text', () => {
    expect(barView(bar('hello'), 20, 3)).toEqual({ lines: ['› hello'], cursor: { x: 7, y: 0 }, above: 0, below: 0 });
    expect(barView(emptyBar(), 20, 3).cursor).toEqual({ x: 2, y: 0 });
  });

  it('wraps long lines at the width and follows line breaks', () => {
    const view = barView(bar('abcdefgh\nij', 3), 6, 5);
    expect(view.lines).toEqual(['› abcd', '  efgh', '  ij']);
    expect(view.cursor).toEqual({ x: 5, y: 0 });
  });

  it('keeps a cursor after a full row on that row, one column past the text', () => {
    expect(barView(bar('abcd'), 6, 3)).toMatchObject({ lines: ['› abcd'], cursor: { x: 6, y: 0 } });
    expect(barView(bar('abcde'), 6, 3)).toMatchObject({ lines: ['› abcd', '  e'], cursor: { x: 3, y: 1 } });
  });

  it('gives wide characters two columns and never splits one', () => {
    const view = barView(bar('漢字漢字'), 7, 3);
    expect(view.lines).toEqual(['› 漢字', '  漢字']);
    expect(view.cursor).toEqual({ x: 6, y: 1 });
  });

  it('scrolls to keep the cursor in view, and counts the rows out of view', () => {
    const text = 'one\ntwo\nthree\nfour\nfive';
    expect(barView(bar(text), 20, 2)).toEqual({ lines: ['  four', '  five'], cursor: { x: 6, y: 1 }, above: 3, below: 0 });
    const top = editBar(editBar(editBar(editBar(editBar(bar(text), { type: 'up' }), { type: 'up' }), { type: 'up' }), { type: 'up' }), { type: 'home' });
    expect(barView(top, 20, 2)).toEqual({ lines: ['› one', '  two'], cursor: { x: 2, y: 0 }, above: 0, below: 3 });
  });

  it('shows a tab as one space', () => {
    expect(barView(bar('a\tb'), 20, 1).lines).toEqual(['› a b']);
  });
});
