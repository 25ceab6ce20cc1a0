import type { FleetEvent } from './messages.js';

/** What one connection asked to hear: fleet events, and the screens it is showing. */
export interface Subscription {
  events: boolean;
  screens: readonly string[];
}

/** Screen updates (and clipboard writes) go to those watching that screen; every other event to event listeners. */
export function wantsEvent(sub: Subscription, event: FleetEvent): boolean {
  if (event.type === 'screen') return sub.screens.includes(event.update.name);
  if (event.type === 'clipboard') return sub.screens.includes(event.name);
  return sub.events;
}
