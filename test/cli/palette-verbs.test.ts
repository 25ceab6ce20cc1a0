import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../src/cli/command.js';
import { paletteVerbs, splitWords } from '../../src/cli/palette-verbs.js';
import { COMMANDS } from '../../src/commands/table.js';

// The cockpit's palette runs the table it is given (the CLI's), not one it imports.
function verb(name: string, run: CommandSpec['run'], extra: Partial<CommandSpec> = {}): CommandSpec {
  return { name, summary: `${name} things`, args: [{ name: 'who', summary: 'whom' }], flags: [], examples: [], run, ...extra };
}

describe("the palette's verbs", () => {
  it('offer the verbs of the table given, by name or alias, without the ones that take over the terminal', () => {
    const palette = paletteVerbs(COMMANDS, { path: '/x/agents.toml', instance: 'default' });
    expect(palette.matches('resta')).toEqual([expect.stringMatching(/^restart /)]);
    expect(palette.matches('st').map((m) => m.split(' ')[0])).toContain('status'); // alias st
    for (const hidden of ['attach', 'logs', 'transcript', 'reset-terminal', 'help']) expect(palette.matches(hidden).map((m) => m.split(' ')[0])).not.toContain(hidden);
    const own = paletteVerbs([verb('wave', async () => 0)], { path: '/x/agents.toml', instance: 'default' });
    expect(own.matches('')).toEqual(['wave [WHO] — wave things']);
  });

  it('run a line through the table given, with the fleet\'s config, and say what it printed', async () => {
    const seen: unknown[] = [];
    const table = [
      verb('wave', async (ctx, parsed) => {
        seen.push([parsed.args.who, parsed.flags.config, parsed.flags.instance, ctx.commands]);
        ctx.out(`waved at ${String(parsed.args.who)}`);
        return 0;
      }),
      verb('fail', async () => 1),
    ];
    // the cockpit's own copy of the fleet: its verbs reach that one, not another copy of the config
    const palette = paletteVerbs(table, { path: '/x/agents.toml', instance: 'review' });
    expect(await palette.run('wave "the builder"')).toEqual({ ok: true, output: 'waved at the builder' });
    expect(seen).toEqual([['the builder', '/x/agents.toml', 'review', table]]);
    expect(await palette.run('fail')).toEqual({ ok: false, output: 'fail: done' });
    expect(await palette.run('')).toEqual({ ok: false, output: 'type a verb, e.g. restart builder' });
    expect((await palette.run('nope')).ok).toBe(false);
  });

  it('split a line into words, honouring quotes', () => {
    expect(splitWords(`send a "two words" 'and more' x`)).toEqual(['send', 'a', 'two words', 'and more', 'x']);
  });
});
