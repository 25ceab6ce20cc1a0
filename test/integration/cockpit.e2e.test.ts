import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyToBytes } from '../../src/terminal/keys.js';
import { demoAndShellConfig, keysFor, titleRow } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { keepView } from '../helpers/kept-view.js';

// The real cockpit in a real pty over a demo fleet, read with @xterm/headless as a person sees it.
const CONFIG = demoAndShellConfig('ck-');


describe('the cockpit', () => {
  const fleet = new TestFleet('ck', CONFIG, { DEMO_THINK_MS: '200' });
  const cockpit = (cols?: number, rows?: number, ...args: string[]) => fleet.cockpit(cols, rows, ...args);
  const hangar = (...args: string[]) => fleet.run(...args);

  beforeAll(() => fleet.up(['alpha', 'beta', 'shell']));
  afterEach(async () => {
    await fleet.closeCockpits();
    // the server keeps the view a cockpit leaves (layout, zoom, focus) for the next attach: each test starts from the first one
    await keepView(join(fleet.dir, 'state', 'hangar.sock'), { layout: 'tiled', zoomed: false, focus: 'alpha', pilot: null });
  });
  afterAll(() => fleet.stop());

  it('shows every agent live in a titled pane, the first one focused', async () => {
    const term = cockpit();
    // attaching resizes the ptys and the agents redraw (briefly working): wait until they settle
    const screen = await term.waitForScreen(
      (s) => s.includes('You said: "first kickoff"') && /╭ 1 alpha · demo\/default · idle/.test(s) && /╭ 3 shell · sh\/— · idle/.test(s),
      10_000,
    );
    expect(screen).toContain('You said: "second kickoff"');
    expect(screen.split('\n').at(-1)).toMatch(/C-b \? help/);
    // the focused pane's cursor is where the child put it: inside alpha's input box
    const { row } = term.cursor();
    expect(term.rows()[row]).toMatch(/│ > /);
  });

  it('sends typed text to the focused agent and shows its reply', async () => {
    const term = cockpit();
    await term.waitForText('You said: "first kickoff"', 10_000);
    term.write('write typed.txt from the cockpit\r');
    await term.waitForText('Wrote typed.txt', 10_000);
    expect(readFileSync(join(fleet.dir, 'work', 'typed.txt'), 'utf8')).toBe('from the cockpit\n');
  });

  it('moves focus, zooms and switches layout with the prefix keys', async () => {
    const term = cockpit();
    await term.waitForText('You said: "second kickoff"', 10_000);
    term.write(keysFor('focus-index', 2));
    term.write('hello beta\r');
    await term.waitForText('You said: "hello beta"', 10_000);
    const tiled = term.screen();
    expect(titleRow(tiled, 'alpha')).toBe(0);
    expect(titleRow(tiled, 'beta')).toBe(0);

    term.write(keysFor('zoom'));
    const zoomed = await term.waitForScreen((s) => titleRow(s, 'alpha') === -1 && titleRow(s, 'beta') === 0);
    expect(zoomed.split('\n')[0]).toMatch(/─╮$/);
    // zoomed, beta keeps the number that focuses it
    expect(zoomed.split('\n')[0]).toMatch(/^╭ 2 beta /);
    term.write(keysFor('zoom'));
    await term.waitForScreen((s) => titleRow(s, 'alpha') === 0);

    term.write(keysFor('next-layout'));
    // main + stack: the focused pane (beta) large on the left, the others stacked on the right
    const stacked = await term.waitForScreen((s) => s.split('\n')[0]!.startsWith('╭ 2 beta') && titleRow(s, 'shell') > 0);
    expect(titleRow(stacked, 'alpha')).toBe(0);
  });

  it('lists every binding in the help overlay, and closes it with Escape', async () => {
    const term = cockpit();
    await term.waitForText('C-b ? help', 10_000);
    term.write(keysFor('help'));
    const help = await term.waitForText('hangar — keys');
    expect(help).toMatch(/C-b z +zoom the focused pane/);
    expect(help).toMatch(/C-b d +detach the cockpit/);
    term.write('\x1b');
    await term.waitForScreen((s) => !s.includes('hangar — keys'));
  });

  it('the event log begins with what happened before the cockpit attached', async () => {
    const term = cockpit();
    await term.waitForText('C-b ? help', 10_000);
    term.write(keysFor('events'));
    const log = await term.waitForText('event log');
    // the agents were started by `up -d`, long before this cockpit
    for (const name of ['alpha', 'beta', 'shell']) expect(log).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d ${name} started \\(pid \\d+\\)`));
    term.write('\x1b');
    await term.waitForScreen((s) => !s.includes('event log'));
  });

  it('detaches with the agents still running, and attach restores every screen', async () => {
    const first = cockpit();
    await first.waitForText('You said: "first kickoff"', 10_000);
    first.write(keysFor('detach'));
    expect((await first.waitForExit()).exitCode).toBe(0);
    expect(first.screen()).toContain('detached: the fleet keeps running');
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    expect(status.agents.every((a: { state: string }) => a.state === 'RUNNING')).toBe(true);
    const again = cockpit();
    await again.waitForScreen((s) => s.includes('You said: "first kickoff"') && s.includes('You said: "second kickoff"'), 10_000);
  });

  it('reflows panes on resize and resizes the ptys to their panes', async () => {
    const term = cockpit(160, 40);
    await term.waitForText('╭ 3 shell', 10_000);
    term.resize(100, 30);
    await term.waitForScreen((s) => s.split('\n')[0]!.length <= 100 && s.split('\n').at(-1)!.includes('C-b'));
    term.write(keysFor('focus-index', 3));
    term.write('stty size\r');
    // the shell's pty is exactly its pane's interior, read off the screen
    const screen = await term.waitForScreen((s) => /│(\d+) (\d+)\s*│/.test(s), 10_000);
    const [, rows, cols] = /│(\d+) (\d+)\s*│/.exec(screen)!;
    const lines = screen.split('\n');
    const top = titleRow(screen, 'shell');
    const frameLine = lines[top]!;
    const left = frameLine.indexOf('╭ 3 shell');
    const width = frameLine.indexOf('╮', left) - left - 1;
    const bottom = lines.findIndex((l, i) => i > top && l[left] === '╰');
    expect(Number(cols)).toBe(width);
    expect(Number(rows)).toBe(bottom - top - 1);
  });

  it('history mode scrolls back, searches upwards from the cursor line and copies through OSC 52, staying in history', async () => {
    const term = cockpit(120, 30);
    await term.waitForText('╭ 3 shell', 10_000);
    term.write(keysFor('focus-index', 3));
    term.write('seq 1 300\r');
    await term.waitForScreen((s) => /│300 *│/.test(s), 10_000);
    term.write(keysFor('history'));
    await term.waitForText('[history ');
    // `/` and the query typed in the same chunk: the search line must take them
    term.write('/150\r');
    // the cursor moved up to the match (its row number depends on what the shell printed before)
    const at = (s: string) => Number(/\[history (\d+)\//.exec(s)?.[1] ?? NaN);
    const bottom = at(term.screen());
    const found = await term.waitForScreen((s) => at(s) < bottom && /│150 *│/.test(s));
    expect(bottom - at(found)).toBe(150); // from the prompt under 300 up to 150
    term.write('vky');
    const copied = await term.waitForText('copied 2 lines (OSC 52)');
    expect(term.raw).toContain(`\x1b]52;c;${Buffer.from('149\n150').toString('base64')}\x07`);
    // still in history mode, the selection gone, the cursor on 149
    expect(copied).not.toContain('lines selected');
    const on149 = at(copied);
    expect(on149).toBe(at(found) - 1);
    // a search finds the cursor's own line; n goes on to the next match (148)
    term.write('/14');
    await term.waitForText('search: 14');
    term.write('\r');
    const again = await term.waitForScreen((s) => s.includes('[history ') && !s.includes('search: '));
    expect(again).not.toContain('no match');
    expect(at(again)).toBe(on149);
    term.write('n');
    await term.waitForScreen((s) => at(s) === on149 - 1);
    // q leaves history mode; nothing reached the shell: the next command runs as typed
    term.write('q');
    await term.waitForScreen((s) => !s.includes('[history '));
    term.write('echo after-history\r');
    await term.waitForScreen((s) => /│after-history *│/.test(s), 10_000);
  });

  it('the command palette shows a verb\'s whole output in an overlay that scrolls; q closes it', async () => {
    const term = cockpit(120, 30);
    await term.waitForText('╭ 3 shell', 10_000);
    term.write(keysFor('palette'));
    await term.waitForText('command palette');
    term.write('status\r');
    // every row of the table, not just its last line
    const table = await term.waitForScreen((s) => /AGENT +KIND +BACKEND/.test(s) && /alpha +persistent +demo/.test(s) && /shell +persistent +sh/.test(s), 10_000);
    expect(table).toMatch(/beta +persistent +demo/);
    term.write('q');
    await term.waitForScreen((s) => !/AGENT +KIND/.test(s));

    // a long answer scrolls: End shows its last line, k goes back one
    term.write(keysFor('focus-index', 3));
    term.write('seq 1001 1100\r');
    await term.waitForScreen((s) => /│1100 *│/.test(s), 10_000);
    term.write(keysFor('palette'));
    await term.waitForText('command palette');
    term.write('peek shell -n 60\r');
    const range = (s: string) => /(\d+)–(\d+) of (\d+)/.exec(s)?.slice(1).map(Number) ?? [];
    const first = await term.waitForScreen((s) => range(s).length === 3, 10_000);
    const [from, , total] = range(first);
    expect(from).toBe(1);
    expect(total).toBeGreaterThanOrEqual(60);
    term.write(keyToBytes('End'));
    await term.waitForScreen((s) => range(s)[1] === total);
    term.write('k');
    await term.waitForScreen((s) => range(s)[1] === total! - 1);
    term.write('\x1b');
    await term.waitForScreen((s) => range(s).length === 0);
  });

  it('keeps two attached cockpits live at once', async () => {
    const a = cockpit(120, 30);
    const b = cockpit(140, 36);
    await a.waitForText('╭ 1 alpha', 10_000);
    await b.waitForText('╭ 1 alpha', 10_000);
    a.write('write both.txt seen twice\r');
    await a.waitForText('Wrote both.txt', 10_000);
    await b.waitForText('Wrote both.txt', 10_000);
  });

  it('C-b c: a form starts a new agent, whose pane appears live in every attached cockpit', async () => {
    const a = cockpit(160, 40);
    const b = cockpit(140, 36);
    await a.waitForText('╭ 3 shell', 10_000);
    await b.waitForText('╭ 3 shell', 10_000);
    a.write(keysFor('new-agent'));
    await a.waitForText('new agent (added at run time, not written to agents.toml)');
    a.write('alpha\r'); // a taken name: said beside the field, the form stays open
    await a.waitForText('name: "alpha" is already taken');
    // fix the name, Tab over the backend (the [defaults] one, demo), a prompt, Enter
    a.write('\x7f'.repeat(5) + 'gamma\t\tthird kickoff\r');
    await a.waitForScreen((s) => /╭ 4 gamma · demo\/default/.test(s) && s.includes('You said: "third kickoff"'), 10_000);
    expect(a.screen()).not.toContain('new agent (added at run time');
    await b.waitForScreen((s) => /╭ 4 gamma · demo\/default/.test(s) && s.includes('You said: "third kickoff"'), 10_000);

    // the new agent has the focus: typing goes to it
    a.write('hello gamma\r');
    await a.waitForText('You said: "hello gamma"', 10_000);
    expect((await hangar('screen', 'gamma')).stdout).toContain('You said: "hello gamma"');
    expect((await hangar('status')).stdout).toMatch(/gamma .*\(added at run time, not in agents\.toml\)/);
    expect(readFileSync(join(fleet.dir, 'agents.toml'), 'utf8')).toBe(CONFIG);
    expect((await hangar('down', 'gamma')).code).toBe(0);
    await b.waitForScreen((s) => !s.includes('╭ 4 gamma'), 10_000);
  });
});
