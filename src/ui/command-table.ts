/**
 * The cockpit's command handlers as tables (lazygit's contexts): each layer exports a table
 * keyed by the commands it answers, typed from the command table, so a command no layer
 * handles, or a misspelt one, does not compile. The coordinator looks a command up here.
 */
import type { CockpitCommandName } from '../keymap/index.js';

/** Runs a command; `arg` is a binding's argument (a pane position for focus-index). */
export type CommandHandler = (arg?: number) => void | Promise<void>;

/** A handler for every command in `C`: a missing or unknown key is a type error. */
export type CommandHandlers<C extends CockpitCommandName> = { readonly [K in C]: CommandHandler };

/** Nothing to do: a command that has no meaning in this layer's current state. */
export const ignore: CommandHandler = () => undefined;
