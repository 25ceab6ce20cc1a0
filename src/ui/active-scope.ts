/**
 * Which layer has the keys, decided from the view alone: the one place the router's mode
 * comes from. An overlay lies above everything; then history mode (its search line takes
 * text); then, in the pilot view with its panels shown, the part that has the keys; else the
 * panes, where keys go to the focused agent.
 */
import type { InputMode, InputRouter, ModeOptions } from './input/index.js';
import { partMode } from './pilot/pilot-state.js';
import type { ViewState, ViewStore } from './view-store.js';

/** The layers whose handler tables a command is looked up in (command-table.ts). */
export type Layer = 'panes' | 'overlay' | 'form' | 'history' | 'search' | 'timeline' | 'prompt';

export interface ActiveScope {
  layer: Layer;
  mode: InputMode;
  /** every printable key is text (the palette, the form, history's search line) */
  textInput: boolean;
}

export function activeScope(view: Pick<ViewState, 'overlay' | 'history' | 'pilot' | 'zoomed'>): ActiveScope {
  if (view.overlay?.kind === 'new-agent') return { layer: 'form', mode: 'overlay', textInput: true };
  if (view.overlay) return { layer: 'overlay', mode: 'overlay', textInput: view.overlay.kind === 'palette' };
  if (view.history?.typing != null) return { layer: 'search', mode: 'overlay', textInput: true };
  if (view.history) return { layer: 'history', mode: 'history', textInput: false };
  // zoomed, the pilot view's panels are not shown: keys go to the pane
  if (view.pilot && !view.zoomed && view.pilot.part !== 'pane') {
    return { layer: view.pilot.part, mode: partMode(view.pilot.part), textInput: false };
  }
  return { layer: 'panes', mode: 'normal', textInput: false };
}

/** The router follows the view: its mode is set here and nowhere else. */
export function followScope(store: ViewStore, router: Pick<InputRouter, 'setMode'>): () => void {
  let last = '';
  const apply = (view: ViewState) => {
    const { mode, textInput } = activeScope(view);
    const key = `${mode}:${textInput}`;
    if (key === last) return; // setMode also forgets a pressed prefix: only on a change
    last = key;
    const options: ModeOptions = { textInput };
    router.setMode(mode, options);
  };
  apply(store.getState());
  return store.subscribe(apply);
}
