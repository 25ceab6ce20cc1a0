import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { DEFAULT_BINDINGS, boundKeys, checkBindings, describeBindings, keyOverrideProblems } from '../../src/keymap/index.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const scratch = scratchDir('hangar-keys');

describe('[ui.keys]: the bindings in effect', () => {
  it('a command named there loses its default keys and gets these, in its own place', () => {
    const bindings = boundKeys({ 'new-agent': ['n'], 'history-line-up': ['k', 'C-p'] });
    expect(bindings.filter((b) => b.command === 'new-agent')).toEqual([{ context: 'prefix', keys: ['n'], command: 'new-agent' }]);
    expect(bindings.find((b) => b.command === 'history-line-up')).toEqual({ context: 'history', keys: ['k', 'C-p'], command: 'history-line-up' });
    // everything else as it was, in the same order (help lists them in table order)
    expect(bindings.map((b) => b.command)).toEqual(DEFAULT_BINDINGS.map((b) => b.command));
    expect(checkBindings(bindings, 'C-b')).toEqual([]);
  });

  it('two commands may swap keys; a key left bound twice is a problem named at the command written', () => {
    expect(keyOverrideProblems({ status: ['c'], 'new-agent': ['s'] }, 'C-b')).toEqual([]);
    expect(keyOverrideProblems({ 'new-agent': ['s'] }, 'C-b')).toEqual([
      { command: 'new-agent', message: 'key "s" is bound to both new-agent and status after the prefix; bind one of them to another key' },
    ]);
    // a prefix that is also a default key after the prefix: reported at the prefix
    expect(keyOverrideProblems({}, 'd')).toEqual([
      { command: 'prefix', message: 'key "<prefix>" is bound to both detach and send-prefix after the prefix; bind one of them to another key' },
    ]);
  });

  it('focus-index takes its keys by position', () => {
    const focus = boundKeys({ 'focus-index': ['F1', 'F2'] }).filter((b) => b.command === 'focus-index');
    expect(focus.map((b) => [b.keys, b.arg])).toEqual([[['F1'], 1], [['F2'], 2]]);
    expect(keyOverrideProblems({ 'focus-index': Array.from({ length: 10 }, (_, i) => `F${i + 1}`) }, 'C-b')[0]?.message).toMatch(/at most 9 keys, got 10/);
  });

  it('agents.toml: [ui.keys] sets the prefix and the keys; help lists the keys in effect', () => {
    const dir = scratch.fresh();
    const path = join(dir, 'agents.toml');
    writeFileSync(path, '[defaults]\nsession_prefix = "p-"\nlog_dir = "logs"\nbackend = "sh"\n\n[backend.sh]\nbin = "sh"\n\n[[agent]]\nname = "a"\n\n[ui.keys]\nprefix = "C-a"\n"new-agent" = "n"\n"history-line-up" = ["k", "C-p"]\n');
    const { config } = loadConfig({ path, env: {} });
    expect(config.ui.prefix).toBe('C-a');
    expect(config.ui.keys).toEqual({ 'new-agent': ['n'], 'history-line-up': ['k', 'C-p'] });
    const help = describeBindings(boundKeys(config.ui.keys), config.ui.prefix);
    expect(help.find((r) => r.command === 'new-agent')?.keys).toBe('C-a n');
    expect(help.find((r) => r.command === 'send-prefix')?.keys).toBe('C-a C-a');
  });
});
