import { DEFAULT_COLOR, type Color } from '../grid/color.js';
import { cursorMove } from './cursor-motion.js';
import { sgrTransition } from './sgr-transition.js';

/**
 * What the compositor believes the real terminal's cursor and pen are, and the bytes of the
 * frame being built. Every write goes through here so the belief stays true: the cursor
 * position after a character, SGR only when the pen changes, and "unknown" where a terminal
 * might differ (after the last column, whose wrap state varies).
 */
export class TerminalPen {
  private out = '';
  private x = 0;
  private y = 0;
  private positionKnown = false;
  private fg: Color = DEFAULT_COLOR;
  private bg: Color = DEFAULT_COLOR;
  private attrs = 0;
  /** null: unknown, e.g. before the first frame */
  cursorVisible: boolean | null = null;

  constructor(private cols: number) {}

  /** Forget everything about the terminal (after a resize, or when something else wrote). */
  reset(cols: number): void {
    this.cols = cols;
    this.positionKnown = false;
    this.cursorVisible = null;
    this.fg = DEFAULT_COLOR;
    this.bg = DEFAULT_COLOR;
    this.attrs = 0;
  }

  /** Reset the pen, home and erase the screen (the terminal then shows only blanks). */
  clearScreen(): void {
    this.out += '\x1b[0m\x1b[H\x1b[2J';
    this.fg = DEFAULT_COLOR;
    this.bg = DEFAULT_COLOR;
    this.attrs = 0;
    this.x = 0;
    this.y = 0;
    this.positionKnown = true;
  }

  isAt(x: number, y: number): boolean {
    return this.positionKnown && this.x === x && this.y === y;
  }

  moveTo(x: number, y: number): void {
    this.out += this.positionKnown ? cursorMove(x, y, this.x, this.y) : cursorMove(x, y);
    this.x = x;
    this.y = y;
    this.positionKnown = true;
  }

  style(fg: Color, bg: Color, attrs: number): void {
    if (fg === this.fg && bg === this.bg && attrs === this.attrs) return;
    this.out += sgrTransition(this.fg, this.bg, this.attrs, fg, bg, attrs);
    this.fg = fg;
    this.bg = bg;
    this.attrs = attrs;
  }

  /** Write one character of `width` columns at the cursor. */
  print(char: string, width: number): void {
    this.out += char;
    this.x += width;
    // At the right edge the cursor waits in a "pending wrap" state terminals disagree on.
    if (this.x >= this.cols) this.positionKnown = false;
  }

  showCursor(visible: boolean): void {
    if (this.cursorVisible === visible) return;
    this.out += visible ? '\x1b[?25h' : '\x1b[?25l';
    this.cursorVisible = visible;
  }

  /** The bytes so far, emptying the buffer. */
  take(): string {
    const out = this.out;
    this.out = '';
    return out;
  }
}
