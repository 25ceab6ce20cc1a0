/**
 * What each fleet event does to the cockpit, as a table by event type (the compiler checks
 * that every type has a row): statuses and attention markers, the event log, the pilot view's
 * word, clipboard writes, and member lists refreshed when titles change.
 */
import type { UiConfig } from '../config/types.js';
import type { FleetEvent } from '../protocol/messages.js';
import { attentionReason, type ResizeRedraws } from './attention.js';
import { clipboardPassage } from './clipboard.js';
import { eventLine } from './event-log.js';
import { notification } from './notify.js';
import { withEvent, withStatus, type ViewStore } from './view-store.js';

export interface FleetEventHost {
  readonly store: ViewStore;
  readonly ui: UiConfig;
  /** when each pane's pty last changed size: the redraw that follows is no finished turn */
  readonly resizes: ResizeRedraws;
  /** to the person's terminal (a bell, a notification, a clipboard write) */
  write(data: string): void;
  pilotEvent(e: FleetEvent): void;
  refreshMembers(): Promise<void>;
}

export type FleetEventHandlers = { readonly [T in FleetEvent['type']]: (e: Extract<FleetEvent, { type: T }>) => void };

export function fleetEventHandlers(host: FleetEventHost): FleetEventHandlers {
  const { store } = host;
  const logged = (e: Extract<FleetEvent, { type: 'started' | 'exit' | 'log' | 'watchdog' | 'pilot' | 'orchestration' }>) => {
    const line = eventLine(e);
    if (line !== null) store.setState((s) => withEvent(s, line));
    host.pilotEvent(e);
    // a start, an exit, a watchdog verdict (crashed, limited until …), an agent ended or asking changes the titles
    if (e.type !== 'log') void host.refreshMembers();
  };
  return {
    screen: () => undefined, // pane-layout.ts takes the screens it subscribed to
    status: (e) => {
      const { members, focus } = store.getState();
      const kind = members.find((m) => m.name === e.name)?.kind ?? '';
      const reason = attentionReason({ kind, prev: e.prev, status: e.status, resizeRedraw: host.resizes.statusChange(e.name, e.status, Date.now()) });
      store.setState((s) => withStatus(s, e.name, e.status, reason));
      // [ui] notify: a bell or a desktop notification on the outer terminal, beside the marker
      host.write(notification(host.ui.notify, e.name, reason, e.name === focus));
    },
    // [ui] clipboard: only the focused pane's program may write the person's clipboard
    clipboard: (e) => host.write(clipboardPassage(host.ui.clipboard, e.name, store.getState().focus, e.selection, e.base64)),
    started: logged,
    exit: logged,
    log: logged,
    watchdog: logged,
    pilot: logged,
    orchestration: logged,
    // an agent's cost grew: its title and the bar's total follow
    usage: () => void host.refreshMembers(),
  };
}
