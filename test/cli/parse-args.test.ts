import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../src/cli/command.js';
import { findCommand, parseArgs, UsageError } from '../../src/cli/parse-args.js';
import { COMMANDS } from '../../src/commands/table.js';

const spec: CommandSpec = {
  name: 'send',
  summary: 's',
  args: [{ name: 'name', required: true, summary: '' }, { name: 'text', variadic: true, summary: '' }],
  flags: [
    { name: 'wait', short: 'w', type: 'boolean', summary: '' },
    { name: 'timeout', short: 't', type: 'number', summary: '' },
  ],
  run: async () => 0,
};

describe('parseArgs', () => {
  it('takes positionals, variadics, flags in any order, and --k=v', () => {
    const p = parseArgs(spec, ['a', '-w', 'hello', '--timeout=5', 'world', '--config', 'x.toml', '--set', 'a.b=1', '--set', 'c.d=2']);
    expect(p.args).toEqual({ name: 'a', text: ['hello', 'world'] });
    expect(p.flags).toEqual({ wait: true, timeout: 5, config: 'x.toml', set: ['a.b=1', 'c.d=2'] });
  });

  it('passes words after -- through, and negative numbers as values', () => {
    const p = parseArgs(spec, ['a', '-t', '-1', '--', '--wait', '-x']);
    expect(p.args.text).toEqual(['--wait', '-x']);
    expect(p.flags.timeout).toBe(-1);
  });

  it('rejects unknown flags, missing values, bad numbers, missing and extra arguments', () => {
    expect(() => parseArgs(spec, ['a', '--nope'])).toThrow(/unknown flag --nope/);
    expect(() => parseArgs(spec, ['a', '--timeout'])).toThrow(/--timeout needs a value/);
    expect(() => parseArgs(spec, ['a', '-t', 'soon'])).toThrow(/must be a number/);
    expect(() => parseArgs(spec, [])).toThrow(/missing NAME/);
    expect(() => parseArgs(spec, ['a', '--wait=yes'])).toThrow(UsageError);
    const single: CommandSpec = { ...spec, args: [{ name: 'name', summary: '' }] };
    expect(() => parseArgs(single, ['a', 'b'])).toThrow(/unexpected argument "b"/);
  });
});

describe('findCommand', () => {
  it('finds a verb by name, alias or unique prefix', () => {
    expect(findCommand(COMMANDS, 'status').name).toBe('status');
    expect(findCommand(COMMANDS, 'ls').name).toBe('status');
    expect(findCommand(COMMANDS, 'pe').name).toBe('peek');
  });

  it('refuses ambiguous prefixes and unknown verbs', () => {
    expect(() => findCommand(COMMANDS, 's')).toThrow(/ambiguous verb "s": status, send, screen/);
    expect(() => findCommand(COMMANDS, 'frob')).toThrow(/unknown verb "frob"/);
  });

  it('has one entry per name and alias', () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(new Set(words).size).toBe(words.length);
  });
});
