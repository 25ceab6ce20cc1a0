import type { ReactElement } from 'react';
import type { Rect } from './compositor/index.js';
import DiffOverlay, { diffRows } from './components/DiffOverlay.js';
import HelpOverlay from './components/HelpOverlay.js';
import ListOverlay from './components/ListOverlay.js';
import NewAgentForm from './components/NewAgentForm.js';
import OutputOverlay, { outputRows } from './components/OutputOverlay.js';
import StatusOverlay from './components/StatusOverlay.js';
import type { BindingRow } from '../keymap/index.js';
import type { PaletteVerbs } from './palette.js';
import type { OverlayState, ViewState } from './view-store.js';

/** Where an overlay goes: centred, most of the screen, above the bottom bar. */
export function overlayRect(cols: number, rows: number, overlay: OverlayState): Rect {
  if (overlay.kind === 'diff' || overlay.kind === 'output') {
    // a diff, or a verb's output (a table, a screen), wants all the room there is
    const width = Math.max(20, cols - 4);
    const height = Math.max(5, rows - 3);
    return { x: Math.max(0, Math.floor((cols - width) / 2)), y: Math.max(0, Math.floor((rows - 1 - height) / 2)), width, height };
  }
  const small = overlay.kind === 'confirm';
  const form = overlay.kind === 'new-agent';
  const width = small ? Math.min(cols, Math.max(40, Math.min(70, cols - 4))) : Math.max(20, Math.min(cols - 4, form ? 90 : 110));
  // a form: its three fields, a problem under each, a status line, the frame
  // a question: as many rows as its words wrap to (inside the frame and its padding), the frame, the answer line
  const questionRows = overlay.kind === 'confirm' ? Math.max(1, Math.ceil(overlay.question.length / Math.max(1, width - 4))) : 1;
  const height = small ? Math.min(rows - 1, 4 + questionRows) : form ? Math.max(5, Math.min(rows - 1, 12)) : Math.max(5, Math.min(rows - 3, 30));
  return { x: Math.max(0, Math.floor((cols - width) / 2)), y: Math.max(0, Math.floor((rows - 1 - height) / 2)), width, height };
}

/** The element that draws an overlay state at a size. */
export function overlayElement(view: ViewState, overlay: OverlayState, rect: Rect, help: BindingRow[], palette: PaletteVerbs): ReactElement {
  const { width, height } = rect;
  switch (overlay.kind) {
    case 'help':
      return <HelpOverlay rows={help} width={width} height={height} offset={overlay.offset} />;
    case 'status':
      return <StatusOverlay members={view.members} selected={overlay.selected} attention={view.attention} width={width} height={height} />;
    case 'events':
      return <ListOverlay title="event log" items={view.events} width={width} height={height} footer="Esc close" />;
    case 'palette': {
      const items = palette.matches(overlay.input);
      return (
        <ListOverlay
          title="command palette"
          input={{ label: ': ', value: overlay.input }}
          items={items}
          width={width}
          height={height}
          footer="type a verb and its arguments · Enter run · Esc close"
        />
      );
    }
    case 'new-agent':
      return <NewAgentForm form={overlay.form} width={width} height={height} />;
    case 'confirm':
      return <ListOverlay title={overlay.question} items={[]} width={width} height={height} footer="y / Enter: yes · n / Esc: no" />;
    case 'diff':
      return <DiffOverlay title={overlay.title} lines={overlay.lines} offset={overlay.offset} width={width} height={height} />;
    case 'output':
      return <OutputOverlay title={overlay.title} lines={overlay.lines} offset={overlay.offset} failed={overlay.failed} width={width} height={height} />;
  }
}

/** Lines an overlay shows at once (what a page of scrolling moves). */
export function overlayPage(cols: number, rows: number, overlay: OverlayState): number {
  return diffRows(overlayRect(cols, rows, overlay).height);
}

/** Rows a scrolling overlay has in all, as drawn (a verb's output wrapped to the overlay's width); 0 for the others. */
export function overlayRows(cols: number, rows: number, overlay: OverlayState): number {
  if (overlay.kind === 'diff') return overlay.lines.length;
  if (overlay.kind === 'output') return outputRows(overlay.lines, overlayRect(cols, rows, overlay).width).length;
  return 0;
}
