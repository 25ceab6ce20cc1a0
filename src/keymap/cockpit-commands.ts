/**
 * The one table of cockpit commands. Key bindings, the help overlay and docs/keys.md name
 * these; none of them holds a function, so what a key does is always a row of this table.
 * (The command palette runs CLI verbs from commands/table.ts — a different table.)
 */

/** What a command's argument means: `index` = a pane position, 1-based as the user counts. */
export type CockpitCommandArg = 'index';

/**
 * Where a command makes sense: after the prefix, in history mode, in an overlay, or in the
 * pilot view's timeline or prompt bar.
 */
export type CommandScope = 'pane' | 'history' | 'overlay' | 'timeline' | 'prompt';

export interface CockpitCommand {
  readonly name: string;
  readonly summary: string;
  readonly scope: CommandScope;
  readonly arg?: CockpitCommandArg;
}

export const COCKPIT_COMMANDS = [
  // Panes and the cockpit itself (after the prefix key).
  { name: 'focus-left', scope: 'pane', summary: 'focus the pane to the left' },
  { name: 'focus-right', scope: 'pane', summary: 'focus the pane to the right' },
  { name: 'focus-up', scope: 'pane', summary: 'focus the pane above' },
  { name: 'focus-down', scope: 'pane', summary: 'focus the pane below' },
  { name: 'focus-index', scope: 'pane', arg: 'index', summary: 'focus the pane at a position (1–9)' },
  { name: 'zoom', scope: 'pane', summary: 'zoom the focused pane to the whole screen, or back' },
  { name: 'next-layout', scope: 'pane', summary: 'switch to the next layout (tiled, main + stack)' },
  { name: 'detach', scope: 'pane', summary: 'detach the cockpit; the agents keep running' },
  { name: 'history', scope: 'pane', summary: "scroll the focused pane's history (history mode)" },
  { name: 'transcript', scope: 'pane', summary: "the focused agent's transcript from its CLI's session file, with history mode's keys (as hangar transcript shows it)" },
  { name: 'status', scope: 'pane', summary: 'status table of all agents and services (Enter focuses one)' },
  { name: 'events', scope: 'pane', summary: 'the event log' },
  { name: 'palette', scope: 'pane', summary: 'command palette: run any hangar verb (e.g. restart builder)' },
  { name: 'restart', scope: 'pane', summary: 'restart the focused agent' },
  { name: 'stop', scope: 'pane', summary: 'stop the focused agent (asks first)' },
  { name: 'new-agent', scope: 'pane', summary: 'start a new agent (name, backend, prompt); not written to agents.toml' },
  { name: 'help', scope: 'pane', summary: 'list every key binding' },
  { name: 'quit', scope: 'pane', summary: 'stop the whole fleet and quit (asks first); detach keeps it running' },
  { name: 'send-prefix', scope: 'pane', summary: 'send the prefix key itself to the focused agent' },
  { name: 'pilot', scope: 'pane', summary: 'pilot view of the focused agent (begins piloting it: a checkpoint at every turn); again: leave it' },
  { name: 'pilot-next-part', scope: 'pane', summary: 'pilot view: move the keys on — prompt bar, timeline, pane (the pane gets every key, Tab too)' },
  // History mode.
  { name: 'history-page-up', scope: 'history', summary: 'scroll up one page' },
  { name: 'history-page-down', scope: 'history', summary: 'scroll down one page' },
  { name: 'history-line-up', scope: 'history', summary: 'scroll up one line' },
  { name: 'history-line-down', scope: 'history', summary: 'scroll down one line' },
  { name: 'history-top', scope: 'history', summary: 'go to the oldest line' },
  { name: 'history-bottom', scope: 'history', summary: 'go to the newest line' },
  { name: 'history-search', scope: 'history', summary: "search the history upwards, starting on the cursor's own line" },
  { name: 'history-next-match', scope: 'history', summary: 'next match, further up (older)' },
  { name: 'history-prev-match', scope: 'history', summary: 'previous match, further down (newer)' },
  { name: 'history-select', scope: 'history', summary: 'start or end a selection' },
  { name: 'history-copy', scope: 'history', summary: 'copy the selection (or the cursor line) through OSC 52; history mode stays on, q leaves' },
  { name: 'history-exit', scope: 'history', summary: 'leave history mode' },
  // Overlays (status table, event log, palette, help, forms, confirmations).
  { name: 'overlay-up', scope: 'overlay', summary: 'move the selection up, or scroll up a line' },
  { name: 'overlay-down', scope: 'overlay', summary: 'move the selection down, or scroll down a line' },
  { name: 'overlay-accept', scope: 'overlay', summary: 'accept the selection or the input' },
  { name: 'overlay-close', scope: 'overlay', summary: 'close the overlay' },
  { name: 'overlay-backspace', scope: 'overlay', summary: 'delete the character before the cursor' },
  { name: 'overlay-next-field', scope: 'overlay', summary: 'next field of a form' },
  { name: 'overlay-prev-field', scope: 'overlay', summary: 'previous field of a form' },
  { name: 'overlay-page-up', scope: 'overlay', summary: "scroll up one page (help, diff, a verb's output)" },
  { name: 'overlay-page-down', scope: 'overlay', summary: "scroll down one page (help, diff, a verb's output)" },
  { name: 'overlay-top', scope: 'overlay', summary: "scroll to the top (help, diff, a verb's output)" },
  { name: 'overlay-bottom', scope: 'overlay', summary: "scroll to the bottom (help, diff, a verb's output)" },
  // The pilot view's timeline (when it has the keys).
  { name: 'timeline-up', scope: 'timeline', summary: 'select the checkpoint above' },
  { name: 'timeline-down', scope: 'timeline', summary: 'select the checkpoint below' },
  { name: 'timeline-goto', scope: 'timeline', summary: 'go back (or forward) to the selected checkpoint: files and conversation (asks first)' },
  { name: 'timeline-undo', scope: 'timeline', summary: 'undo: go back to the turn before the current one' },
  { name: 'timeline-branch', scope: 'timeline', summary: 'branch: a second agent from the selected checkpoint, in a new pane (asks first)' },
  { name: 'timeline-diff', scope: 'timeline', summary: 'what the selected checkpoint changed against its parent (a diff to scroll)' },
  { name: 'timeline-next-part', scope: 'timeline', summary: 'keys to the pane (then the prompt bar)' },
  { name: 'timeline-prev-part', scope: 'timeline', summary: 'keys to the prompt bar' },
  { name: 'timeline-leave', scope: 'timeline', summary: 'leave the pilot view (the agent stays piloted)' },
  // The pilot view's prompt bar (when it has the keys).
  { name: 'prompt-send', scope: 'prompt', summary: 'send the prompt to the agent (the turn becomes a checkpoint)' },
  { name: 'prompt-newline', scope: 'prompt', summary: 'a new line in the prompt' },
  { name: 'prompt-up', scope: 'prompt', summary: 'a line up; on the first line, the previous prompt sent' },
  { name: 'prompt-down', scope: 'prompt', summary: 'a line down; on the last line, the next prompt sent' },
  { name: 'prompt-left', scope: 'prompt', summary: 'cursor left' },
  { name: 'prompt-right', scope: 'prompt', summary: 'cursor right' },
  { name: 'prompt-home', scope: 'prompt', summary: 'to the start of the line' },
  { name: 'prompt-end', scope: 'prompt', summary: 'to the end of the line' },
  { name: 'prompt-backspace', scope: 'prompt', summary: 'delete the character before the cursor' },
  { name: 'prompt-delete', scope: 'prompt', summary: 'delete the character under the cursor' },
  { name: 'prompt-kill-line', scope: 'prompt', summary: 'delete from the start of the line to the cursor' },
  { name: 'prompt-next-part', scope: 'prompt', summary: 'keys to the timeline' },
  { name: 'prompt-prev-part', scope: 'prompt', summary: 'keys to the pane' },
  { name: 'prompt-leave', scope: 'prompt', summary: 'leave the prompt bar (keys to the timeline; the text stays)' },
] as const satisfies readonly CockpitCommand[];

export type CockpitCommandName = (typeof COCKPIT_COMMANDS)[number]['name'];

/** The commands of one scope, e.g. `CommandsIn<'history'>`: what a layer's handler table must cover. */
export type CommandsIn<S extends CommandScope> = Extract<(typeof COCKPIT_COMMANDS)[number], { scope: S }>['name'];

const BY_NAME: ReadonlyMap<string, CockpitCommand> = new Map(COCKPIT_COMMANDS.map((c) => [c.name, c]));

export function findCockpitCommand(name: string): CockpitCommand | undefined {
  return BY_NAME.get(name);
}

export function isCockpitCommandName(name: string): name is CockpitCommandName {
  return BY_NAME.has(name);
}
