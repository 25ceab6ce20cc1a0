import { describe, expect, it } from 'vitest';
import type { MouseInput } from '../../../src/ui/input/index.js';
import { paneMouse } from '../../../src/ui/input/pane-mouse.js';
import type { PaneFrame } from '../../../src/ui/layout/index.js';

const frame = (index: number, x: number): PaneFrame => ({
  index,
  frame: { x, y: 0, width: 10, height: 6 },
  interior: { x: x + 1, y: 1, width: 8, height: 4 },
  visible: true,
  glance: false,
});
const frames = [frame(0, 0), frame(1, 10)];
const at = (kind: MouseInput['kind'], x: number, y: number) => ({ kind, x, y, button: 0, shift: false, alt: false, ctrl: false }) as MouseInput;

describe('paneMouse', () => {
  const modes = (m: Record<number, 'none' | 'vt200'>) => (i: number) => m[i] ?? 'none';

  it('a press on a pane without the keys focuses it; outside every pane nothing happens', () => {
    expect(paneMouse(at('press', 12, 2), frames, modes({}), (i) => i === 0, 3)).toEqual({ type: 'focus', index: 1 });
    expect(paneMouse(at('press', 40, 2), frames, modes({}), () => false, 3)).toEqual({ type: 'none' });
  });

  it('the wheel scrolls the history of an agent that did not ask for the mouse', () => {
    expect(paneMouse(at('wheel-up', 3, 2), frames, modes({}), () => true, 3)).toEqual({ type: 'scroll', index: 0, lines: -3 });
    expect(paneMouse(at('wheel-down', 3, 2), frames, modes({}), () => true, 3)).toEqual({ type: 'scroll', index: 0, lines: 3 });
  });

  it("goes to an agent that asked for the mouse, in its own coordinates, only inside its screen", () => {
    expect(paneMouse(at('press', 13, 3), frames, modes({ 1: 'vt200' }), () => true, 3)).toEqual({ type: 'forward', index: 1, x: 2, y: 2 });
    expect(paneMouse(at('wheel-up', 13, 3), frames, modes({ 1: 'vt200' }), () => true, 3)).toEqual({ type: 'forward', index: 1, x: 2, y: 2 });
    expect(paneMouse(at('press', 10, 0), frames, modes({ 1: 'vt200' }), () => true, 3)).toEqual({ type: 'none' }); // its border
  });
});
