import { keyToBytes } from '../../terminal/keys.js';
import { BINDING_CONTEXTS, checkBindings, type Binding, type BindingContext } from '../../keymap/bindings.js';
import type { CockpitCommandName } from '../../keymap/cockpit-commands.js';
import { bindingKeyBytes, canonicalKeyBytes } from '../../keymap/key-bytes.js';
import { ActionList, type InputAction } from './actions.js';
import { parseMouseReport } from './mouse-report.js';
import { PASTE_END, PASTE_START, partialMarkerLength, readKey } from './read-key.js';

/** A lone ESC is the Escape key only if nothing follows this soon (what vim/tmux-ish tools use). */
export const ESCAPE_TIMEOUT_MS = 20;

/** An unfinished escape sequence longer than this is not one: forward it as it is. */
export const MAX_PENDING_SEQUENCE = 64;

/**
 * normal: keys go to the focused agent; history, overlay: those contexts' bindings; timeline,
 * prompt: the pilot view's timeline or prompt bar has the keys (the prompt bar takes text).
 */
export type InputMode = 'normal' | 'history' | 'overlay' | 'timeline' | 'prompt';

export interface RouterOptions {
  /** tmux key name of the prefix, from `[ui] prefix` (default C-b) */
  prefix: string;
  bindings: readonly Binding[];
  /** true when the cockpit captures the mouse: SGR reports become mouse actions */
  mouse: boolean;
}

export interface ModeOptions {
  /**
   * overlay mode with an input line (palette, new-agent form): every printable character is
   * text, even one bound to an overlay command (so `q` and `k` can be typed).
   */
  textInput?: boolean;
}

export interface InputRouter {
  /** Route one chunk from the terminal. */
  feed(chunk: string): InputAction[];
  /** Called once pendingMs() has passed with no new input: what is held is one key after all. */
  flush(): InputAction[];
  /**
   * Routing stops after a command, keeping the rest of the chunk: the command may change the
   * mode (open an overlay, enter history), and the keys typed after it belong to that mode.
   * After handling the command, call resume() while this is true.
   */
  readonly stopped: boolean;
  resume(): InputAction[];
  /** Held bytes wait this long for their rest (re-arm the timer after every feed); null = nothing held. */
  pendingMs(): number | null;
  setMode(mode: InputMode, options?: ModeOptions): void;
  readonly mode: InputMode;
  /** the prefix was pressed and the next key is a command (for a status-bar hint) */
  readonly prefixActive: boolean;
}

function isPrintable(bytes: string): boolean {
  const code = bytes.codePointAt(0)!;
  if ([...bytes].length !== 1) return false;
  return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
}

/**
 * The cockpit's input router. In normal mode every byte goes to the focused agent as it came,
 * except the prefix key; the key after the prefix is looked up in the prefix bindings. In
 * history and overlay modes keys map through those contexts' bindings. Pure: no timers —
 * the cockpit calls flush() when pendingMs() elapses.
 */
export function createRouter(options: RouterOptions): InputRouter {
  const problems = checkBindings(options.bindings, options.prefix);
  if (problems.length > 0) throw new Error(`bad key bindings:\n  ${problems.join('\n  ')}`);

  const prefixRaw = keyToBytes(options.prefix);
  const prefixBytes = canonicalKeyBytes(prefixRaw);
  const tables = new Map<BindingContext, Map<string, Binding>>(BINDING_CONTEXTS.map((c) => [c, new Map()]));
  for (const b of options.bindings) {
    for (const key of b.keys) tables.get(b.context)!.set(bindingKeyBytes(key, options.prefix), b);
  }

  let mode: InputMode = 'normal';
  let textInput = false;
  let afterPrefix = false;
  let inPaste = false;
  /** the start of a key (or of a paste's end marker) whose rest has not arrived */
  let pending = '';
  /** input not routed yet because a command came first (see `stopped`) */
  let rest = '';

  function lookup(context: BindingContext, bytes: string): Binding | undefined {
    return tables.get(context)!.get(canonicalKeyBytes(bytes));
  }

  function runBinding(binding: Binding, out: ActionList): void {
    // The router knows the prefix's bytes, so "send the prefix" is just a forward.
    if (binding.command === 'send-prefix') {
      out.push({ type: 'forward', data: prefixRaw });
      return;
    }
    const command = binding.command as CockpitCommandName; // checked by checkBindings
    out.push(binding.arg === undefined ? { type: 'command', command } : { type: 'command', command, arg: binding.arg });
  }

  function routeKey(bytes: string, out: ActionList): void {
    if (afterPrefix) {
      afterPrefix = false;
      const binding = lookup('prefix', bytes);
      if (binding) runBinding(binding, out); // an unbound key after the prefix is dropped, as in tmux
      return;
    }
    if (canonicalKeyBytes(bytes) === prefixBytes) {
      afterPrefix = true;
      return;
    }
    if (mode === 'normal') {
      out.push({ type: 'forward', data: bytes });
      return;
    }
    const printable = isPrintable(bytes);
    if (printable && (mode === 'prompt' || (mode === 'overlay' && textInput))) {
      out.push({ type: 'text', data: bytes });
      return;
    }
    const binding = lookup(mode, bytes);
    if (binding) runBinding(binding, out);
    else if (mode === 'overlay' && printable) out.push({ type: 'text', data: bytes });
  }

  /** Paste content (and, at its end, the end marker): data in normal mode, text in an overlay or the prompt bar. */
  function routePaste(content: string, ended: boolean, out: ActionList): void {
    if (mode === 'normal') out.push({ type: 'forward', data: ended ? content + PASTE_END : content });
    else if (mode === 'overlay' || mode === 'prompt') out.push({ type: 'text', data: content });
  }

  function startPaste(out: ActionList): void {
    afterPrefix = false; // a paste is not the key after the prefix
    inPaste = true;
    if (mode === 'normal') out.push({ type: 'forward', data: PASTE_START });
  }

  /** final: nothing more is coming for what is held (flush), so take it as it is. */
  function route(buf: string, final: boolean): InputAction[] {
    const out = new ActionList();
    let pos = 0;
    while (pos < buf.length) {
      if (inPaste) {
        // Inside a paste every byte is data, the prefix too, until the end marker.
        const endAt = buf.indexOf(PASTE_END, pos);
        if (endAt >= 0) {
          routePaste(buf.slice(pos, endAt), true, out);
          inPaste = false;
          pos = endAt + PASTE_END.length;
          continue;
        }
        const held = final ? 0 : partialMarkerLength(buf, pos, PASTE_END);
        routePaste(buf.slice(pos, buf.length - held), false, out);
        pending = buf.slice(buf.length - held);
        break;
      }
      let key = readKey(buf, pos);
      if (key === null) {
        if (!final && buf.length - pos <= MAX_PENDING_SEQUENCE) {
          pending = buf.slice(pos);
          break;
        }
        key = { kind: 'key', end: buf.length };
      }
      const bytes = buf.slice(pos, key.end);
      pos = key.end;
      if (key.kind === 'paste-start') startPaste(out);
      else if (key.kind === 'mouse' && options.mouse) {
        const event = parseMouseReport(bytes);
        if (event) out.push({ type: 'mouse', event });
      } else {
        routeKey(bytes, out);
        if (out.actions.at(-1)?.type === 'command' && pos < buf.length) {
          rest = buf.slice(pos);
          break;
        }
      }
    }
    return out.actions;
  }

  function feed(chunk: string): InputAction[] {
    const buf = rest + pending + chunk;
    pending = '';
    rest = '';
    return route(buf, false);
  }

  return {
    feed,
    get stopped() {
      return rest !== '';
    },
    resume() {
      return feed('');
    },
    flush() {
      const buf = pending;
      pending = '';
      return route(buf, true);
    },
    pendingMs() {
      return pending === '' ? null : ESCAPE_TIMEOUT_MS;
    },
    setMode(next, modeOptions) {
      mode = next;
      textInput = next === 'overlay' && modeOptions?.textInput === true;
      afterPrefix = false;
    },
    get mode() {
      return mode;
    },
    get prefixActive() {
      return afterPrefix;
    },
  };
}
