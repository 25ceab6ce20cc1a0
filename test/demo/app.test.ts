import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoApp, ESCAPE_WAIT_MS } from '../../src/demo/app.js';
import type { Clock } from '../../src/demo/clock.js';
import type { Conversation } from '../../src/demo/conversation-store.js';
import type { DemoTerminal } from '../../src/demo/demo-terminal.js';
import { usageLimitBanner } from '../../src/demo/reset-time.js';
import { sessionLogPath, sessionLogWriter } from '../../src/demo/session-log.js';
import type { ToolCaller, ToolOutcome } from '../../src/demo/tool-call.js';

const { Terminal } = xtermHeadless;

/** A clock that only moves when the test says so. */
class FakeClock implements Clock {
  private time = Date.UTC(2025, 0, 1, 12, 0, 0);
  private timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  schedule(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
  /** Move time forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.cancelled = true;
      this.time = due.at;
      due.callback();
    }
    this.time = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
}

/** A terminal whose output goes into a headless xterm, and whose input the test types. */
class FakeTerminal implements DemoTerminal {
  readonly screen = new Terminal({ cols: 60, rows: 16, allowProposedApi: true });
  written = '';
  private input: ((chunk: string) => void) | undefined;
  private resize: (() => void) | undefined;
  size() {
    return { columns: this.screen.cols, rows: this.screen.rows };
  }
  write(data: string): void {
    this.written += data;
    this.screen.write(data);
  }
  onInput(listener: (chunk: string) => void) {
    this.input = listener;
    return () => (this.input = undefined);
  }
  onResize(listener: () => void) {
    this.resize = listener;
    return () => (this.resize = undefined);
  }
  type(chunk: string): void {
    this.input?.(chunk);
  }
  resizeTo(cols: number, rows: number): void {
    this.screen.resize(cols, rows);
    this.resize?.();
  }
  get listening(): boolean {
    return this.input !== undefined || this.resize !== undefined;
  }
  /** Parsed screen text; waits for xterm's write queue to drain. */
  text(): Promise<string> {
    return new Promise((resolve) =>
      this.screen.write('', () => {
        const buffer = this.screen.buffer.active;
        const rows: string[] = [];
        for (let y = 0; y < this.screen.rows; y++) rows.push(buffer.getLine(y)?.translateToString(true) ?? '');
        resolve(rows.join('\n'));
      }),
    );
  }
}

describe('DemoApp event loop (fake clock)', () => {
  let cwd: string;
  let clock: FakeClock;
  let terminal: FakeTerminal;
  let saved: Conversation[];
  /** What the terminal had been sent when each save happened. */
  let writtenAtSave: string[];
  let exits: Array<{ code: number; message?: string }>;
  let app: DemoApp;

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'hangar-demo-app-'));
    clock = new FakeClock();
    terminal = new FakeTerminal();
    saved = [];
    writtenAtSave = [];
    exits = [];
    const save = (c: Conversation): void => {
      saved.push(c);
      writtenAtSave.push(terminal.written);
    };
    app = new DemoApp(
      { id: 'sid', model: 'demo-1', cwd, turns: [] },
      { terminal, clock, cwd, thinkMs: 1500, save, onExit: (code, message) => exits.push({ code, message }) },
    );
  });

  afterEach(() => {
    app.dispose();
    terminal.screen.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('is idle when idle: no timers after start', async () => {
    app.start();
    expect(clock.pending).toBe(0);
    expect(saved).toHaveLength(1);
    expect(await terminal.text()).toContain('session: sid');
  });

  it('animates the spinner only while thinking and replies after the think time', async () => {
    app.start();
    terminal.type('hi\r');
    expect(await terminal.text()).toContain('⠋ Thinking… (0s · esc to interrupt)');
    clock.advance(1200);
    // 1200 ms in: the twelfth spinner frame, one whole second.
    expect(await terminal.text()).toContain('⠹ Thinking… (1s · esc to interrupt)');
    clock.advance(300);
    const screen = await terminal.text();
    expect(screen).toContain('● You said: "hi"');
    expect(screen).not.toContain('Thinking');
    expect(clock.pending).toBe(0);
    expect(saved.at(-1)?.turns).toEqual([{ prompt: 'hi', reply: 'You said: "hi"', at: new Date(clock.now()).toISOString() }]);
  });

  it('saves a finished turn before it draws the reply and the idle box', async () => {
    app.start('hi');
    clock.advance(1500);
    expect(await terminal.text()).toContain('● You said: "hi"');
    expect(saved).toHaveLength(2);
    // The session file a watcher reads says the turn is over no later than the screen does.
    expect(terminal.written).toContain('You said: "hi"');
    expect(writtenAtSave[1]).not.toContain('You said: "hi"');
  });

  it('performs write when the think time is over, not before', () => {
    app.start('write a.txt hello');
    expect(() => readFileSync(join(cwd, 'a.txt'))).toThrow();
    clock.advance(1500);
    expect(readFileSync(join(cwd, 'a.txt'), 'utf8')).toBe('hello\n');
  });

  it('takes a lone ESC as Escape after a quiet moment, and an arrow key not at all', async () => {
    app.start('work');
    terminal.type('\x1b');
    terminal.type('[A');
    clock.advance(ESCAPE_WAIT_MS);
    expect(app.current.mode.kind).toBe('thinking');
    terminal.type('\x1b');
    clock.advance(ESCAPE_WAIT_MS);
    expect(app.current.mode.kind).toBe('idle');
    expect(await terminal.text()).toContain('● Interrupted.');
    expect(saved.at(-1)?.turns.map((t) => t.reply)).toEqual(['Interrupted.']);
  });

  it('clears the usage banner by itself at the reset time', async () => {
    app.start('/limit 90');
    expect(await terminal.text()).toContain(usageLimitBanner(new Date(clock.now() + 90_000)));
    clock.advance(89_999);
    expect(await terminal.text()).toContain("You've hit your usage limit");
    clock.advance(1);
    expect(await terminal.text()).not.toContain("You've hit your usage limit");
    expect(clock.pending).toBe(0);
  });

  it('draws nothing more once hung, not even on resize', () => {
    app.start('/hang');
    const written = terminal.written.length;
    terminal.type('hello\r\x03');
    terminal.resizeTo(50, 12);
    clock.advance(10_000);
    expect(terminal.written.length).toBe(written);
    expect(exits).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('redraws at the new size on resize', async () => {
    app.start();
    await terminal.text();
    terminal.resizeTo(40, 10);
    const rows = (await terminal.text()).split('\n');
    expect(rows[8]).toBe(`╰${'─'.repeat(38)}╯`);
  });

  it('releases timers, listeners and the screen on exit', () => {
    app.start('slow prompt');
    expect(clock.pending).toBeGreaterThan(0);
    terminal.type('\x04');
    expect(exits).toEqual([{ code: 0, message: undefined }]);
    expect(clock.pending).toBe(0);
    expect(terminal.listening).toBe(false);
    expect(terminal.written.endsWith('\x1b[?2004l\x1b[?25h\x1b[?1049l')).toBe(true);
  });
});

describe('DemoApp writing its session file (fake clock, real files)', () => {
  let dir: string;
  let clock: FakeClock;
  let terminal: FakeTerminal;
  let exits: number[];
  let app: DemoApp;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-demo-app-log-'));
    clock = new FakeClock();
    terminal = new FakeTerminal();
    exits = [];
    app = new DemoApp(
      { id: 'sid', model: 'demo-1', cwd: dir, turns: [] },
      { terminal, clock, cwd: dir, thinkMs: 1500, save: sessionLogWriter(dir, 'fresh'), onExit: (code) => exits.push(code) },
    );
  });

  afterEach(() => {
    app.dispose();
    terminal.screen.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const logged = (): Array<{ type: string; message: { content: unknown } }> =>
    readFileSync(sessionLogPath(dir, 'sid'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
  const texts = (): unknown[] => logged().map((r) => (r.type === 'user' ? r.message.content : (r.message.content as Array<{ text: string }>)[0]!.text));

  it('gets two records for every recorded turn, none for /history, and /ask\'s once it is answered', () => {
    app.start();
    expect(logged()).toEqual([]);
    terminal.type('/history\r');
    expect(logged()).toEqual([]);
    terminal.type('/ask ship it?\r');
    expect(logged()).toEqual([]);
    terminal.type('y');
    expect(texts()).toEqual(['/ask ship it?', 'You answered yes to: ship it?']);
    terminal.type('/limit 60\r');
    terminal.type('hi\r');
    expect(texts().slice(2)).toEqual(['/limit 60', 'Pretending to be out of quota for 60s.', 'hi', expect.stringContaining('Cannot answer now')]);
    clock.advance(60_000);
    terminal.type('slow\r');
    expect(logged()).toHaveLength(6);
    terminal.type('\x1b');
    clock.advance(ESCAPE_WAIT_MS);
    expect(texts().slice(6)).toEqual(['slow', 'Interrupted.']);
    expect(logged().map((r) => r.type)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    terminal.type('/crash 3\r');
    expect(exits).toEqual([3]);
    expect(logged()).toHaveLength(8);
  });
});

describe('DemoApp /tool (an MCP tool call is the turn)', () => {
  let cwd: string;
  let terminal: FakeTerminal;
  let saved: Conversation[];
  let app: DemoApp;
  let answer: (outcome: ToolOutcome) => void;
  let clock: FakeClock;
  const asked: Array<[string, Record<string, unknown>]> = [];
  const tools: ToolCaller = {
    call(name, args) {
      asked.push([name, args]);
      return new Promise((resolve) => (answer = resolve));
    },
  };
  const make = (withTools: boolean) => {
    app = new DemoApp({ id: 'sid', model: 'demo-1', cwd, turns: [] }, {
      terminal, clock, cwd, thinkMs: 1500, save: (c) => saved.push(c), onExit: () => undefined, ...(withTools ? { tools } : {}),
    });
    app.start();
  };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'hangar-demo-tool-'));
    terminal = new FakeTerminal();
    clock = new FakeClock();
    saved = [];
    asked.length = 0;
  });

  afterEach(() => {
    app.dispose();
    terminal.screen.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('works until the call answers (no think time), then shows the result and keeps the call in the turn', async () => {
    make(true);
    terminal.type('/tool delegate {"name": "w1"}\r');
    expect(asked).toEqual([['delegate', { name: 'w1' }]]);
    expect(await terminal.text()).toContain('esc to interrupt');
    answer({ server: 'hangar', text: 'started w1', isError: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await terminal.text()).toContain('● started w1');
    expect(saved.at(-1)?.turns.at(-1)).toMatchObject({ prompt: '/tool delegate {"name": "w1"}', reply: 'started w1', tool: { kind: 'mcp', server: 'hangar', name: 'delegate', input: { name: 'w1' }, isError: false } });
  });

  it('drops an answer that comes after the turn was interrupted', async () => {
    make(true);
    terminal.type('/tool wait {}\r');
    terminal.type('\x1b');
    clock.advance(ESCAPE_WAIT_MS); // a lone ESC is the Escape key once the rest of a sequence has not come
    expect(app.current.mode.kind).toBe('idle');
    answer({ server: 'hangar', text: 'late', isError: false });
    await new Promise((resolve) => setImmediate(resolve));
    expect(saved.at(-1)?.turns.map((t) => t.reply)).toEqual(['Interrupted.']);
  });

  it('says so when started without --mcp-config', async () => {
    make(false);
    terminal.type('/tool list\r');
    await new Promise((resolve) => setImmediate(resolve));
    expect(saved.at(-1)?.turns.at(-1)).toEqual({ prompt: '/tool list', reply: 'no MCP servers: start hangar-demo with --mcp-config', at: expect.any(String) });
  });
});

describe('DemoApp scripted turns (a prompt of command lines runs them in order as one turn)', () => {
  let cwd: string;
  let terminal: FakeTerminal;
  let saved: Conversation[];
  let app: DemoApp;
  let clock: FakeClock;
  const asked: string[] = [];
  const tools: ToolCaller = {
    call(name) {
      asked.push(name);
      return Promise.resolve(name === 'nosuch' ? { server: 'hangar', text: 'no tool named nosuch', isError: true } : { server: 'hangar', text: `{"did": "${name}"}`, isError: false });
    },
  };
  /** One think time: the next step runs (its promise chain settles before the next timer is set). */
  const think = async () => {
    clock.advance(1500);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'hangar-demo-script-'));
    terminal = new FakeTerminal();
    terminal.screen.resize(100, 30);
    clock = new FakeClock();
    saved = [];
    asked.length = 0;
    app = new DemoApp({ id: 'sid', model: 'demo-1', cwd, turns: [] }, { terminal, clock, cwd, thinkMs: 1500, save: (c) => saved.push(c), onExit: () => undefined, tools });
  });

  afterEach(() => {
    app.dispose();
    terminal.screen.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('runs each step after the think time, shows it with its result, goes on past a failing one, and records every call in the turn', async () => {
    app.start('Plan first.\nwrite PLAN.md a plan\n/tool nosuch {}\n/tool delegate {"name": "w1"}');
    expect(app.current.mode.kind).toBe('thinking');
    expect(asked).toEqual([]);
    await think();
    expect(readFileSync(join(cwd, 'PLAN.md'), 'utf8')).toBe('a plan\n');
    expect(await terminal.text()).toContain('⎿\u00a0Wrote');
    await think();
    expect(await terminal.text()).toContain('⎿\u00a0no tool named nosuch');
    await think();
    expect(asked).toEqual(['nosuch', 'delegate']);
    expect(await terminal.text()).toContain('⎿\u00a0{"did":"delegate"}');
    expect(app.current.mode.kind).toBe('thinking');
    await think();
    expect(app.current.mode.kind).toBe('idle');
    const turn = saved.at(-1)!.turns.at(-1)!;
    expect(turn.reply).toBe('You said: "Plan first."\nRan 3 steps (1 failed).');
    expect(turn.steps?.map((s) => [s.tool.kind === 'mcp' ? s.tool.name : s.tool.kind, s.result])).toEqual([
      ['write', expect.stringContaining('Wrote')],
      ['nosuch', 'no tool named nosuch'],
      ['delegate', '{"did": "delegate"}'],
    ]);
    expect(saved.at(-1)!.turns).toHaveLength(1);
  });

  it('/next-turn: the rest runs as the next turn, on the next prompt (a nudge), then prompts are plain again', async () => {
    app.start('write a.txt 1\n/next-turn\n/tool end {"name": "w1"}');
    await think();
    await think();
    expect(saved.at(-1)!.turns.at(-1)!.reply).toBe('Ran 1 step. The rest of the script runs next turn.');
    terminal.type('you have not delegated\r');
    await think();
    expect(asked).toEqual(['end']);
    await think();
    expect(saved.at(-1)!.turns.at(-1)).toMatchObject({ prompt: 'you have not delegated', reply: 'You said: "you have not delegated"\nRan 1 step.' });
    terminal.type('hello\r');
    await think();
    expect(saved.at(-1)!.turns.at(-1)).toMatchObject({ prompt: 'hello', reply: 'You said: "hello"' });
    expect(saved.at(-1)!.turns.at(-1)).not.toHaveProperty('steps');
  });

  it('Esc ends a script where it is: no step runs after it', async () => {
    app.start('/tool list {}\n/tool delegate {}');
    await think();
    terminal.type('\x1b');
    clock.advance(ESCAPE_WAIT_MS);
    expect(app.current.mode.kind).toBe('idle');
    await think();
    await think();
    expect(asked).toEqual(['list']);
    expect(saved.at(-1)!.turns.at(-1)!.reply).toBe('Interrupted.');
  });
});
