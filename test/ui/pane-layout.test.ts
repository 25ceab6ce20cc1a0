import { describe, expect, it } from 'vitest';
import type { FleetClient } from '../../src/client/fleet-client.js';
import type { FleetEvent, SessionInfo } from '../../src/protocol/messages.js';
import { ResizeRedraws } from '../../src/ui/attention.js';
import { Compositor } from '../../src/ui/compositor/index.js';
import { ANSWER_WINDOW_MS, PaneLayout } from '../../src/ui/pane-layout.js';
import { PaneScreens } from '../../src/ui/pane-screens.js';
import { createViewStore, withMembers } from '../../src/ui/view-store.js';

const member = (name: string, over: Partial<SessionInfo> = {}): SessionInfo => ({
  name, kind: 'persistent', backend: 'demo', model: 'demo-1', watch: 'heal', state: 'RUNNING',
  status: 'idle', pid: 100, restarts: 0, session: name, enabled: true, ...over,
});

/** The panes over a real compositor, with the server's screen updates handed in by hand. */
function setUp() {
  let now = 1000;
  const urgent: boolean[] = [];
  const store = createViewStore();
  const compositor = new Compositor(80, 24);
  const screens = new PaneScreens(compositor);
  const feeds: Array<(e: FleetEvent) => void> = [];
  const client = { subscribe: (_o: unknown, on: (e: FleetEvent) => void) => feeds.push(on), resize: () => undefined, input: () => undefined } as unknown as FleetClient;
  const layout = new PaneLayout({
    store, compositor, screens, client, resizes: new ResizeRedraws(),
    size: () => ({ cols: 80, rows: 24 }),
    pilot: () => ({ name: null, forget: () => undefined, place: () => undefined, mouse: () => false, paneHasKeys: () => false }),
    focus: () => undefined, paneEvent: () => undefined, wheel: async () => undefined, laidOut: () => undefined,
    queueFrame: (u) => urgent.push(u), now: () => now,
  });
  const show = (members: SessionInfo[]) => {
    store.setState((s) => withMembers(s, members));
    layout.relayout();
  };
  /** A full screen of `name` from the server: `text` on its first row. */
  const screen = (name: string, text: string) => {
    const frame = layout.frameOf(name)!;
    for (const feed of feeds) feed({ type: 'screen', update: { name, cols: frame.interior.width, rows: frame.interior.height, full: true, lines: [{ y: 0, text }], cursor: { x: 0, y: 0, visible: true } } });
  };
  /** What the compositor shows now, without the held rows a paced frame would take. */
  const drawnNow = () => {
    compositor.frame();
    return compositor.screen.text().join('\n');
  };
  const shownText = () => {
    screens.applyHeld(); // the paced rows of unfocused panes, as the next frame takes them
    compositor.frame();
    return compositor.screen.text().join('\n');
  };
  return { show, screen, shownText, drawnNow, layout, store, urgent, advance: (ms: number) => (now += ms) };
}

describe('PaneLayout', () => {
  it("takes a pane that is no longer shown out of the compositor: its cells do not stay under the panes that grow over them", () => {
    const { show, screen, shownText } = setUp();
    show([member('lead'), member('beta', { pid: 101 })]);
    screen('lead', 'lead says hi');
    screen('beta', 'BETA-WAS-HERE');
    expect(shownText()).toContain('BETA-WAS-HERE');
    // beta ended: stopped, no process — its pane closes and lead takes the whole width
    show([member('lead'), member('beta', { status: 'stopped', state: 'STOPPED', pid: null })]);
    const text = shownText();
    expect(text).toContain('lead says hi');
    expect(text).not.toContain('BETA-WAS-HERE');
  });

  it("draws the focused pane's frames at once only while they answer a key: an agent at work there waits for the paced frame", () => {
    const { show, screen, drawnNow, shownText, layout, store, urgent, advance } = setUp();
    show([member('lead'), member('beta', { pid: 101 })]);
    store.setState({ focus: 'lead' });
    const urgentOf = (name: string, text: string) => {
      urgent.length = 0;
      screen(name, text); // (the fake client hands it to every subscription: each pane's handler sees it)
      return urgent.includes(true);
    };
    expect(urgentOf('lead', 'spinner 1')).toBe(false); // nobody typed: the agent redraws on its own
    expect(drawnNow()).not.toContain('spinner 1');
    expect(shownText()).toContain('spinner 1'); // in the paced frame
    layout.forward('x');
    advance(5);
    expect(urgentOf('lead', 'typed x')).toBe(true);
    expect(drawnNow()).toContain('typed x');
    advance(ANSWER_WINDOW_MS);
    expect(urgentOf('lead', 'spinner 2')).toBe(false);
    layout.forward('y');
    expect(urgentOf('beta', 'beta works')).toBe(false); // not the pane typed into
  });
});
