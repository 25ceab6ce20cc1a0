/** What the cockpit's end-to-end tests share besides their fleet (test-fleet.ts): keys by command, titles, a config. */
import { keyToBytes } from '../../src/terminal/keys.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX, type Binding } from '../../src/keymap/index.js';

/** The prefix and bindings a cockpit runs with: the defaults unless agents.toml has [ui.keys]. */
export interface Keymap {
  prefix: string;
  bindings: readonly Binding[];
}

const DEFAULT_KEYMAP: Keymap = { prefix: DEFAULT_PREFIX, bindings: DEFAULT_BINDINGS };

/** The bytes that run a cockpit command, looked up by name in the bindings (so rebinding does not break tests). */
export function keysFor(command: string, arg?: number, keymap: Keymap = DEFAULT_KEYMAP): string {
  const binding = keymap.bindings.find((b) => b.context === 'prefix' && b.command === command && (arg === undefined || b.arg === arg));
  if (!binding) throw new Error(`no prefix binding for ${command}`);
  return keyToBytes(keymap.prefix) + keyToBytes(binding.keys[0]!);
}

/** The row of the title of `agent`'s pane, -1 when it is not shown. */
export function titleRow(screen: string, agent: string): number {
  return screen.split('\n').findIndex((l) => new RegExp(`╭ \\d ${agent} `).test(l));
}

/** Two demo agents (alpha, beta: kickoffs, [y/n] questions) and a plain sh, sessions named `<prefix>NAME`. */
export function demoAndShellConfig(prefix: string): string {
  return `[defaults]
session_prefix = "${prefix}"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "alpha"
prompt = "first kickoff"

[[agent]]
name = "beta"
prompt = "second kickoff"

[[agent]]
name = "shell"
backend = "sh"
`;
}
