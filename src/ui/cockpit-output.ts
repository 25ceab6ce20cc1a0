/**
 * What the cockpit shows, out to the terminal: the chrome (painted only when its props change),
 * the overlay (ink, off-screen), and frames — urgent ones (echo, keys) at once, the rest
 * paced (frame-pacer.ts), badge changes gathered (badge-redraw.ts). The compositor writes only
 * the cells that differ.
 */
import { markKey } from '../base/key-trace.js';
import { renderToString } from 'ink';
import type { BindingRow } from '../keymap/index.js';
import { BadgeRedraw } from './badge-redraw.js';
import { ChromeCanvas } from './chrome-canvas.js';
import type { ChromeProps } from './chrome-props.js';
import type { Compositor, CursorPlacement } from './compositor/index.js';
import { FramePacer } from './frame-pacer.js';
import { parseAnsiFrame } from './grid/index.js';
import type { PaneFrame } from './layout/index.js';
import { overlayElement, overlayRect } from './overlay-view.js';
import { panePlacement } from './pane-placement.js';
import type { PaneScreens } from './pane-screens.js';
import type { TerminalIo } from './terminal-io.js';
import type { ViewStore } from './view-store.js';
import type { PaletteVerbs } from './palette.js';

export interface OutputHost {
  readonly store: ViewStore;
  readonly compositor: Compositor;
  readonly screens: PaneScreens;
  readonly terminal: TerminalIo;
  readonly help: readonly BindingRow[];
  /** the command palette's verbs (its suggestions are drawn in the palette overlay) */
  readonly palette: PaletteVerbs;
  /** the chrome as the view and the layout are now */
  chrome(): ChromeProps;
  frameOf(name: string): PaneFrame | undefined;
  /** the pilot view's own cursor (in the prompt bar, none over the timeline); undefined: the focused pane's */
  ownCursor(): CursorPlacement | null | undefined;
}

const NOWHERE = { x: 0, y: 0, width: 0, height: 0 };

export class CockpitOutput {
  private readonly pacer = new FramePacer((paced) => this.flush(paced));
  private readonly badges = new BadgeRedraw(() => this.drawChrome(false));
  private readonly canvas = new ChromeCanvas();
  /** the props of the chrome last drawn */
  private chromeKey = '';
  private applicationCursor = false;
  private stopped = false;

  constructor(private readonly host: OutputHost) {}

  /** Keys went to the cockpit: badge redraws wait while the user types. */
  noteInput(): void {
    this.badges.noteInput();
  }

  /** A badge changed: drawn with the others, not while typing. */
  requestBadges(): void {
    this.badges.request();
  }

  /** `urgent`: a key changed the chrome; a badge change (not urgent) waits for a frame slot. */
  drawChrome(urgent = true): void {
    this.badges.cancel(); // this draw shows the badges as they are
    const props = this.host.chrome();
    // skip it when the chrome would come out the same (status events repeat, members refresh):
    // the base layer set again makes the compositor compare every row
    const key = JSON.stringify(props);
    if (key === this.chromeKey) return;
    this.chromeKey = key;
    this.host.compositor.setBase(this.canvas.draw(props));
    this.queueFrame(urgent);
  }

  drawOverlay(): void {
    const { store, compositor, terminal } = this.host;
    const view = store.getState();
    compositor.setOverlay('overlay', NOWHERE, null); // set again below: drawn above the pilot view's panels
    if (view.overlay) {
      const rect = overlayRect(terminal.cols, terminal.rows, view.overlay);
      const text = renderToString(overlayElement(view, view.overlay, rect, [...this.host.help], this.host.palette), { columns: rect.width });
      compositor.setOverlay('overlay', rect, parseAnsiFrame(text, rect.width, rect.height));
    }
    this.queueFrame();
  }

  /** Coalesce changes into frames: urgent ones (echo, keys) at once, the rest paced. */
  queueFrame(urgent = true): void {
    if (this.stopped) return;
    this.pacer.request(urgent);
  }

  /** The terminal changed size: everything is drawn again. */
  invalidate(): void {
    this.chromeKey = '';
    this.host.compositor.invalidate();
  }

  stop(): void {
    this.stopped = true;
    this.pacer.stop();
    this.badges.cancel();
  }

  private flush(paced: boolean): void {
    const { store, screens, compositor } = this.host;
    const view = store.getState();
    const name = view.focus;
    // held-back rows go out in paced frames; the focused pane's (focus just moved to it) at once
    if (paced) screens.applyHeld();
    else if (name) screens.applyHeld(name);
    const frame = name ? this.host.frameOf(name) : undefined;
    const screen = name ? screens.get(name) : undefined;
    let out = '';
    const appCursor = screen?.modes.applicationCursor ?? false;
    if (appCursor !== this.applicationCursor) {
      // mirror DECCKM so arrows reach the focused agent in the form it asked for
      this.applicationCursor = appCursor;
      out += appCursor ? '\x1b[?1h' : '\x1b[?1l';
    }
    const own = this.host.ownCursor();
    if (own !== undefined) {
      compositor.setCursor(own);
    } else if (frame?.visible && screen && !view.overlay && !view.history) {
      const { interior } = frame;
      const x = screen.cursor.x;
      const y = screen.cursor.y - panePlacement(frame, screen).top;
      // a screen larger than its pane (a glance, a smaller cockpit beside this one) may hold it out of sight
      const inside = x < interior.width && y >= 0 && y < interior.height;
      compositor.setCursor({ x: interior.x + x, y: interior.y + y, visible: screen.cursor.visible && inside });
    } else {
      compositor.setCursor(null);
    }
    out += compositor.frame();
    markKey('cockpit.write'); // before: the terminal may show it before this line ends
    this.host.terminal.write(out);
  }
}
