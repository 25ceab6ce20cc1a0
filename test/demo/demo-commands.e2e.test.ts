import { describe, expect, it } from 'vitest';
import { DemoPty, type SpawnDemoOptions, useDemoSandbox } from './demo-pty.js';

// Slash commands, keys that end the program, and terminal handling of the built demo in a real pty.

const sandbox = useDemoSandbox();
const spawn = (options: Partial<SpawnDemoOptions> = {}): DemoPty => sandbox.spawn(options);

async function started(options: Partial<SpawnDemoOptions> = {}): Promise<DemoPty> {
  const demo = spawn(options);
  await demo.waitForText('demo · model');
  return demo;
}


describe('hangar-demo commands in a pty', () => {
  it('/crash 3 exits with code 3 and gives the terminal back', async () => {
    const demo = await started();
    demo.write('/crash 3\r');
    expect((await demo.waitForExit()).exitCode).toBe(3);
    expect(demo.raw).toContain('\x1b[?2004l');
    expect(demo.raw).toContain('\x1b[?1049l');
    expect(demo.screen()).toContain('crashed on purpose (exit 3)');
  });

  it('/ask shows a y/n question, waits for the key, and says what was answered', async () => {
    const demo = await started();
    demo.write('/ask Run the migrations?\r');
    await demo.waitForText('? Run the migrations? [y/n]');
    // Other keys do not answer; Enter does not either.
    demo.write('q\r');
    demo.write('y');
    const screen = await demo.waitForText('● You answered yes to: Run the migrations?');
    expect(screen).not.toContain('[y/n]');
    expect(screen).toMatch(/│ > +│/);
  });

  it('/limit 2 shows the banner with its reset time, refuses prompts, and clears itself', async () => {
    const demo = await started();
    const before = Date.now();
    demo.write('/limit 2\r');
    const screen = await demo.waitForText("You've hit your usage limit · resets ");
    const shown = /resets (\d{1,2}):(\d{2})(am|pm)/.exec(screen);
    expect(shown).not.toBeNull();
    const resets = new Date(before + 2000);
    const later = new Date(Date.now() + 2000);
    const asText = (d: Date): string => `${d.getHours() % 12 || 12}:${String(d.getMinutes()).padStart(2, '0')}${d.getHours() < 12 ? 'am' : 'pm'}`;
    expect([asText(resets), asText(later)]).toContain(`${shown![1]}:${shown![2]}${shown![3]}`);

    demo.write('are you there\r');
    await demo.waitForText('● Cannot answer now: usage limit resets');
    expect(demo.screen()).not.toContain('You said');

    await demo.waitForScreen((s) => !s.includes("You've hit your usage limit"), 4000);
    demo.write('now?\r');
    await demo.waitForText('● You said: "now?"');
  });

  it('/wait 60 prints WAITING-UNTIL with an ISO time a minute ahead', async () => {
    const demo = await started();
    const before = Date.now();
    demo.write('/wait 60\r');
    const screen = await demo.waitForText('WAITING-UNTIL: ');
    const iso = /WAITING-UNTIL: (\S+)/.exec(screen)![1]!;
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const at = Date.parse(iso);
    expect(at).toBeGreaterThanOrEqual(before + 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('Ctrl-C clears the box first, then exits 0 on an empty box', async () => {
    const demo = await started();
    demo.write('draft');
    await demo.waitForText('│ > draft');
    demo.write('\x03');
    await demo.waitForScreen((s) => !s.includes('draft'));
    demo.write('\x03');
    expect((await demo.waitForExit()).exitCode).toBe(0);
  });

  it('Ctrl-D exits 0', async () => {
    const demo = await started();
    demo.write('\x04');
    expect((await demo.waitForExit()).exitCode).toBe(0);
  });

  it('/hang stops all output and ignores keys', async () => {
    const demo = await started();
    demo.write('/hang\r');
    // The frame that echoes the prompt is the last one drawn.
    await demo.waitForScreen((s) => s.includes('\n> /hang\n') && /│ > +│/.test(s));
    const outputAfterHang = demo.raw.length;
    demo.write('hello\r\x03');
    // Prove the keys reached a living process that chose to stay silent: a tick later it still runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await expect(demo.waitForExit(500)).rejects.toThrow('did not exit');
    expect(demo.raw.length).toBe(outputAfterHang);
  });

  it('redraws at the new size on SIGWINCH', async () => {
    const demo = await started();
    demo.resize(60, 20);
    await demo.waitForScreen(() => /^╭─{58}╮$/.test(demo.rows()[16] ?? ''));
    expect(demo.rows()[19]).toMatch(/^demo · model demo-1 · session /);
  });

  it('--help prints usage and exits 0', async () => {
    // Tall enough for the whole text: the top of a longer one would scroll off the screen.
    const demo = spawn({ args: ['--help'], rows: 60 });
    expect((await demo.waitForExit()).exitCode).toBe(0);
    expect(demo.screen()).toContain('Usage: hangar-demo');
    expect(demo.screen()).toContain('--at-turn N');
  });
});
