import { describe, expect, it } from 'vitest';
import { COCKPIT_COMMANDS, type CommandsIn } from '../../src/keymap/index.js';
import { ignore, type CommandHandlers } from '../../src/ui/command-table.js';
import { createLayers } from '../../src/ui/cockpit-layers.js';
import type { FleetConfig } from '../../src/config/types.js';
import type { FleetClient } from '../../src/client/fleet-client.js';
import { Compositor } from '../../src/ui/compositor/index.js';
import { createViewStore } from '../../src/ui/view-store.js';
import { DEFAULT_BINDINGS } from '../../src/keymap/index.js';
import type { TerminalIo } from '../../src/ui/terminal-io.js';

describe('handler tables', () => {
  it('the compiler rejects a table that misses a command or names one that does not exist (npm run typecheck holds this)', () => {
    const timeline = {
      'timeline-up': ignore, 'timeline-down': ignore, 'timeline-goto': ignore, 'timeline-undo': ignore, 'timeline-branch': ignore,
      'timeline-diff': ignore, 'timeline-next-part': ignore, 'timeline-prev-part': ignore, 'timeline-leave': ignore,
    } satisfies CommandHandlers<CommandsIn<'timeline'>>;
    // @ts-expect-error timeline-leave has no handler
    const missing: CommandHandlers<CommandsIn<'timeline'>> = { ...timeline, 'timeline-leave': undefined };
    // @ts-expect-error a misspelt command is no command
    const misspelt: CommandHandlers<CommandsIn<'timeline'>> = { ...timeline, 'timeline-leav': ignore };
    expect([missing, misspelt]).toHaveLength(2);
  });

  it('every command of the table has a handler in the cockpit: after the prefix, or in the layers of its scope', () => {
    const store = createViewStore();
    const config = { path: '/x/agents.toml', backends: { demo: {} }, defaults: {}, ui: { prefix: 'C-b', mouse: true, notify: 'none', clipboard: 'off', keys: {} } } as unknown as FleetConfig;
    const terminal = { cols: 80, rows: 24, write: () => {} } as unknown as TerminalIo;
    const layers = createLayers({
      store, client: {} as FleetClient, config, terminal, compositor: new Compositor(80, 24), bindings: DEFAULT_BINDINGS, help: [],
      panes: () => [], frames: () => [], relayout: () => {}, queueFrame: () => {}, focus: () => {}, notice: () => {}, runVerb: async () => {}, end: () => {},
    });
    const handled = new Set([...Object.keys(layers.prefixCommands), ...Object.values(layers.layerCommands).flatMap((t) => Object.keys(t))]);
    expect(COCKPIT_COMMANDS.map((c) => c.name).filter((name) => !handled.has(name))).toEqual([]);
    // each scope's commands are all in the one layer table of that scope
    expect(Object.keys(layers.layerCommands.history).sort()).toEqual(COCKPIT_COMMANDS.filter((c) => c.scope === 'history').map((c) => c.name).sort());
    for (const layer of ['overlay', 'form', 'search'] as const) {
      expect(Object.keys(layers.layerCommands[layer]).sort()).toEqual(COCKPIT_COMMANDS.filter((c) => c.scope === 'overlay').map((c) => c.name).sort());
    }
  });
});
