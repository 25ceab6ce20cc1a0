/**
 * What a change of the view store redraws, decided from the two states alone. The cockpit
 * subscribes to the store and draws what this says, so no command has to remember to.
 * Badge changes (an agent's status) wait for a frame slot and for a pause in typing
 * (badge-redraw.ts); a key's effect on the chrome is drawn at once.
 */
import type { ViewState } from './view-store.js';

export interface ViewRedraws {
  chrome: 'now' | 'later' | null;
  overlay: boolean;
}

export function viewRedraws(prev: ViewState, next: ViewState): ViewRedraws {
  const keyed =
    prev.focus !== next.focus ||
    prev.message !== next.message ||
    prev.prefixActive !== next.prefixActive ||
    (prev.pilot === null) !== (next.pilot === null) ||
    prev.pilot?.part !== next.pilot?.part;
  const membersMoved = prev.members !== next.members;
  const overlay =
    prev.overlay !== next.overlay ||
    (next.overlay?.kind === 'events' && prev.events !== next.events) ||
    (next.overlay?.kind === 'status' && membersMoved);
  // a status and its attention marker are badges
  const badges = membersMoved || prev.attention !== next.attention;
  return { chrome: keyed ? 'now' : badges ? 'later' : null, overlay };
}
