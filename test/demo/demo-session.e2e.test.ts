import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoPty, type SpawnDemoOptions, useDemoSandbox } from './demo-pty.js';

// The built demo agent (dist/, made by `npm run build`) in a real 100x30 pty.

const sandbox = useDemoSandbox();
const spawn = (options: Partial<SpawnDemoOptions> = {}): DemoPty => sandbox.spawn(options);


const idleBox = (screen: string): boolean => screen.includes('│ > ') && !screen.includes('esc to interrupt');

describe('hangar-demo in a pty', () => {
  it('starts with the session line first and a footer naming model and session', async () => {
    const demo = spawn({ args: ['--session-id', 'abc-123', '--model', 'demo-x'] });
    const screen = await demo.waitForText('demo · model demo-x · session abc-123');
    const rows = demo.rows();
    expect(rows[0]).toBe('session: abc-123');
    expect(rows[29]).toBe('demo · model demo-x · session abc-123');
    expect(rows[26]).toMatch(/^╭─+╮$/);
    expect(rows[27]).toMatch(/^│ > +│$/);
    expect(screen).not.toContain('esc to interrupt');
    // Cursor sits in the input box, just after "> ".
    expect(demo.cursor()).toEqual({ row: 27, col: 4 });
    expect(demo.raw).toContain('\x1b[?1049h');
    expect(demo.raw).toContain('\x1b[?2004h');
    expect(demo.raw).toContain('\x1b[?2026h');
  });

  it('uses a random uuid without --session-id', async () => {
    const demo = spawn();
    const screen = await demo.waitForText('session: ');
    expect(screen.split('\n')[0]).toMatch(/^session: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('thinks with a spinner, then quotes the prompt and returns to the idle box', async () => {
    const demo = spawn({ env: { DEMO_THINK_MS: '600' }, args: ['--session-id', 's1'] });
    await demo.waitForText('demo · model');
    demo.write('hello there');
    await demo.waitForText('│ > hello there');
    expect(demo.cursor()).toEqual({ row: 27, col: 4 + 'hello there'.length });
    demo.write('\r');
    const thinking = await demo.waitForText('esc to interrupt');
    expect(thinking).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Thinking… \(0s · esc to interrupt\)/);
    expect(thinking).toContain('> hello there');
    const done = await demo.waitForText('● You said: "hello there"');
    expect(idleBox(done)).toBe(true);
    expect(demo.rows()[27]).toMatch(/^│ > +│$/);

    const saved = JSON.parse(readFileSync(join(sandbox.stateDir, 's1.json'), 'utf8'));
    expect(saved).toMatchObject({ id: 's1', model: 'demo-1', turns: [{ prompt: 'hello there', reply: 'You said: "hello there"' }] });
    expect(Number.isNaN(Date.parse(saved.turns[0].at))).toBe(false);
  });

  it('writes a file in its working dir', async () => {
    const demo = spawn();
    await demo.waitForText('demo · model');
    demo.write('write notes.txt hello\r');
    await demo.waitForText('● Wrote notes.txt (6 bytes)');
    expect(readFileSync(join(sandbox.cwd, 'notes.txt'), 'utf8')).toBe('hello\n');
    demo.write('write ../escape.txt nope\r');
    await demo.waitForText('● Error: refusing path outside the working dir');
    expect(existsSync(join(sandbox.cwd, '..', 'escape.txt'))).toBe(false);
  });

  it('keeps a multi-line bracketed paste as one prompt', async () => {
    const demo = spawn();
    await demo.waitForText('demo · model');
    demo.write('\x1b[200~first line\rsecond line\x1b[201~');
    await demo.waitForText('│ > first line second line');
    demo.write('\r');
    const screen = await demo.waitForText('● You said: "first line');
    expect(screen).toContain('> first line\n  second line');
    expect(screen).toContain('● You said: "first line\n  second line"');
  });

  it('interrupts thinking on Esc but not on an arrow key', async () => {
    const demo = spawn({ env: { DEMO_THINK_MS: '5000' } });
    await demo.waitForText('demo · model');
    demo.write('take your time\r');
    await demo.waitForText('esc to interrupt');
    demo.write('\x1b[A');
    demo.write('x');
    await demo.waitForText('│ > x');
    expect(demo.screen()).toContain('esc to interrupt');
    demo.write('\x1b');
    const screen = await demo.waitForText('● Interrupted.');
    expect(idleBox(screen)).toBe(true);
    expect(screen).toContain('│ > x');
  });

  it('answers the kickoff prompt given as the last argument', async () => {
    const demo = spawn({ args: ['--model', 'demo-2', 'kick things off'] });
    const screen = await demo.waitForText('● You said: "kick things off"');
    expect(screen).toContain('> kick things off');
  });

  it('restores a conversation with --resume and keeps adding to it', async () => {
    const first = spawn({ args: ['--session-id', 'resume-me', 'remember this'] });
    await first.waitForText('● You said: "remember this"');
    first.write('\x04');
    expect((await first.waitForExit()).exitCode).toBe(0);

    const second = spawn({ args: ['--resume', 'resume-me'] });
    const screen = await second.waitForText('● You said: "remember this"');
    expect(second.rows()[0]).toBe('session: resume-me');
    expect(screen).toContain('> remember this');
    second.write('and this\r');
    await second.waitForText('● You said: "and this"');
    const saved = JSON.parse(readFileSync(join(sandbox.stateDir, 'resume-me.json'), 'utf8'));
    expect(saved.turns.map((t: { prompt: string }) => t.prompt)).toEqual(['remember this', 'and this']);
  });
});
