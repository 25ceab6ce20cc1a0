import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BINDINGS, type BindingContext } from '../../src/keymap/index.js';
import { keyToBytes } from '../../src/terminal/keys.js';
import { PtyScreen } from '../helpers/pty-screen.js';
import { HANGAR_BIN, runHangar } from '../helpers/run-hangar.js';
import { demoConversationPrompts, pilotFleetConfig } from '../helpers/pilot-fleet.js';

// The pilot view in the real cockpit, in a real pty over a demo fleet whose backend rewinds
// by resume (the demo agent resumes a conversation at a turn), read as a person sees it.
const CONFIG = pilotFleetConfig('cpv-');

const PREFIX = keyToBytes('C-b');

/** The bytes of a binding, looked up by command name (so rebinding does not break the test). */
function keysFor(context: BindingContext, command: string): string {
  const binding = DEFAULT_BINDINGS.find((b) => b.context === context && b.command === command);
  if (!binding) throw new Error(`no ${context} binding for ${command}`);
  return (context === 'prefix' ? PREFIX : '') + keyToBytes(binding.keys[0]!);
}

describe('the pilot view in the cockpit', () => {
  let dir: string;
  let env: Record<string, string>;
  const open: PtyScreen[] = [];
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });
  const cockpit = (...args: string[]) => run('attach', ...args);
  const run = (...args: string[]) => {
    const term = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, ...args], cwd: dir, env, cols: 160, rows: 40 });
    open.push(term);
    return term;
  };
  const work = (file: string) => join(dir, 'work', file);
  const read = (file: string) => (existsSync(work(file)) ? readFileSync(work(file), 'utf8') : null);
  /** The turns the demo's current conversation holds (its state file). */
  const conversation = () => demoConversationPrompts(join(dir, 'state', 'state'), 'builder', join(dir, 'demo-state'));
  /** A row of the timeline panel: the label (● on current) and the prompt's summary. */
  const row = (label: string, prompt: string, current = false) => new RegExp(`${current ? '●' : ' '} ${label} +${prompt.replace(/\./g, '\\.')}`);
  const at = (label: string) => `timeline · builder · at ${label}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-cpv-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { DEMO_THINK_MS: '100', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    expect((await hangar('up', '-d')).code).toBe(0);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.dispose()));
  });

  afterAll(async () => {
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'work')}-builder-T2`, { recursive: true, force: true });
  });

  it('C-b p, three prompts from the bar, goto T1 (files and conversation), undo, a diff, branch T2 into a new pane', async () => {
    const term = cockpit();
    await term.waitForText('╭ 1 builder', 10_000);
    term.write(keysFor('prefix', 'pilot'));
    await term.waitForScreen((s) => s.includes(at('root')) && s.includes('prompt → builder'), 10_000);
    // the prompt bar has the keys, and the terminal cursor is in it
    expect(term.rows()[term.cursor().row]).toMatch(/│› /);

    const prompts = ['write a.txt one', 'write b.txt two', 'write a.txt three'];
    for (const [i, prompt] of prompts.entries()) {
      term.write(`${prompt}\r`);
      await term.waitForScreen((s) => s.includes(at(`T${i + 1}`)) && row(`T${i + 1}`, prompt, true).test(s), 20_000);
    }
    const tree = term.screen();
    expect(tree).toMatch(row('root', '\\(before the first turn\\)'));
    expect(tree).toMatch(/T3 +write a\.txt three +\d+s 1 file \+1 −1/);
    expect([read('a.txt'), read('b.txt')]).toEqual(['three\n', 'two\n']);

    // to the timeline; T3 is selected (current): two up is T1; g asks, y goes
    term.write(keysFor('prompt', 'prompt-next-part'));
    await term.waitForText('j/k · g goto', 5000);
    term.write(keysFor('timeline', 'timeline-up').repeat(2));
    term.write(keysFor('timeline', 'timeline-goto'));
    await term.waitForText('Go to T1?', 5000);
    term.write('y');
    await term.waitForScreen((s) => s.includes(at('T1')) && row('T1', 'write a.txt one', true).test(s), 20_000);
    expect([read('a.txt'), read('b.txt')]).toEqual(['one\n', null]);
    expect(term.screen()).toMatch(/at T1: files restored, conversation by resume/);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(conversation()).toEqual(['write a.txt one']);
    // T2 and T3 are still listed: every turn stays reachable
    expect(term.screen()).toMatch(row('T3', 'write a.txt three'));

    term.write(keysFor('timeline', 'timeline-undo'));
    await term.waitForScreen((s) => s.includes(at('root')), 20_000);
    expect([read('a.txt'), read('b.txt')]).toEqual([null, null]);

    // the selection followed current to root: two down is T2; d shows what T2 changed
    term.write(keysFor('timeline', 'timeline-down').repeat(2));
    term.write(keysFor('timeline', 'timeline-diff'));
    const diff = await term.waitForText('what T2 changed (T1..T2)', 5000);
    expect(diff).toMatch(/\+two/);
    term.write('\x1b');
    await term.waitForScreen((s) => !s.includes('what T2 changed'), 5000);

    term.write(keysFor('timeline', 'timeline-branch'));
    await term.waitForText('Branch from T2?', 5000);
    term.write('y');
    await term.waitForScreen((s) => /╭ 2 builder-T2 · demo/.test(s) && s.includes('builder-T2 runs from T2'), 20_000);
    const copy = `${join(dir, 'work')}-builder-T2`;
    expect([readFileSync(join(copy, 'a.txt'), 'utf8'), readFileSync(join(copy, 'b.txt'), 'utf8')]).toEqual(['one\n', 'two\n']);

    // and forward again to the newest turn, from the timeline
    term.write(keysFor('timeline', 'timeline-down'));
    term.write(keysFor('timeline', 'timeline-goto'));
    await term.waitForText('Go to T3?', 5000);
    term.write('y');
    await term.waitForScreen((s) => s.includes(at('T3')), 20_000);
    expect([read('a.txt'), read('b.txt')]).toEqual(['three\n', 'two\n']);

    // q leaves the pilot view; the panes are back in the tiled layout
    term.write(keysFor('timeline', 'timeline-leave'));
    await term.waitForScreen((s) => !s.includes('timeline · builder') && /╭ 1 builder/.test(s) && /╭ 2 builder-T2/.test(s), 5000);
  }, 90_000);

  it('attach --pilot and hangar pilot open in the pilot view: Up recalls the prompts sent, a paste lands in the bar, Esc twice leaves', async () => {
    const wrong = cockpit('--pilot', 'nosuch');
    expect((await wrong.waitForExit(10_000)).exitCode).not.toBe(0);
    expect(wrong.screen()).toMatch(/hangar: .*nosuch/);
    expect(wrong.raw).not.toContain('\x1b[?1049h'); // refused before taking the terminal

    // in a terminal, `hangar pilot NAME` is `hangar attach --pilot NAME`
    const term = run('pilot', 'builder');
    await term.waitForScreen((s) => /timeline · builder · at T\d/.test(s) && s.includes('prompt → builder'), 10_000);
    term.write(keyToBytes('Up'));
    await term.waitForText('│› write a.txt three', 5000);
    term.write(keysFor('prompt', 'prompt-kill-line'));
    await term.waitForScreen((s) => !s.includes('│› write a.txt three'), 5000);
    // a bracketed paste with a line break: text in the bar, nothing sent
    term.write('\x1b[200~write d.txt pasted\rby a paste\x1b[201~');
    await term.waitForScreen((s) => s.includes('│› write d.txt pasted') && s.includes('│  by a paste'), 5000);
    expect(read('d.txt')).toBeNull();
    // Esc leaves the bar (the timeline has the keys), Esc again leaves the view
    term.write(keyToBytes('Escape'));
    await term.waitForText('j/k · g goto', 5000);
    term.write(keyToBytes('Escape'));
    await term.waitForScreen((s) => !s.includes('timeline · builder'), 5000);
  }, 30_000);
});
