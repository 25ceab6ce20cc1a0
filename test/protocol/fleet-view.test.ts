import { describe, expect, it } from 'vitest';
import { fleetViewProblem, isFleetView } from '../../src/protocol/fleet-view.js';

describe('a fleet view on the wire', () => {
  const view = { layout: 'tiled', zoomed: false, focus: 'builder', pilot: null };

  it('is a layout, a zoom, and a focused and a piloted name (or null)', () => {
    expect(isFleetView(view)).toBe(true);
    expect(isFleetView({ layout: 'main-stack', zoomed: true, focus: null, pilot: 'builder' })).toBe(true);
  });

  it('says what is wrong with anything else', () => {
    expect(fleetViewProblem(null)).toMatch(/must be an object/);
    expect(fleetViewProblem([view])).toMatch(/must be an object/);
    expect(fleetViewProblem({ ...view, layout: 'zoom' })).toBe('"layout" must be one of: tiled, main-stack');
    expect(fleetViewProblem({ ...view, zoomed: 'yes' })).toBe('"zoomed" must be true or false');
    expect(fleetViewProblem({ ...view, focus: '' })).toMatch(/^"focus" must be a name/);
    expect(fleetViewProblem({ ...view, pilot: 'x'.repeat(257) })).toMatch(/^"pilot" must be a name/);
    expect(fleetViewProblem({ layout: 'tiled', zoomed: false, focus: null })).toMatch(/^"pilot" must be a name/);
    expect(fleetViewProblem({ ...view, colour: 'red' })).toBe('unknown field in a view: colour');
  });
});
