/**
 * `[ui.keys]` in agents.toml: a command's keys replace its default keys, as lazygit's
 * keybinding config does (`"new-agent" = "n"`, `"history-line-up" = ["k", "C-p"]`). The
 * bindings in effect are the defaults with these replaced; help and the router read them.
 */
import { DEFAULT_BINDINGS, PREFIX_KEY, type Binding, type BindingContext } from './bindings.js';
import { COCKPIT_COMMANDS, findCockpitCommand, type CommandScope } from './cockpit-commands.js';
import { bindingKeyBytes } from './key-bytes.js';

/** command name → the keys that replace its default ones */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

/** focus-index is bound once per position: its keys, in order, focus panes 1, 2, 3 … */
const BY_POSITION = 'focus-index';
const MAX_POSITIONS = 9;

const CONTEXT_OF_SCOPE: Record<CommandScope, BindingContext> = {
  pane: 'prefix',
  history: 'history',
  overlay: 'overlay',
  timeline: 'timeline',
  prompt: 'prompt',
};

const WHERE: Record<BindingContext, string> = {
  prefix: 'after the prefix',
  history: 'in history mode',
  overlay: 'in an overlay',
  timeline: "in the pilot view's timeline",
  prompt: "in the pilot view's prompt bar",
};

/** The commands [ui.keys] may name, with their default keys (for the schema and its docs). */
export function bindableCommands(): { name: string; summary: string; keys: string[] }[] {
  return COCKPIT_COMMANDS.map((c) => ({
    name: c.name,
    summary: c.summary,
    keys: DEFAULT_BINDINGS.filter((b) => b.command === c.name).flatMap((b) => b.keys),
  }));
}

/** The bindings in effect: each overridden command's default bindings give way to its keys. */
export function boundKeys(overrides: KeyOverrides, defaults: readonly Binding[] = DEFAULT_BINDINGS): Binding[] {
  const out: Binding[] = [];
  const placed = new Set<string>();
  for (const b of defaults) {
    const keys = overrides[b.command];
    if (keys === undefined) {
      out.push(b);
      continue;
    }
    if (placed.has(b.command)) continue;
    placed.add(b.command);
    out.push(...overriddenBindings(b.command, keys, b.context));
  }
  // a command with no default binding gets one where its scope says
  for (const [command, keys] of Object.entries(overrides)) {
    const known = findCockpitCommand(command);
    if (known && !placed.has(command)) out.push(...overriddenBindings(command, keys, CONTEXT_OF_SCOPE[known.scope]));
  }
  return out;
}

function overriddenBindings(command: string, keys: readonly string[], context: BindingContext): Binding[] {
  if (command !== BY_POSITION) return [{ context, keys: [...keys], command }];
  return keys.slice(0, MAX_POSITIONS).map((key, i) => ({ context, keys: [key], command, arg: i + 1, description: `focus pane ${i + 1}` }));
}

/**
 * What is wrong with `[ui.keys]`, per key written there (a command, or `prefix`): a key that is not a key, a key
 * already bound to another command in the same place (compared by the bytes it sends), a key
 * that is the prefix itself (the router takes it first), too many pane positions.
 */
export function keyOverrideProblems(overrides: KeyOverrides, prefix: string): { command: string; message: string }[] {
  const problems: { command: string; message: string }[] = [];
  let prefixBytes: string | null = null;
  try {
    prefixBytes = bindingKeyBytes(prefix, prefix);
  } catch {
    // [ui] prefix is checked on its own
  }
  const bindings = boundKeys(overrides);
  const owner = new Map<string, string>();
  for (const b of bindings) {
    for (const key of b.keys) {
      const bytes = safeBytes(key, prefix);
      if (bytes === null) continue;
      const slot = `${b.context}\0${bytes}`;
      const earlier = owner.get(slot);
      if (earlier === undefined) owner.set(slot, b.command);
      else if (earlier !== b.command) {
        // reported at the command the user wrote; two defaults clash only through the prefix
        const command = overrides[b.command] !== undefined ? b.command : overrides[earlier] !== undefined ? earlier : 'prefix';
        const other = command === b.command ? earlier : b.command;
        const mine = command === 'prefix' ? earlier : command;
        problems.push({ command, message: `key "${key}" is bound to both ${mine} and ${other} ${WHERE[b.context]}; bind one of them to another key` });
      }
    }
  }
  for (const [command, keys] of Object.entries(overrides)) {
    const known = findCockpitCommand(command);
    if (!known) continue; // the schema says so, with the nearest name
    if (command === BY_POSITION && keys.length > MAX_POSITIONS) {
      problems.push({ command, message: `binds panes 1–${MAX_POSITIONS} by position: at most ${MAX_POSITIONS} keys, got ${keys.length}` });
    }
    for (const key of keys) {
      const bytes = safeBytes(key, prefix);
      if (bytes === null) problems.push({ command, message: `unknown key "${key}"` });
      else if (key !== PREFIX_KEY && bytes === prefixBytes && CONTEXT_OF_SCOPE[known.scope] !== 'prefix') {
        problems.push({ command, message: `key "${key}" is the prefix key: the cockpit takes it before ${command} could` });
      }
    }
  }
  return problems;
}

function safeBytes(key: string, prefix: string): string | null {
  try {
    return bindingKeyBytes(key, prefix);
  } catch {
    return null;
  }
}
