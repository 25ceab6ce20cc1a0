export {
  BINDING_CONTEXTS,
  DEFAULT_BINDINGS,
  DEFAULT_PREFIX,
  PREFIX_KEY,
  checkBindings,
  describeBindings,
  renderKeysDoc,
  type Binding,
  type BindingContext,
  type BindingRow,
} from './bindings.js';
export { COCKPIT_COMMANDS, findCockpitCommand, isCockpitCommandName, type CockpitCommand, type CockpitCommandName, type CommandsIn, type CommandScope } from './cockpit-commands.js';
export { bindableCommands, boundKeys, keyOverrideProblems, type KeyOverrides } from './key-config.js';
