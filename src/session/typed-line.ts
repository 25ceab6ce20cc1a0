/**
 * The line a person types into an agent's pane, read from the keys themselves (the screen lags
 * behind fast typing and pastes): printable text collects, Backspace takes the last character
 * back, Ctrl-U / Ctrl-C clear it, escape sequences (arrows, bracketed-paste marks) are skipped,
 * and Enter hands the line over. Pure apart from the line it holds.
 */
// CSI / SS3 sequences, other ESC pairs, then single control characters
const TOKEN = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1bO.|\x1b.|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f\x1b]+/gs;

export class TypedLine {
  private line = '';

  /** Feed a chunk of input; returns the lines it submitted (usually none or one). */
  feed(data: string): string[] {
    const submitted: string[] = [];
    for (const token of data.match(TOKEN) ?? []) {
      if (token === '\r' || token === '\n') {
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
