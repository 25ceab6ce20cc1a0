import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BINDINGS,
  DEFAULT_PREFIX,
  PREFIX_KEY,
  checkBindings,
  describeBindings,
  renderKeysDoc,
  type Binding,
} from '../../src/keymap/bindings.js';
import { COCKPIT_COMMANDS, findCockpitCommand } from '../../src/keymap/cockpit-commands.js';
import { bindingKeyBytes } from '../../src/keymap/key-bytes.js';

describe('the cockpit command table', () => {
  it('has unique names and a summary for every command', () => {
    const names = COCKPIT_COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COCKPIT_COMMANDS) expect(c.summary.length, c.name).toBeGreaterThan(5);
  });
  it('holds the commands issues 3 and 5 ask for', () => {
    for (const name of ['focus-index', 'zoom', 'next-layout', 'detach', 'quit', 'send-prefix', 'history-copy', 'overlay-backspace']) {
      expect(findCockpitCommand(name), name).toBeDefined();
    }
    for (const name of ['pilot', 'timeline-goto', 'timeline-undo', 'timeline-branch', 'timeline-diff', 'prompt-send', 'prompt-newline', 'prompt-up']) {
      expect(findCockpitCommand(name), name).toBeDefined();
    }
  });

  it('binds the pilot view as issue 5 says: C-b p, j/k g u b d q on the timeline, Enter and Up/Down in the bar', () => {
    const keys = (context: string, command: string) => DEFAULT_BINDINGS.find((b) => b.context === context && b.command === command)?.keys;
    expect(keys('prefix', 'pilot')).toEqual(['p']);
    expect(keys('timeline', 'timeline-down')).toEqual(['j', 'Down']);
    expect(keys('timeline', 'timeline-up')).toEqual(['k', 'Up']);
    expect(['g', 'u', 'b', 'd'].map((k, i) => keys('timeline', ['timeline-goto', 'timeline-undo', 'timeline-branch', 'timeline-diff'][i]!)?.[0] === k)).toEqual([true, true, true, true]);
    expect(keys('timeline', 'timeline-leave')).toEqual(['q', 'Escape']);
    expect(keys('prompt', 'prompt-send')).toEqual(['Enter']);
    expect(keys('prompt', 'prompt-newline')).toEqual(['M-Enter', 'C-j']);
    expect(keys('prompt', 'prompt-leave')).toEqual(['Escape']);
  });
});

describe('default bindings', () => {
  it('name only commands of the table, in the context they belong to, with valid keys', () => {
    expect(checkBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX)).toEqual([]);
    for (const b of DEFAULT_BINDINGS) expect(findCockpitCommand(b.command), b.command).toBeDefined();
  });

  it('bind no key twice in one context (compared by the bytes it sends)', () => {
    for (const prefix of [DEFAULT_PREFIX, 'C-a', 'C-Space']) {
      const seen = new Set<string>();
      for (const b of DEFAULT_BINDINGS) {
        for (const k of b.keys) {
          const slot = `${b.context} ${JSON.stringify(bindingKeyBytes(k, prefix))}`;
          expect(seen.has(slot), `${slot} (${b.command})`).toBe(false);
          seen.add(slot);
        }
      }
    }
  });

  it('reach every command of the table', () => {
    const bound = new Set(DEFAULT_BINDINGS.map((b) => b.command));
    for (const c of COCKPIT_COMMANDS) expect(bound.has(c.name), c.name).toBe(true);
  });

  it('focus by position 1–9 after the prefix', () => {
    const positions = DEFAULT_BINDINGS.filter((b) => b.command === 'focus-index').map((b) => [b.keys[0], b.arg]);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [String(n), n]));
  });
});

describe('checkBindings finds', () => {
  const base: Binding = { context: 'prefix', keys: ['z'], command: 'zoom' };
  const problemsOf = (extra: Binding[], prefix = DEFAULT_PREFIX) => checkBindings([base, ...extra], prefix);

  it('a key bound twice, also under another spelling', () => {
    expect(problemsOf([{ context: 'prefix', keys: ['z'], command: 'detach' }])).toHaveLength(1);
    expect(
      checkBindings(
        [
          { context: 'prefix', keys: ['Space'], command: 'zoom' },
          { context: 'prefix', keys: [' '], command: 'detach' },
        ],
        DEFAULT_PREFIX,
      ),
    ).toHaveLength(1);
  });
  it('the same key in different contexts is fine', () => {
    expect(problemsOf([{ context: 'history', keys: ['z'], command: 'history-top' }])).toEqual([]);
  });
  it('a prefix that is also bound after itself', () => {
    expect(problemsOf([{ context: 'prefix', keys: [PREFIX_KEY], command: 'send-prefix' }], 'z')).toHaveLength(1);
  });
  it('unknown commands and keys, wrong contexts, missing or stray arguments', () => {
    expect(problemsOf([{ context: 'prefix', keys: ['y'], command: 'fly' }])[0]).toMatch(/unknown command "fly"/);
    expect(problemsOf([{ context: 'prefix', keys: ['NoSuchKey'], command: 'detach' }])[0]).toMatch(/unknown key/);
    expect(problemsOf([{ context: 'history', keys: ['y'], command: 'detach' }])[0]).toMatch(/pane command/);
    expect(problemsOf([{ context: 'prefix', keys: ['y'], command: 'focus-index' }])[0]).toMatch(/pane position/);
    expect(problemsOf([{ context: 'prefix', keys: ['y'], command: 'detach', arg: 2 }])[0]).toMatch(/no argument/);
    expect(problemsOf([{ context: 'history', keys: [PREFIX_KEY], command: 'history-top' }])[0]).toMatch(/after the prefix/);
  });
});

describe('describeBindings', () => {
  const rows = describeBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX);

  it('gives one described row per binding, keys written as typed', () => {
    expect(rows).toHaveLength(DEFAULT_BINDINGS.length);
    for (const r of rows) expect(r.summary.length, r.command).toBeGreaterThan(0);
    expect(rows.find((r) => r.command === 'zoom')).toMatchObject({ keys: 'C-b z', context: 'prefix' });
    expect(rows.find((r) => r.command === 'focus-left')?.keys).toBe('C-b Left, C-b h');
    expect(rows.find((r) => r.command === 'send-prefix')?.keys).toBe('C-b C-b');
    expect(rows.find((r) => r.command === 'history-exit')?.keys).toBe('q, Escape');
  });

  it('describes every command reachable by a binding', () => {
    const described = new Set(rows.map((r) => r.command));
    for (const b of DEFAULT_BINDINGS) expect(described.has(b.command), b.command).toBe(true);
  });

  it('follows a custom prefix', () => {
    const custom = describeBindings(DEFAULT_BINDINGS, 'C-a');
    expect(custom.find((r) => r.command === 'detach')?.keys).toBe('C-a d');
    expect(custom.find((r) => r.command === 'send-prefix')?.keys).toBe('C-a C-a');
  });
});

describe('renderKeysDoc', () => {
  it('lists every binding with its keys and what it does', () => {
    const doc = renderKeysDoc(DEFAULT_BINDINGS, DEFAULT_PREFIX);
    const lines = doc.split('\n');
    for (const row of describeBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX)) {
      const line = lines.find((l) => l.includes(`| ${row.summary.replaceAll('|', '\\|')} |`) && l.includes(row.command));
      expect(line, row.command).toBeDefined();
      for (const k of row.keys.split(', ')) expect(line, `${row.command}: ${k}`).toContain(`\`${k}\``);
    }
    expect(lines.filter((l) => l.startsWith('| `')).length).toBe(DEFAULT_BINDINGS.length);
    expect(doc).toContain('## History mode');
    expect(doc.endsWith('\n')).toBe(true);
  });

  it('is stable (the staleness test compares it with docs/keys.md)', () => {
    expect(renderKeysDoc(DEFAULT_BINDINGS, DEFAULT_PREFIX)).toBe(renderKeysDoc([...DEFAULT_BINDINGS], DEFAULT_PREFIX));
  });

  it('keeps table cells intact for keys with pipes and backticks', () => {
    const doc = renderKeysDoc(
      [
        { context: 'history', keys: ['|'], command: 'history-top' },
        { context: 'history', keys: ['`'], command: 'history-bottom' },
      ],
      DEFAULT_PREFIX,
    );
    expect(doc).toContain('| `\\|` | history-top |');
    expect(doc).toContain('| `` ` `` | history-bottom |');
  });
});
