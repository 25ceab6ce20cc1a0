/**
 * The line a person types into an agent's pane, read from the keys themselves (the screen lags
 * behind fast typing and pastes): printable text collects, Backspace takes the last character
 * back, Ctrl-U / Ctrl-C clear it, escape sequences (arrows, function keys, mouse reports) are
 * skipped, and Enter hands the line over. Inside a bracketed paste (ESC[200~ … ESC[201~) a line
 * break is text: the program takes the paste as one input, so it is one line of several rows.
 * Pure apart from the line it holds.
 */
// an X10 mouse report (ESC [ M and three raw bytes), CSI (parameter bytes 0-? cover SGR mouse
// reports' '<'), SS3, other ESC pairs, then single control characters, then runs of text
const TOKEN = /\x1b\[M[\s\S]{3}|\x1b\[[0-?]*[ -/]*[@-~]|\x1bO.|\x1b.|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f\x1b]+/gs;
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export class TypedLine {
  private line = '';
  private pasting = false;

  /** Feed a chunk of input; returns the lines it submitted (usually none or one). */
  feed(data: string): string[] {
    const submitted: string[] = [];
    for (const token of data.match(TOKEN) ?? []) {
      if (token === PASTE_START || token === PASTE_END) {
        this.pasting = token === PASTE_START;
      } else if (token === '\r' || token === '\n') {
        if (this.pasting) {
          this.line += '\n';
          continue;
        }
        submitted.push(this.line.trim());
        this.line = '';
      } else if (token === '\x7f' || token === '\b') {
        this.line = [...this.line].slice(0, -1).join('');
      } else if (token === '\x15' || token === '\x03') {
        this.line = '';
      } else if (!token.startsWith('\x1b') && !/^[\x00-\x1f]$/.test(token)) {
        this.line += token;
      }
    }
    return submitted;
  }
}
