/**
 * The fleet's view — which layout, whether a pane is zoomed, which pane has the focus, whose
 * pilot view is open — as a cockpit reports it (`set-view`) and reads it back when it attaches
 * (`view`), so `hangar attach` comes back to the view it was detached from. The server keeps
 * it; the cockpit holds no truth.
 */

export const FLEET_LAYOUTS = ['tiled', 'main-stack'] as const;

export type FleetLayout = (typeof FLEET_LAYOUTS)[number];

export interface FleetView {
  layout: FleetLayout;
  zoomed: boolean;
  /** the focused pane's agent or service */
  focus: string | null;
  /** the agent whose pilot view is open */
  pilot: string | null;
}

/** The `view` request's answer (and `set-view`'s): null before any cockpit reported one. */
export interface FleetViewAnswer {
  view: FleetView | null;
}

/** A name in a view: an agent's or a service's, bounded. */
const MAX_NAME = 256;

function nameProblem(value: unknown, key: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value === '' || value.length > MAX_NAME) return `"${key}" must be a name (a string of 1 to ${MAX_NAME} characters) or null`;
  return null;
}

/** What is wrong with `value` as a FleetView (the first problem), or null when it is one. */
export function fleetViewProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a view must be an object {layout, zoomed, focus, pilot}';
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => !['layout', 'zoomed', 'focus', 'pilot'].includes(k));
  if (extra.length > 0) return `unknown field${extra.length > 1 ? 's' : ''} in a view: ${extra.join(', ')}`;
  if (!(FLEET_LAYOUTS as readonly unknown[]).includes(v.layout)) return `"layout" must be one of: ${FLEET_LAYOUTS.join(', ')}`;
  if (typeof v.zoomed !== 'boolean') return '"zoomed" must be true or false';
  return nameProblem(v.focus, 'focus') ?? nameProblem(v.pilot, 'pilot');
}

export function isFleetView(value: unknown): value is FleetView {
  return fleetViewProblem(value) === null;
}
