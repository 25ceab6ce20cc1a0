/**
 * The cockpit's side of the kept view (protocol/fleet-view.ts): read once when it attaches,
 * reported to the server each time it changes after that, so the next `hangar attach` comes
 * back to it. The server holds the view; this remembers only what it last reported, to send
 * each change once.
 */
import type { FleetClient } from '../client/fleet-client.js';
import { isFleetView, type FleetView } from '../protocol/fleet-view.js';
import type { ViewState, ViewStore } from './view-store.js';

/** The parts of the view state the server keeps. */
export function fleetViewOf(state: ViewState): FleetView {
  return { layout: state.layout, zoomed: state.zoomed, focus: state.focus, pilot: state.pilot?.name ?? null };
}

/** A kept view put back: layout, zoom and focus (the pilot view is opened by the cockpit, through the server). */
export function withKeptView(view: FleetView): Partial<ViewState> {
  return { layout: view.layout, zoomed: view.zoomed, focus: view.focus };
}

export class ViewReport {
  private last: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: ViewStore,
    private readonly client: FleetClient,
  ) {}

  /** The view kept for this fleet; null when there is none (nothing reported yet, or a server that keeps none). */
  async read(): Promise<FleetView | null> {
    try {
      const { view } = await this.client.request('view');
      return isFleetView(view) ? view : null;
    } catch {
      return null; // the cockpit opens in its default view, as before views were kept
    }
  }

  /** From now on report every change; `kept` is what the server holds now (reported at once if the view differs). */
  follow(kept: FleetView | null): void {
    this.last = kept ? JSON.stringify(kept) : null;
    this.unsubscribe = this.store.subscribe((state) => this.report(state));
    this.report(this.store.getState());
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private report(state: ViewState): void {
    const view = fleetViewOf(state);
    const key = JSON.stringify(view);
    if (key === this.last) return;
    this.last = key;
    // a view that could not be kept costs the next attach its view, not this cockpit anything
    this.client.request('set-view', { view }).catch(() => {});
  }
}
