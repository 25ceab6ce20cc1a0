/**
 * A child's clipboard write: OSC 52 `ESC ] 52 ; Pc ; Pd ST`, where Pc names the selections
 * (c clipboard, p primary, q secondary, s select, 0–7 cut buffers; empty: xterm's default) and
 * Pd is the new contents in base64. xterm's headless emulator has no handler for it, so it was
 * dropped; the screen now reports it (session/screen.ts), and `[ui] clipboard` decides whether
 * it reaches the real terminal (ui/clipboard.ts, README: Clipboard). A query (Pd `?`) is never
 * answered: that would hand the person's clipboard to the child. Its size is bounded before it
 * gets here (session/string-sequence-limit.ts). The cockpit parses what the server sends again
 * with the same rule, so only these characters ever reach the real terminal inside the sequence.
 */
export interface ClipboardWrite {
  /** the selections named, as given (only the characters OSC 52 defines); '' for the default */
  selection: string;
  /** the contents, base64 ('' clears) */
  base64: string;
}

const SELECTION = /^[cpqs0-7]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The OSC 52 payload (after `52;`) as a write, or null for a query or anything malformed. */
export function parseClipboardWrite(data: string): ClipboardWrite | null {
  const semi = data.indexOf(';');
  if (semi < 0) return null;
  const selection = data.slice(0, semi);
  const base64 = data.slice(semi + 1);
  if (!SELECTION.test(selection) || !BASE64.test(base64) || base64.length % 4 !== 0) return null;
  return { selection, base64 };
}

/** The OSC 52 sequence that makes the same write on another terminal. */
export function clipboardSequence(write: ClipboardWrite): string {
  return `\x1b]52;${write.selection || 'c'};${write.base64}\x07`;
}
