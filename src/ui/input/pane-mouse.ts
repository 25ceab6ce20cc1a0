/**
 * What a mouse event on the panes means, decided from where it lands: a press on another pane
 * (or on the piloted pane while the prompt bar or timeline has the keys) focuses it; the wheel
 * over an agent that did not ask for the mouse scrolls its history; any event inside an agent
 * that asked for mouse reporting goes to it, with coordinates in its own screen. Pure.
 */
import type { ScreenModes } from '../../protocol/messages.js';
import { paneAt, type PaneFrame } from '../layout/index.js';
import type { MouseInput } from './index.js';

export type PaneMouseAction =
  | { type: 'focus'; index: number }
  | { type: 'scroll'; index: number; lines: number }
  | { type: 'forward'; index: number; x: number; y: number }
  | { type: 'none' };

export function paneMouse(
  event: MouseInput,
  frames: readonly PaneFrame[],
  /** the child's mouse mode for the pane at an index ('none' when it asked for none) */
  mouseMode: (index: number) => ScreenModes['mouse'],
  /** whether a press here leaves the keys where they are (the pane already has them) */
  hasKeys: (index: number) => boolean,
  wheelLines: number,
): PaneMouseAction {
  const index = paneAt(frames, event.x, event.y);
  if (index === null) return { type: 'none' };
  if (event.kind === 'press' && !hasKeys(index)) return { type: 'focus', index };
  const mode = mouseMode(index);
  if ((event.kind === 'wheel-up' || event.kind === 'wheel-down') && mode === 'none') {
    return { type: 'scroll', index, lines: event.kind === 'wheel-up' ? -wheelLines : wheelLines };
  }
  const { interior } = frames.find((f) => f.index === index)!;
  const inside = event.x >= interior.x && event.y >= interior.y && event.x < interior.x + interior.width && event.y < interior.y + interior.height;
  return inside && mode !== 'none' ? { type: 'forward', index, x: event.x - interior.x, y: event.y - interior.y } : { type: 'none' };
}
