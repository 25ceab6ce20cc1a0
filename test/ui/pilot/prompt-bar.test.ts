import { describe, expect, it } from 'vitest';
import { cleanInput, editBar, emptyBar, MAX_HISTORY, restorePrompt, submitBar, type BarEdit, type PromptBar } from '../../../src/ui/pilot/prompt-bar.js';

/** Apply edits in order; `|` in the result marks the cursor. */
function run(bar: PromptBar, ...edits: BarEdit[]): PromptBar {
  return edits.reduce(editBar, bar);
}
const shown = (bar: PromptBar) => `${bar.text.slice(0, bar.cursor)}|${bar.text.slice(bar.cursor)}`;
const type = (text: string): BarEdit => ({ type: 'insert', text });
const k = (t: Exclude<BarEdit['type'], 'insert'>): BarEdit => ({ type: t }) as BarEdit;

describe('the prompt bar: editing', () => {
  it('types at the cursor, moves left and right, deletes both ways', () => {
    const bar = run(emptyBar(), type('helo'), k('left'), type('l'), k('end'), k('backspace'), k('home'), k('delete'));
    expect(shown(bar)).toBe('|ell');
  });

  it('keeps a character outside the BMP whole when moving and deleting', () => {
    const bar = run(emptyBar(), type('a🚀b'), k('left'), k('left'));
    expect(shown(bar)).toBe('a|🚀b');
    expect(shown(editBar(bar, k('delete')))).toBe('a|b');
    expect(shown(run(bar, k('right'), k('backspace')))).toBe('a|b');
  });

  it('newline splits the line; Home and End work on the cursor\'s line', () => {
    const bar = run(emptyBar(), type('first second'), ...Array(6).fill(k('left')), k('newline'));
    expect(shown(bar)).toBe('first \n|second');
    expect(shown(editBar(bar, k('end')))).toBe('first \nsecond|');
    expect(shown(run(bar, k('up'), k('end')))).toBe('first |\nsecond');
    expect(shown(run(bar, k('up'), k('home')))).toBe('|first \nsecond');
  });

  it('Up and Down move between lines keeping the column, clamped to a shorter line', () => {
    const bar = run(emptyBar(), type('abcdef'), k('newline'), type('xy'), k('newline'), type('12345'));
    expect(shown(editBar(bar, k('up')))).toBe('abcdef\nxy|\n12345');
    expect(shown(run(bar, k('up'), k('up')))).toBe('ab|cdef\nxy\n12345');
    expect(shown(run(bar, k('up'), k('up'), k('down'), k('down')))).toBe('abcdef\nxy\n12|345');
  });

  it('C-u deletes from the start of the line to the cursor, and no further', () => {
    const bar = run(emptyBar(), type('keep'), k('newline'), type('drop this'), ...Array(4).fill(k('left')), { type: 'kill-line' });
    expect(shown(bar)).toBe('keep\n|this');
  });

  it('pasted line breaks become \\n; other control characters are dropped, tabs kept', () => {
    expect(cleanInput('a\r\nb\rc\nd\x1b[31m\te\x07')).toBe('a\nb\nc\nd[31m\te');
    expect(run(emptyBar(), type('one\r\ntwo')).text).toBe('one\ntwo');
  });
});

describe('the prompt bar: history', () => {
  const history = ['first prompt', 'second\nprompt'];

  it('Up on the first line recalls older prompts, Down newer ones, then the draft', () => {
    const bar = run(emptyBar(history), type('my draft'));
    const older = editBar(bar, k('up'));
    expect(older.text).toBe('second\nprompt');
    expect(older.cursor).toBe(older.text.length);
    // the recalled prompt has two lines: Up moves within it first
    expect(shown(editBar(older, k('up')))).toBe('second|\nprompt');
    const oldest = run(older, k('up'), k('up'));
    expect(oldest.text).toBe('first prompt');
    expect(editBar(oldest, k('up')).text).toBe('first prompt'); // no older one
    expect(run(oldest, k('down')).text).toBe('second\nprompt');
    expect(run(oldest, k('down'), k('down'), k('down')).text).toBe('my draft');
  });

  it('Down with no history browsing does nothing on the last line', () => {
    const bar = run(emptyBar(history), type('x'));
    expect(editBar(bar, k('down'))).toEqual(bar);
  });

  it('an edit to a recalled prompt makes it the user\'s own text', () => {
    const bar = run(emptyBar(history), k('up'), k('up'), k('up'), type('!'));
    expect(bar.at).toBeNull();
    expect(bar.text).toBe('first prompt!');
    expect(editBar(bar, k('up')).text).toBe('second\nprompt');
  });

  it('Enter: the prompt, and an empty bar with it at the end of the history (not twice in a row)', () => {
    const sent = submitBar(run(emptyBar(['a']), type('b')));
    expect(sent.prompt).toBe('b');
    expect(sent.bar).toMatchObject({ text: '', cursor: 0, at: null, history: ['a', 'b'] });
    const again = submitBar(run(sent.bar, k('up')));
    expect(again.prompt).toBe('b');
    expect(again.bar.history).toEqual(['a', 'b']);
  });

  it('Enter on blanks sends nothing', () => {
    const bar = run(emptyBar(), type('  '), k('newline'));
    expect(submitBar(bar)).toEqual({ prompt: null, bar });
  });

  it('keeps at most MAX_HISTORY prompts', () => {
    let bar = emptyBar();
    for (let i = 0; i <= MAX_HISTORY; i++) bar = submitBar(editBar(bar, type(`p${i}`))).bar;
    expect(bar.history).toHaveLength(MAX_HISTORY);
    expect(bar.history[0]).toBe('p1');
  });

  it('a prompt that could not be sent comes back, unless something new was typed meanwhile', () => {
    expect(shown(restorePrompt(emptyBar(), 'lost'))).toBe('lost|');
    const typing = editBar(emptyBar(), type('new'));
    expect(restorePrompt(typing, 'lost')).toBe(typing);
  });
});
