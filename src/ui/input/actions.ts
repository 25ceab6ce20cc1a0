import type { CockpitCommandName } from '../../keymap/cockpit-commands.js';
import type { MouseInput } from './mouse-report.js';

/** What one piece of keyboard/mouse input means for the cockpit. */
export type InputAction =
  /** bytes for the focused agent, exactly as typed */
  | { type: 'forward'; data: string }
  | { type: 'command'; command: CockpitCommandName; arg?: number }
  | { type: 'mouse'; event: MouseInput }
  /** typed or pasted text for an overlay's input line (palette, new-agent form) */
  | { type: 'text'; data: string };

/** Collects actions, merging neighbouring forwards (one write per chunk) and texts. */
export class ActionList {
  readonly actions: InputAction[] = [];

  push(action: InputAction): void {
    const last = this.actions[this.actions.length - 1];
    if (last && (action.type === 'forward' || action.type === 'text') && last.type === action.type) {
      last.data += action.data;
      return;
    }
    if ((action.type === 'forward' || action.type === 'text') && action.data === '') return;
    this.actions.push(action);
  }
}
