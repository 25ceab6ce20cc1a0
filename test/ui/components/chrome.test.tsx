import { renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ChromeCanvas } from '../../../src/ui/chrome-canvas.js';

const drawChrome = (props: Parameters<ChromeCanvas['draw']>[0]) => new ChromeCanvas().draw(props);
import HelpOverlay from '../../../src/ui/components/HelpOverlay.js';
import OutputOverlay, { outputRows } from '../../../src/ui/components/OutputOverlay.js';
import { paneTitle } from '../../../src/ui/chrome-paint.js';
import { displayWidth } from '../../../src/terminal/text-width.js';
import StatusOverlay from '../../../src/ui/components/StatusOverlay.js';
import Table from '../../../src/ui/components/Table.js';
import type { SessionInfo } from '../../../src/protocol/messages.js';
import { DEFAULT_BINDINGS, describeBindings } from '../../../src/keymap/index.js';
import { overlayRect } from '../../../src/ui/overlay-view.js';
import { parseAnsiFrame } from '../../../src/ui/grid/index.js';


const info = (over: Partial<SessionInfo>): SessionInfo => ({
  name: 'builder', kind: 'loop', backend: 'demo', model: 'demo-1', watch: 'heal', state: 'RUNNING',
  status: 'idle', pid: 42, restarts: 0, session: 'x-builder', enabled: true, ...over,
});

/** A pane's title as text, without its styles. */
const titleText = (pane: Parameters<typeof paneTitle>[0], width: number) => paneTitle(pane, width).text.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();

describe('pane title', () => {
  it('names position, agent, backend/model, status, phase, restarts and attention', () => {
    expect(titleText({ position: 2, info: info({ restarts: 3, status: 'needs-input' }), focused: true, attention: true, phase: 'p1' }, 80)).toBe(' 2 builder · demo/demo-1 · needs-input · p1 · ↻3 ●');
  });

  it("names a worker's orchestrator: ↳ lead after its name", () => {
    expect(titleText({ position: 3, info: info({ name: 'w1', kind: 'persistent', parent: 'lead', addedAtRunTime: true }), focused: false, attention: false }, 80)).toBe(' 3 w1 ↳ lead · demo/demo-1 · idle');
  });

  it('shows — for the model of an agent whose backend takes none', () => {
    expect(titleText({ position: 3, info: info({ name: 'shell', backend: 'sh', model: null }), focused: false, attention: false }, 80)).toBe(' 3 shell · sh/— · idle');
  });

  it("shows a usage-limit hold's end as the watchdog reports it", () => {
    const until = new Date(2026, 10, 21, 22, 42).getTime();
    expect(titleText({ position: 1, info: info({ status: 'limited', until }), focused: false, attention: false }, 80)).toContain('· limited until 22:42');
  });

  it('shows the usage window once its session file says it is past 80 %', () => {
    const at = (usedPercent: number) => titleText({ position: 1, info: info({ usedPercent }), focused: false, attention: false }, 80);
    expect(at(84.6)).toBe(' 1 builder · demo/demo-1 · idle · 84% used');
    expect(at(80)).toBe(' 1 builder · demo/demo-1 · idle');
  });

  it("shows the agent's cost once it is known, after the usage window", () => {
    const title = (extra: Parameters<typeof info>[0]) => titleText({ position: 1, info: info(extra), focused: false, attention: false }, 80);
    expect(title({ cost_usd: 0.03125, cost_source: 'priced' })).toBe(' 1 builder · demo/demo-1 · idle · $0.0313');
    expect(title({ usedPercent: 91, cost_usd: 12.5, cost_source: 'stated' })).toBe(' 1 builder · demo/demo-1 · idle · 91% used · $12.50');
    expect(title({ cost_source: 'unknown' })).toBe(' 1 builder · demo/demo-1 · idle');
  });

  it('shows its budget from 80 % on (`$ 82%`), and a budget hold, its own or the fleet\'s', () => {
    const title = (extra: Parameters<typeof info>[0]) => titleText({ position: 1, info: info(extra), focused: false, attention: false }, 80);
    expect(title({ cost_usd: 3.9, budget: { budget_usd: 5, spent_usd: 3.9 } })).toBe(' 1 builder · demo/demo-1 · idle · $3.90');
    expect(title({ cost_usd: 4.1, budget: { budget_usd: 5, spent_usd: 4.1 } })).toBe(' 1 builder · demo/demo-1 · idle · $4.10 · $ 82%');
    expect(title({ cost_usd: 5.2, budget: { budget_usd: 5, spent_usd: 5.2 }, held: 'budget' })).toBe(' 1 builder · demo/demo-1 · idle · $5.20 · $ 104% held');
    expect(title({ cost_usd: 1, held: 'fleet-budget' })).toBe(' 1 builder · demo/demo-1 · idle · $1.00 · $ held (fleet)');
  });

  it("shows the branch of the agent's own worktree, before its phase and cost", () => {
    const title = (extra: Parameters<typeof info>[0]) => titleText({ position: 1, info: info(extra), focused: false, attention: false, phase: 'p1' }, 80);
    expect(title({ branch: 'hangar/builder', worktree: '/p/.hangar/worktrees/builder', cost_usd: 0.5, cost_source: 'priced' })).toBe(' 1 builder · demo/demo-1 · idle · hangar/builder · p1 · $0.5000');
    expect(title({})).toBe(' 1 builder · demo/demo-1 · idle · p1');
  });

  it("shows a watcher's last action after the cost, cut to fit", () => {
    const title = (extra: Parameters<typeof info>[0], width = 120) => titleText({ position: 1, info: info(extra), focused: false, attention: false }, width);
    expect(title({ cost_usd: 0.5, cost_source: 'priced', watcher: 'nudged: delegation_reminder' })).toBe(' 1 builder · demo/demo-1 · idle · $0.5000 · ⚑ nudged: delegation_reminder');
    expect(title({ watcher: 'paused: /giving up/ in the reply: I am giving up for good, it cannot be done' })).toBe(' 1 builder · demo/demo-1 · idle · ⚑ paused: /giving up/ in the reply: I am…');
  });

  it("says why a crashed agent crashed, before the backend when room is short", () => {
    const crashed = info({ status: 'crashed', pid: null, detail: 'command not found: claude' });
    expect(titleText({ position: 1, info: crashed, focused: false, attention: false }, 80)).toBe(
      ' 1 builder · demo/demo-1 · crashed: command not found: claude',
    );
    const narrow = titleText({ position: 1, info: crashed, focused: false, attention: false }, 52);
    expect(narrow).toContain('crashed: command not found: claude');
    expect(narrow).not.toContain('demo/');
    const narrower = titleText({ position: 1, info: crashed, focused: false, attention: false }, 30);
    expect(narrower).toMatch(/ 1 builder · crashed: com…$/);
    expect(narrower.length).toBeLessThanOrEqual(30);
  });

  it('shows the question an agent asks a person (ask) after its needs-input', () => {
    const asking = info({ status: 'needs-input', detail: 'Postgres or SQLite?' });
    expect(titleText({ position: 1, info: asking, focused: false, attention: false }, 80)).toBe(
      ' 1 builder · demo/demo-1 · needs-input: Postgres or SQLite?',
    );
  });

  it('measures the backend in columns: a model of wide characters is cut, not the status', () => {
    const text = titleText({ position: 1, info: info({ model: '世界世界世界' }), focused: false, attention: false }, 35);
    expect(text).toBe(' 1 builder · demo/世界世界… · idle');
    expect(displayWidth(text)).toBeLessThanOrEqual(35);
  });

  it('gives up the backend first when the pane is narrow, never the status', () => {
    const text = titleText({ position: 1, info: info({ status: 'exited', exitCode: 3 }), focused: false, attention: false }, 30);
    expect(text).toContain('exited (3)');
    expect(text).toContain('1 builder');
    expect(displayWidth(text)).toBeLessThanOrEqual(30);
  });
});

describe('Chrome', () => {
  const panes = [
    { info: info({ name: 'alpha' }), position: 1, frame: { x: 0, y: 0, width: 40, height: 6 }, focused: true, attention: false },
    { info: info({ name: 'beta', status: 'working' }), position: 2, frame: { x: 40, y: 0, width: 40, height: 6 }, focused: false, attention: true },
  ];

  it("a pane's border carries its title and leaves the interior blank", () => {
    const lines = drawChrome({ cols: 40, rows: 7, panes: [{ ...panes[1]!, frame: { ...panes[1]!.frame, x: 0 } }], hints: '', summary: '' }).text();
    expect(lines[0]).toMatch(/^╭ 2 beta · demo\/demo-1 · working ● ─*╮$/);
    expect(lines[3]).toBe(`│${' '.repeat(38)}│`);
    expect(lines[5]).toMatch(/^╰─*╯$/);
  });

  it('puts each pane border at its frame and the bottom bar on the last row', () => {
    const grid = drawChrome({ cols: 80, rows: 7, panes, hints: 'C-b ? help', summary: '1 working · 1 idle' });
    const lines = grid.text().map((l) => l.trimEnd());
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^╭ 1 alpha · demo\/demo-1 · idle ─*╮╭ 2 beta · demo\/demo-1 · working ● ─*╮$/);
    expect(lines[3]).toBe(`│${' '.repeat(38)}││${' '.repeat(38)}│`);
    expect(lines[6]).toMatch(/^C-b \? help +1 working · 1 idle$/);
  });

  it('colours the border by focus and attention, the status by what it is; the name of the focused pane bold', () => {
    const grid = drawChrome({ cols: 80, rows: 7, panes, hints: 'C-b ? help', summary: 'detached', message: 'detached' });
    const style = (sgr: string) => parseAnsiFrame(`${sgr}x`, 1, 1).get(0, 0);
    const cell = (x: number, y: number) => grid.get(x, y);
    expect(cell(0, 0).fg).toBe(style('\x1b[36m').fg); // focused: cyan
    expect(cell(40, 3).fg).toBe(style('\x1b[35m').fg); // attention: magenta
    expect(cell(2, 0)).toMatchObject({ char: '1', fg: style('\x1b[96m').fg, attrs: style('\x1b[1m').attrs });
    const working = grid.text()[0]!.indexOf('working');
    expect(cell(working, 0).fg).toBe(style('\x1b[33m').fg);
    expect(cell(0, 6).attrs).toBe(style('\x1b[2m').attrs); // hints: dim
    expect(cell(79, 6)).toMatchObject({ char: 'd', fg: style('\x1b[33m').fg }); // a message: yellow
  });

  it('draws into two grids in turn, each blanked of what it showed before', () => {
    const canvas = new ChromeCanvas();
    const props = { cols: 80, rows: 7, panes, hints: 'C-b ? help', summary: '1 working · 1 idle' };
    const first = canvas.draw(props);
    const second = canvas.draw({ ...props, panes: [] });
    expect(second).not.toBe(first); // the compositor still compares the new base with `first`
    const third = canvas.draw({ ...props, panes: [] });
    expect(third).toBe(first);
    expect(third.text().slice(0, 6).every((line) => line.trim() === '')).toBe(true);
    expect(canvas.draw({ ...props, cols: 60 }).cols).toBe(60); // a new size: a new grid
  });

  it('cuts a title too long for its pane with an ellipsis in the style of the part it cuts', () => {
    const pane = { ...panes[0]!, info: info({ name: 'alpha-with-a-long-name' }), frame: { x: 0, y: 0, width: 24, height: 4 } };
    const grid = drawChrome({ cols: 24, rows: 5, panes: [pane], hints: '', summary: '' });
    expect(grid.text()[0]).toBe('╭ 1 alpha-with-a-long-…╮');
    expect(grid.get(22, 0)).toMatchObject({ char: '…', fg: grid.get(5, 0).fg, attrs: grid.get(5, 0).attrs });
  });
});

describe('Table', () => {
  it('pads columns to their widest cell and right-aligns numbers', () => {
    const { lastFrame } = render(<Table columns={[{ header: 'NAME' }, { header: 'N', align: 'right' }]} rows={[['alpha', '1'], ['b', '120']]} />);
    expect(lastFrame()).toBe('NAME     N\nalpha    1\nb      120');
  });
});

describe('overlays', () => {
  it('help lists every row it is given, keys first', () => {
    const rows = [
      { keys: 'C-b z', summary: 'zoom the focused pane', context: 'prefix' },
      { keys: 'q', summary: 'leave history', context: 'history' },
    ];
    const { lastFrame } = render(<HelpOverlay rows={rows} width={50} height={8} offset={0} />);
    expect(lastFrame()).toMatch(/C-b z +zoom the focused pane/);
    expect(lastFrame()).toMatch(/q +leave history \(history\)/);
  });

  it('help: every row on lines of its own and the keys in one column; a long summary wraps under itself, whole', () => {
    const long = 'a summary far longer than the overlay is wide, which must wrap within it and lose nothing';
    const rows = [
      { keys: 'C-b z', summary: 'zoom the focused pane', context: 'prefix' },
      { keys: 'C-b Space', summary: 'switch to the next layout (tiled, main + stack)', context: 'prefix' },
      { keys: 'C-b d', summary: 'detach', context: 'prefix' },
      { keys: 'C-b p', summary: long, context: 'prefix' },
      { keys: 'n', summary: long, context: 'history' },
      { keys: 'q', summary: 'leave history', context: 'history' },
    ];
    const { lastFrame } = render(<HelpOverlay rows={rows} width={50} height={rows.length + 4 + 6} offset={0} />);
    const lines = lastFrame()!.split('\n');
    const at = (keys: string) => lines.findIndex((l) => l.includes(`║ ${keys} `));
    const found = rows.map((r) => at(r.keys));
    expect(found.every((y) => y > 0)).toBe(true);
    expect(found).toEqual([...found].sort((a, b) => a - b));
    expect(new Set(found).size).toBe(rows.length); // no two rows drawn on one line
    expect(lines[at('C-b d')]).toMatch(/║ C-b d {6}detach +║/);
    const summaryColumn = (keys: string) => lines[at(keys)]!.indexOf(keys) + 'C-b Space'.length + 2;
    expect(lines[at('C-b p')]!.slice(summaryColumn('C-b p'))).toMatch(/^a summary far/);
    expect(lines[at('n')]!.slice(summaryColumn('n'))).toMatch(/^a summary far/);
    // the lines under a long summary, up to the next row, hold the rest of it in the summary column
    const textOf = (keys: string, next: string) =>
      lines.slice(at(keys), at(next)).map((l, i) => {
        if (i > 0) expect(l.slice(0, summaryColumn(keys))).toMatch(/^║ +$/); // the keys column stays clear
        return l.slice(summaryColumn(keys)).replace(/ *║$/, '');
      }).join(' ');
    expect(textOf('C-b p', 'n')).toBe(long);
    expect(textOf('n', 'q')).toBe(`${long} (history)`);
  });

  it('help: every binding\'s summary can be read whole in the overlay a 200-column terminal gets', () => {
    const rows = describeBindings(DEFAULT_BINDINGS, 'C-b');
    const { width, height } = overlayRect(200, 50, { kind: 'help', offset: 0 });
    for (let offset = 0; offset < rows.length; offset++) {
      const lines = renderToString(<HelpOverlay rows={rows} width={width} height={height} offset={offset} />, { columns: width }).split('\n');
      const first = lines.findIndex((l) => l.startsWith(`║ ${rows[offset]!.keys} `));
      const end = lines.findIndex((l, i) => i > first && !/^║ {3}/.test(l)); // the next row's keys, or the footer
      const text = lines.slice(first, end).map((l) => l.slice(2).replace(/ *║$/, '').slice(rows[offset]!.keys.length).trim()).filter(Boolean).join(' ');
      const { summary, context } = rows[offset]!;
      expect(text).toBe(context === 'prefix' ? summary : `${summary} (${context})`);
    }
  });

  it('help: scrolled, it shows the rows from the offset that fit whole, with their wrapped lines', () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ keys: `k${i}`, summary: `row ${i} ${'word '.repeat(6)}end`, context: 'prefix' }));
    const { lastFrame } = render(<HelpOverlay rows={rows} width={40} height={4 + 5} offset={2} />);
    const text = lastFrame()!;
    expect(text).not.toContain('row 1 ');
    expect(text).toMatch(/k2 +row 2/);
    expect(text).toMatch(/k3 +row 3/);
    expect(text.match(/end/g)).toHaveLength(2); // row 2 and row 3 whole (two lines each); row 4 does not fit
  });

  it("a verb's output: long lines wrapped so nothing is cut, the rows from offset, and where they are in the whole", () => {
    const lines = ['  AGENT  KIND', 'a line much longer than the overlay is wide, which wraps onto the rows under it', 'last'];
    // 26 columns inside the frame
    expect(outputRows(lines, 30)).toEqual(['  AGENT  KIND', 'a line much longer than', 'the overlay is wide, which', 'wraps onto the rows under', 'it', 'last']);
    const frame = render(<OutputOverlay title=": status" lines={lines} offset={1} failed={false} width={30} height={7} />).lastFrame()!.split('\n');
    expect(frame[1]).toMatch(/║ : status +║/);
    expect(frame.slice(2, 5).map((l) => l.slice(2, -1).trimEnd())).toEqual(['a line much longer than', 'the overlay is wide, which', 'wraps onto the rows under']);
    expect(frame[5]).toMatch(/║ 2–4 of 6 · ↑\/↓/);
  });

  it('status shows every member with its status, where the status came from, and marks attention', () => {
    const members = [
      info({ name: 'alpha', status_source: 'hook' }),
      info({ name: 'beta', status: 'needs-input', pid: null }),
      info({ name: 'shell', backend: 'sh', model: null, status_source: 'screen' }),
      info({ name: 'gamma', status: 'working', status_source: 'session-file' }),
    ];
    const { lastFrame } = render(<StatusOverlay members={members} selected={1} attention={new Set(['beta'])} width={100} height={10} />);
    expect(lastFrame()).toMatch(/SOURCE/);
    // a server that says no source costs no width
    expect(render(<StatusOverlay members={[info({ name: 'alpha' })]} selected={0} attention={new Set()} width={100} height={9} />).lastFrame()).not.toMatch(/SOURCE/);
    expect(lastFrame()).toMatch(/alpha +loop +demo +demo-1 +heal +idle +hook +42 +0/);
    expect(lastFrame()).toMatch(/shell +loop +sh +— +heal +idle +screen/);
    expect(lastFrame()).toMatch(/gamma +loop +demo +demo-1 +heal +working +session-file +42 +0/);
    expect(lastFrame()).toMatch(/● beta .*needs-input +- +- +0/);
  });

  it('shows COST and BUDGET as hangar status does, only when some member has them', () => {
    const members = [info({ name: 'alpha', cost_usd: 0.0312, budget: { budget_usd: 5, spent_usd: 4.1 } }), info({ name: 'beta' })];
    const frame = render(<StatusOverlay members={members} selected={0} attention={new Set()} width={120} height={9} />).lastFrame()!;
    expect(frame).toMatch(/RESTARTS +COST +BUDGET/);
    expect(frame).toMatch(/alpha .* 42 +0 +\$0\.0312 +\$ 82%/);
    expect(frame).toMatch(/beta .* 42 +0 +- +-/);
    expect(render(<StatusOverlay members={[info({ name: 'alpha' })]} selected={0} attention={new Set()} width={120} height={9} />).lastFrame()).not.toMatch(/COST|BUDGET/);
  });

  it("is a tree: each orchestrator's workers under it", () => {
    const members = [info({ name: 'lead', kind: 'orchestrator' }), info({ name: 'plain' }), info({ name: 'w1', parent: 'lead' }), info({ name: 'w2', parent: 'lead' })];
    const rows = render(<StatusOverlay members={members} selected={0} attention={new Set()} width={100} height={12} />).lastFrame()!.split('\n');
    const names = rows.map((r) => /(↳ )?\b(lead|plain|w1|w2)\b/.exec(r)?.[0]).filter(Boolean);
    expect(names).toEqual(['lead', '↳ w1', '↳ w2', 'plain']);
  });
});
