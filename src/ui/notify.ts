import type { UiConfig } from '../config/types.js';
import type { AttentionReason } from './attention.js';

/** The longest notification text sent; terminals show a line, not an essay. */
const MAX_TEXT = 200;

/** What the notification says, e.g. "hangar: builder is idle". */
export function notificationText(name: string, reason: AttentionReason): string {
  return `hangar: ${name} ${reason === 'idle' ? 'is idle' : 'needs input'}`;
}

/**
 * Text safe inside an OSC string: no C0 or C1 controls (an ESC or BEL in an agent's name would
 * end the sequence early and let the rest reach the terminal as commands), bounded length.
 */
export function sanitizeNotification(text: string): string {
  return [...text.replace(/[\x00-\x1f\x7f-\x9f]/g, '')].slice(0, MAX_TEXT).join('');
}

/**
 * The bytes `[ui] notify` writes to the outer terminal for an agent that wants a person: BEL,
 * an OSC 9 desktop notification, or nothing — nothing for 'none', no reason, or the focused agent.
 */
export function notification(mode: UiConfig['notify'], name: string, reason: AttentionReason | null, focused: boolean): string {
  if (reason === null || focused) return '';
  switch (mode) {
    case 'bell':
      return '\x07';
    case 'osc9':
      return `\x1b]9;${sanitizeNotification(notificationText(name, reason))}\x07`;
    case 'none':
      return '';
  }
}
