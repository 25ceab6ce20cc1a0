import { findCockpitCommand, type CommandScope } from './cockpit-commands.js';
import { PREFIX_KEY, bindingKeyBytes } from './key-bytes.js';

export { PREFIX_KEY } from './key-bytes.js';

/**
 * Where a binding applies: the key after the prefix, history mode, an open overlay, or the
 * pilot view's timeline or prompt bar when it has the keys.
 */
export type BindingContext = 'prefix' | 'history' | 'overlay' | 'timeline' | 'prompt';

export const BINDING_CONTEXTS: readonly BindingContext[] = ['prefix', 'history', 'overlay', 'timeline', 'prompt'];

/**
 * A key binding as data: keys (tmux key names, or PREFIX_KEY) → a command of the cockpit's
 * command table. Never a function, so help and docs/keys.md are generated from the same list
 * the router reads.
 */
export interface Binding {
  readonly context: BindingContext;
  readonly keys: readonly string[];
  /** a name from COCKPIT_COMMANDS */
  readonly command: string;
  /** the command's argument (a pane position for focus-index) */
  readonly arg?: number;
  /** overrides the command's summary in help and docs */
  readonly description?: string;
}

export const DEFAULT_PREFIX = 'C-b';

const focusByPosition: Binding[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
  context: 'prefix',
  keys: [String(n)],
  command: 'focus-index',
  arg: n,
  description: `focus pane ${n}`,
}));

/** The defaults of issue 3 — a tmux user's muscle memory. */
export const DEFAULT_BINDINGS: readonly Binding[] = [
  { context: 'prefix', keys: ['Left', 'h'], command: 'focus-left' },
  { context: 'prefix', keys: ['Right', 'l'], command: 'focus-right' },
  { context: 'prefix', keys: ['Up', 'k'], command: 'focus-up' },
  { context: 'prefix', keys: ['Down', 'j'], command: 'focus-down' },
  ...focusByPosition,
  { context: 'prefix', keys: ['z'], command: 'zoom' },
  { context: 'prefix', keys: ['Space'], command: 'next-layout' },
  { context: 'prefix', keys: ['d'], command: 'detach' },
  { context: 'prefix', keys: ['['], command: 'history' },
  { context: 'prefix', keys: ['t'], command: 'transcript' },
  { context: 'prefix', keys: ['s'], command: 'status' },
  { context: 'prefix', keys: ['e'], command: 'events' },
  { context: 'prefix', keys: [':'], command: 'palette' },
  { context: 'prefix', keys: ['r'], command: 'restart' },
  { context: 'prefix', keys: ['x'], command: 'stop' },
  { context: 'prefix', keys: ['c'], command: 'new-agent' },
  { context: 'prefix', keys: ['?'], command: 'help' },
  { context: 'prefix', keys: ['q'], command: 'quit' },
  { context: 'prefix', keys: ['p'], command: 'pilot' },
  { context: 'prefix', keys: ['Tab'], command: 'pilot-next-part' },
  { context: 'prefix', keys: [PREFIX_KEY], command: 'send-prefix' },

  { context: 'history', keys: ['PageUp'], command: 'history-page-up' },
  { context: 'history', keys: ['PageDown'], command: 'history-page-down' },
  { context: 'history', keys: ['k', 'Up'], command: 'history-line-up' },
  { context: 'history', keys: ['j', 'Down'], command: 'history-line-down' },
  { context: 'history', keys: ['g'], command: 'history-top' },
  { context: 'history', keys: ['G'], command: 'history-bottom' },
  { context: 'history', keys: ['/'], command: 'history-search' },
  { context: 'history', keys: ['n'], command: 'history-next-match' },
  { context: 'history', keys: ['N'], command: 'history-prev-match' },
  { context: 'history', keys: ['v'], command: 'history-select' },
  { context: 'history', keys: ['y'], command: 'history-copy' },
  { context: 'history', keys: ['q', 'Escape'], command: 'history-exit' },

  { context: 'overlay', keys: ['Up', 'k'], command: 'overlay-up' },
  { context: 'overlay', keys: ['Down', 'j'], command: 'overlay-down' },
  { context: 'overlay', keys: ['Enter'], command: 'overlay-accept' },
  { context: 'overlay', keys: ['Escape', 'q'], command: 'overlay-close' },
  { context: 'overlay', keys: ['BSpace', 'C-h'], command: 'overlay-backspace' },
  { context: 'overlay', keys: ['Tab'], command: 'overlay-next-field' },
  { context: 'overlay', keys: ['BTab'], command: 'overlay-prev-field' },
  { context: 'overlay', keys: ['PageUp'], command: 'overlay-page-up' },
  { context: 'overlay', keys: ['PageDown'], command: 'overlay-page-down' },
  { context: 'overlay', keys: ['Home'], command: 'overlay-top' },
  { context: 'overlay', keys: ['End'], command: 'overlay-bottom' },

  { context: 'timeline', keys: ['k', 'Up'], command: 'timeline-up' },
  { context: 'timeline', keys: ['j', 'Down'], command: 'timeline-down' },
  { context: 'timeline', keys: ['g'], command: 'timeline-goto' },
  { context: 'timeline', keys: ['u'], command: 'timeline-undo' },
  { context: 'timeline', keys: ['b'], command: 'timeline-branch' },
  { context: 'timeline', keys: ['d'], command: 'timeline-diff' },
  { context: 'timeline', keys: ['Tab'], command: 'timeline-next-part' },
  { context: 'timeline', keys: ['BTab'], command: 'timeline-prev-part' },
  { context: 'timeline', keys: ['q', 'Escape'], command: 'timeline-leave' },

  // Shift-Enter reaches a program as a plain Enter in most terminals: Alt-Enter and C-j are the newline keys
  { context: 'prompt', keys: ['Enter'], command: 'prompt-send' },
  { context: 'prompt', keys: ['M-Enter', 'C-j'], command: 'prompt-newline' },
  { context: 'prompt', keys: ['Up'], command: 'prompt-up' },
  { context: 'prompt', keys: ['Down'], command: 'prompt-down' },
  { context: 'prompt', keys: ['Left'], command: 'prompt-left' },
  { context: 'prompt', keys: ['Right'], command: 'prompt-right' },
  { context: 'prompt', keys: ['Home', 'C-a'], command: 'prompt-home' },
  { context: 'prompt', keys: ['End', 'C-e'], command: 'prompt-end' },
  { context: 'prompt', keys: ['BSpace', 'C-h'], command: 'prompt-backspace' },
  { context: 'prompt', keys: ['DC'], command: 'prompt-delete' },
  { context: 'prompt', keys: ['C-u'], command: 'prompt-kill-line' },
  { context: 'prompt', keys: ['Tab'], command: 'prompt-next-part' },
  { context: 'prompt', keys: ['BTab'], command: 'prompt-prev-part' },
  { context: 'prompt', keys: ['Escape'], command: 'prompt-leave' },
];

/** The command scope each binding context may name. */
const SCOPE_OF_CONTEXT: Record<BindingContext, CommandScope> = {
  prefix: 'pane',
  history: 'history',
  overlay: 'overlay',
  timeline: 'timeline',
  prompt: 'prompt',
};

/**
 * Everything wrong with a list of bindings, as sentences (empty = usable): unknown commands
 * or key names, a command bound in a context it does not belong to, a missing or stray
 * argument, and a key bound twice in one context (compared by the bytes it sends, so
 * `Space` and ` ` clash, and so does a prefix that is also bound to a command).
 */
export function checkBindings(bindings: readonly Binding[], prefixName: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const b of bindings) {
    const where = `${b.context} binding ${JSON.stringify(b.keys)} → ${b.command}`;
    const command = findCockpitCommand(b.command);
    if (!command) problems.push(`${where}: unknown command "${b.command}"`);
    else {
      if (command.scope !== SCOPE_OF_CONTEXT[b.context]) {
        problems.push(`${where}: ${b.command} is a ${command.scope} command, not for the ${b.context} context`);
      }
      if (command.arg === 'index' && !(Number.isInteger(b.arg) && b.arg! >= 1)) {
        problems.push(`${where}: needs a pane position (arg ≥ 1)`);
      }
      if (!command.arg && b.arg !== undefined) problems.push(`${where}: takes no argument`);
    }
    if (b.keys.length === 0) problems.push(`${where}: no keys`);
    for (const key of b.keys) {
      if (key === PREFIX_KEY && b.context !== 'prefix') {
        problems.push(`${where}: ${PREFIX_KEY} only makes sense after the prefix`);
        continue;
      }
      let bytes: string;
      try {
        bytes = bindingKeyBytes(key, prefixName);
      } catch {
        problems.push(`${where}: unknown key "${key}"`);
        continue;
      }
      const slot = `${b.context}\0${bytes}`;
      const earlier = seen.get(slot);
      if (earlier !== undefined) problems.push(`${where}: key "${key}" is already bound to ${earlier}`);
      else seen.set(slot, b.command);
    }
  }
  return problems;
}

/** One row of the help overlay (the shape components/HelpOverlay.tsx draws). */
export interface BindingRow {
  /** e.g. "C-b Left, C-b h" */
  keys: string;
  summary: string;
  context: BindingContext;
  command: string;
}

/** A key as a person types it: after the prefix, "C-b z"; the prefix itself, "C-b C-b". */
function keyText(key: string, context: BindingContext, prefixName: string): string {
  const name = key === PREFIX_KEY ? prefixName : key;
  return context === 'prefix' ? `${prefixName} ${name}` : name;
}

function summaryOf(b: Binding): string {
  return b.description ?? findCockpitCommand(b.command)?.summary ?? b.command;
}

/** Rows for the `?` overlay, in table order. */
export function describeBindings(bindings: readonly Binding[], prefixName: string): BindingRow[] {
  return bindings.map((b) => ({
    keys: b.keys.map((k) => keyText(k, b.context, prefixName)).join(', '),
    summary: summaryOf(b),
    context: b.context,
    command: b.command,
  }));
}

const CONTEXT_HEADINGS: Record<BindingContext, string> = {
  prefix: 'After the prefix',
  history: 'History mode',
  overlay: "Overlays (status, events, palette, help, forms, diff, a verb's output)",
  timeline: 'Pilot view: the timeline (when it has the keys)',
  prompt: 'Pilot view: the prompt bar (when it has the keys)',
};

/** A Markdown code span that survives backticks and table pipes. */
function codeSpan(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  const closing = fence === '`' ? '`' : ' ``';
  return `${fence}${text.replaceAll('|', '\\|')}${closing}`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** docs/keys.md, generated (npm run docs writes it; a test keeps it fresh). */
export function renderKeysDoc(bindings: readonly Binding[], prefixName: string): string {
  const lines = [
    '# Keys',
    '',
    '<!-- Generated from src/keymap/bindings.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    `In the cockpit every key goes byte-exact to the focused agent — arrows, Ctrl, Alt, function keys, paste — except the prefix key, ${codeSpan(prefixName)}. Press the prefix, then one of the keys below. A key that is not bound after the prefix is ignored.`,
    '',
    'Every key here can be changed in `[ui.keys]` in agents.toml: a command\'s keys replace its defaults, e.g. `prefix = "C-a"`, `"new-agent" = "n"`, `"history-line-up" = ["k", "C-p"]` (`focus-index` takes up to nine keys, for panes 1, 2, 3 …). A key bound twice in one place is an error; `?` in the cockpit lists the keys in effect.',
    '',
    `In the pilot view (${codeSpan(`${prefixName} p`)}) one of its three parts has the keys, drawn with a cyan border: the prompt bar, the timeline, or the agent's pane. The prompt bar and the timeline have the keys listed at the end; in the pane every key goes to the agent, as in the normal view (Tab and Esc too), and ${codeSpan(`${prefixName} Tab`)} moves the keys on from any part.`,
  ];
  for (const context of BINDING_CONTEXTS) {
    const rows = bindings.filter((b) => b.context === context);
    if (rows.length === 0) continue;
    lines.push('', `## ${CONTEXT_HEADINGS[context]}`, '', '| Keys | Command | What it does |', '|---|---|---|');
    for (const b of rows) {
      const keys = b.keys.map((k) => codeSpan(keyText(k, context, prefixName))).join(', ');
      const command = b.arg === undefined ? b.command : `${b.command} ${b.arg}`;
      lines.push(`| ${keys} | ${cell(command)} | ${cell(summaryOf(b))} |`);
    }
  }
  return lines.join('\n') + '\n';
}
