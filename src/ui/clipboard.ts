import type { UiConfig } from '../config/types.js';
import { clipboardSequence, parseClipboardWrite } from '../terminal/osc52.js';

/**
 * The bytes `[ui] clipboard` writes to the outer terminal for a child's clipboard write: its
 * OSC 52, only when the setting is on and the child is the focused pane's (the one the person
 * is looking at and typing into: like tmux's set-clipboard on, narrowed from "any pane of the
 * current window" to that one); otherwise nothing. README: Clipboard says why.
 */
export function clipboardPassage(mode: UiConfig['clipboard'], from: string, focused: string | null, selection: string, base64: string): string {
  if (mode !== 'on' || from !== focused) return '';
  const write = parseClipboardWrite(`${selection};${base64}`);
  return write ? clipboardSequence(write) : '';
}
