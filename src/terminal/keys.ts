/**
 * tmux-style key names → the bytes a terminal sends for them. Backends configure their
 * submit key this way (`submit_key = "Enter"` / `"C-m"` / `"C-j"`), as agents.py passed them
 * to `tmux send-keys`. Names are case-insensitive like tmux's; a single character is itself.
 *
 * Modifiers: `C-` (control), `M-` (meta/alt: ESC prefix), `S-` (shift), combinable (`C-M-x`).
 * Cursor and editing keys with modifiers use xterm's `CSI 1;<mod> X` / `CSI n;<mod> ~` forms.
 */

const ESC = '\x1b';

/** Keys whose bytes do not depend on modifiers beyond the ESC prefix for meta. */
const PLAIN_KEYS: Record<string, string> = {
  enter: '\r',
  escape: ESC,
  esc: ESC,
  tab: '\t',
  btab: `${ESC}[Z`,
  space: ' ',
  bspace: '\x7f',
  backspace: '\x7f',
};

/** Cursor keys: `CSI X` unmodified, `CSI 1;m X` modified. */
const CURSOR_KEYS: Record<string, string> = {
  up: 'A',
  down: 'B',
  right: 'C',
  left: 'D',
  home: 'H',
  end: 'F',
};

/** Editing and function keys of the `CSI n ~` family. */
const TILDE_KEYS: Record<string, number> = {
  ic: 2,
  insert: 2,
  dc: 3,
  delete: 3,
  pageup: 5,
  pgup: 5,
  ppage: 5,
  pagedown: 6,
  pgdn: 6,
  npage: 6,
  f5: 15,
  f6: 17,
  f7: 18,
  f8: 19,
  f9: 20,
  f10: 21,
  f11: 23,
  f12: 24,
};

/** F1–F4 are SS3 keys unmodified, `CSI 1;m P..S` modified. */
const SS3_KEYS: Record<string, string> = { f1: 'P', f2: 'Q', f3: 'R', f4: 'S' };

interface Modifiers {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

function splitModifiers(name: string): { mods: Modifiers; base: string } {
  const mods: Modifiers = { ctrl: false, meta: false, shift: false };
  let rest = name;
  // A prefix needs something after it: "C-" alone is not a modifier but a key name.
  while (rest.length > 2 && rest[1] === '-') {
    const flag = rest[0]!.toUpperCase();
    if (flag === 'C') mods.ctrl = true;
    else if (flag === 'M') mods.meta = true;
    else if (flag === 'S') mods.shift = true;
    else break;
    rest = rest.slice(2);
  }
  return { mods, base: rest };
}

/** xterm's modifier parameter: 1 + shift(1) + alt(2) + ctrl(4). */
function modifierParam(mods: Modifiers): number {
  return 1 + (mods.shift ? 1 : 0) + (mods.meta ? 2 : 0) + (mods.ctrl ? 4 : 0);
}

function controlOf(char: string): string | null {
  if (char === '?') return '\x7f';
  if (char === ' ' || char === '@' || char === '2') return '\x00';
  const code = char.toUpperCase().charCodeAt(0);
  // '@' (0x40) .. '_' (0x5f) map onto 0x00 .. 0x1f.
  if (code >= 0x40 && code <= 0x5f) return String.fromCharCode(code & 0x1f);
  return null;
}

/** The bytes for one tmux key name; throws on a name it does not know. */
export function keyToBytes(name: string): string {
  const { mods, base } = splitModifiers(name);
  const lower = base.toLowerCase();
  const modified = mods.ctrl || mods.meta || mods.shift;

  const cursor = CURSOR_KEYS[lower];
  if (cursor) return modified ? `${ESC}[1;${modifierParam(mods)}${cursor}` : `${ESC}[${cursor}`;
  const tilde = TILDE_KEYS[lower];
  if (tilde !== undefined) return modified ? `${ESC}[${tilde};${modifierParam(mods)}~` : `${ESC}[${tilde}~`;
  const ss3 = SS3_KEYS[lower];
  if (ss3) return modified ? `${ESC}[1;${modifierParam(mods)}${ss3}` : `${ESC}O${ss3}`;

  const metaPrefix = mods.meta ? ESC : '';
  if (lower === 'tab' && mods.shift) return `${metaPrefix}${ESC}[Z`;
  const plain = PLAIN_KEYS[lower];
  if (plain !== undefined) {
    if (mods.ctrl) {
      const ctrl = lower === 'space' ? '\x00' : null;
      if (ctrl === null) throw new Error(`unknown key: ${name}`);
      return metaPrefix + ctrl;
    }
    return metaPrefix + plain;
  }

  if ([...base].length === 1) {
    if (mods.ctrl) {
      const ctrl = controlOf(base);
      if (ctrl === null) throw new Error(`unknown key: ${name}`);
      return metaPrefix + ctrl;
    }
    return metaPrefix + (mods.shift ? base.toUpperCase() : base);
  }
  throw new Error(`unknown key: ${name}`);
}

/** True when keyToBytes accepts the name (for config validation). */
export function isKeyName(name: string): boolean {
  try {
    keyToBytes(name);
    return true;
  } catch {
    return false;
  }
}
