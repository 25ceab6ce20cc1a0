import { charWidth } from './char-width.js';

/** The part of an xterm Terminal (headless or not) that measures characters. */
interface UnicodeHost {
  unicode: {
    register(provider: {
      readonly version: string;
      wcwidth(codepoint: number): 0 | 1 | 2;
      charProperties(codepoint: number, preceding: number): number;
    }): void;
    activeVersion: string;
  };
}

const MODERN_WIDTHS = 'hangar-modern';

/**
 * Make an emulator measure characters as modern terminals and agent CLIs do (emoji 2 wide,
 * xterm's default is Unicode 6), with the same table the cockpit's compositor uses — so a
 * pane row sent by the server lines up on the real terminal. Needs `allowProposedApi`.
 */
export function useModernWidths(terminal: UnicodeHost): void {
  terminal.unicode.register({
    version: MODERN_WIDTHS,
    wcwidth: (cp) => charWidth(cp),
    charProperties(cp, preceding) {
      // xterm packs (width << 1) | shouldJoin; a zero-width char joins the preceding cell
      let width: number = charWidth(cp);
      let join = width === 0 && preceding !== 0;
      if (join) {
        const before = (preceding >> 1) & 3;
        if (before === 0) join = false;
        else width = before;
      }
      return (width << 1) | (join ? 1 : 0);
    },
  });
  terminal.unicode.activeVersion = MODERN_WIDTHS;
}
