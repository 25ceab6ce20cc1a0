/**
 * Mouse reports from the real terminal (SGR 1006: `ESC [ < b ; x ; y M|m`, 1-based; X10
 * `ESC [ M b x y` as a fallback) → events in 0-based terminal coordinates, and back to SGR
 * for a child that asked for mouse reporting, with coordinates translated into its pane.
 */

export type MouseKind = 'press' | 'release' | 'drag' | 'wheel-up' | 'wheel-down' | 'move';

export interface MouseInput {
  kind: MouseKind;
  /** 0 left, 1 middle, 2 right, 3 none (move), 8–11 extra buttons; 0 for wheel events */
  button: number;
  /** 0-based column and row */
  x: number;
  y: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
}

const SHIFT = 4;
const ALT = 8;
const CTRL = 16;
const MOTION = 32;
const WHEEL = 64;
const EXTRA = 128;

/** Decode xterm's button byte; null for what the cockpit has no use for (horizontal wheel). */
function decode(code: number, released: boolean, x: number, y: number): MouseInput | null {
  const low = code & 3;
  const mods = { shift: (code & SHIFT) !== 0, alt: (code & ALT) !== 0, ctrl: (code & CTRL) !== 0 };
  if (code & WHEEL) {
    if (low > 1) return null;
    return { kind: low === 0 ? 'wheel-up' : 'wheel-down', button: 0, x, y, ...mods };
  }
  const button = low + (code & EXTRA ? 8 : 0);
  let kind: MouseKind;
  if (code & MOTION) kind = low === 3 ? 'move' : 'drag';
  else if (released || low === 3) kind = 'release';
  else kind = 'press';
  return { kind, button, x, y, ...mods };
}

const SGR_REPORT = /^\x1b\[<(\d+);(\d+);(\d+)([Mm])$/;

/** One complete mouse report → an event; null when it is not one the cockpit understands. */
export function parseMouseReport(bytes: string): MouseInput | null {
  const sgr = SGR_REPORT.exec(bytes);
  if (sgr) {
    const x = Number(sgr[2]) - 1;
    const y = Number(sgr[3]) - 1;
    if (x < 0 || y < 0) return null;
    return decode(Number(sgr[1]), sgr[4] === 'm', x, y);
  }
  if (bytes.length === 6 && bytes.startsWith('\x1b[M')) {
    const code = bytes.charCodeAt(3) - 32;
    const x = bytes.charCodeAt(4) - 33;
    const y = bytes.charCodeAt(5) - 33;
    if (code < 0 || x < 0 || y < 0) return null;
    return decode(code, false, x, y);
  }
  return null;
}

/** The SGR report of an event at (x, y), 0-based in the receiving pane. */
export function encodeSgrMouse(event: MouseInput, x: number, y: number): string {
  let code = (event.shift ? SHIFT : 0) + (event.alt ? ALT : 0) + (event.ctrl ? CTRL : 0);
  switch (event.kind) {
    case 'wheel-up':
      code += WHEEL;
      break;
    case 'wheel-down':
      code += WHEEL + 1;
      break;
    case 'move':
      code += MOTION + 3;
      break;
    case 'drag':
      code += MOTION + buttonBits(event.button);
      break;
    default:
      code += buttonBits(event.button);
  }
  const final = event.kind === 'release' ? 'm' : 'M';
  return `\x1b[<${code};${x + 1};${y + 1}${final}`;
}

function buttonBits(button: number): number {
  return button >= 8 ? EXTRA + (button - 8) : button & 3;
}
