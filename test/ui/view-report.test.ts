import { describe, expect, it } from 'vitest';
import type { FleetClient } from '../../src/client/fleet-client.js';
import type { FleetView } from '../../src/protocol/fleet-view.js';
import { ViewReport, fleetViewOf, withKeptView } from '../../src/ui/view-report.js';
import { createViewStore, withEvent } from '../../src/ui/view-store.js';

/** A client that answers `view` with `kept` and records every `set-view`. */
function recordingClient(answer: () => Promise<unknown>) {
  const reported: unknown[] = [];
  const client = {
    request: (verb: string, args?: Record<string, unknown>) => {
      if (verb === 'view') return answer();
      reported.push(args?.view);
      return Promise.resolve({ view: args?.view });
    },
  } as unknown as FleetClient;
  return { client, reported };
}

const kept: FleetView = { layout: 'main-stack', zoomed: true, focus: 'scout', pilot: null };

describe('ViewReport: the view the server keeps for the next attach', () => {
  it('reads the kept view; none when the server has none, keeps none, or answers something else', async () => {
    const store = createViewStore();
    expect(await new ViewReport(store, recordingClient(async () => ({ view: kept })).client).read()).toEqual(kept);
    expect(await new ViewReport(store, recordingClient(async () => ({ view: null })).client).read()).toBeNull();
    expect(await new ViewReport(store, recordingClient(() => Promise.reject(new Error('unknown request "view"'))).client).read()).toBeNull();
    expect(await new ViewReport(store, recordingClient(async () => ({ view: { layout: 'spiral' } })).client).read()).toBeNull();
  });

  it('puts back layout, zoom and focus', () => {
    const store = createViewStore();
    store.setState(withKeptView(kept));
    expect(fleetViewOf(store.getState())).toEqual(kept);
  });

  it('reports each change of the view once, from when it follows, and nothing else', () => {
    const store = createViewStore();
    const { client, reported } = recordingClient(async () => ({ view: kept }));
    const report = new ViewReport(store, client);
    store.setState({ zoomed: true }); // before follow: the view is still being put back
    expect(reported).toEqual([]);
    store.setState(withKeptView(kept));
    report.follow(kept);
    expect(reported).toEqual([]); // the server holds this view already
    store.setState((s) => withEvent(s, 'a line of the event log'));
    store.setState({ message: 'a notice' });
    expect(reported).toEqual([]);
    store.setState({ zoomed: false });
    store.setState({ zoomed: false });
    store.setState({ focus: 'builder' });
    expect(reported).toEqual([
      { ...kept, zoomed: false },
      { ...kept, zoomed: false, focus: 'builder' },
    ]);
    report.dispose();
    store.setState({ layout: 'tiled' });
    expect(reported).toHaveLength(2);
  });

  it('reports at once a view that differs from the kept one (attach --pilot, nothing kept yet)', () => {
    const store = createViewStore();
    const { client, reported } = recordingClient(async () => ({ view: null }));
    store.setState({ focus: 'builder' });
    new ViewReport(store, client).follow(null);
    expect(reported).toEqual([{ layout: 'tiled', zoomed: false, focus: 'builder', pilot: null }]);
  });
});
