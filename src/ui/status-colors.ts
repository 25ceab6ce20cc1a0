/**
 * The colours the cockpit gives the agents' statuses, by the names ink (chalk) knows them by:
 * the pane titles (chrome-paint.ts) and the status overlay (components/StatusOverlay.tsx) say
 * a status in the same colour.
 */
import type { SessionStatus } from '../protocol/messages.js';

/** The named colours the cockpit's own painting uses (chrome-paint.ts knows their SGR codes). */
export type UiColor = 'gray' | 'red' | 'green' | 'yellow' | 'magenta' | 'cyan' | 'redBright' | 'magentaBright' | 'cyanBright';

/** Colour of each status, so a glance tells working from waiting from broken. */
export const STATUS_COLORS: Record<SessionStatus, UiColor> = {
  starting: 'gray',
  working: 'yellow',
  idle: 'green',
  'needs-input': 'magentaBright',
  limited: 'red',
  stalled: 'red',
  exited: 'red',
  crashed: 'redBright',
  stopped: 'gray',
};
