import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';
import { PaneWatch, requireCli, tempHome } from './real-cli.js';

// The real Codex in a real fleet, its agent saying only `backend = "codex"`. Offline and signed
// out, Codex 0.171.0 opens on its sign-in menu ("Choose how you want to use Codex.", the choice
// marked `> `, "Press enter to continue"): a screen that waits for a person, so needs-input.
// Keys sent with `hangar keys` reach it as its menu documents: arrows move the choice, Enter
// opens it ("Sign in another way" lists its own, with "Press esc to go back"), Esc goes back,
// Ctrl-C quits.
const CONFIG = `
[defaults]
session_prefix = "rx-"
log_dir = ".hangar"

[[agent]]
name = "codex-1"
backend = "codex"
`;

const chosen = (text: string) => /^> (\d)\./m.exec(text)?.[1];

describe('codex, the real CLI, in a pane', () => {
  const fleet = new TestFleet('real-codex', CONFIG);
  let pane: PaneWatch;

  beforeAll(async () => {
    requireCli('codex');
    Object.assign(fleet.env, tempHome(fleet.dir));
    await fleet.up();
    pane = await PaneWatch.open(join(fleet.dir, '.hangar', 'hangar.sock'), 'codex-1');
  });
  afterAll(async () => {
    pane?.close();
    await fleet.stop();
  });

  it('its first screen is the sign-in menu, and status says needs-input (from the screen)', async () => {
    const text = await pane.until((t) => t.includes('Press enter to continue') && chosen(t) === '1', 'sign-in menu');
    expect(text).toContain('Choose how you want to use Codex.');
    expect((await fleet.run('wait', 'codex-1', '--for', 'needs-input', '--timeout', '60')).code).toBe(0);
    const agent = (JSON.parse(await fleet.hangar('status', '--json')) as { agents: { name: string; status: string; status_source?: string }[] }).agents[0]!;
    expect(agent).toMatchObject({ name: 'codex-1', status: 'needs-input', status_source: 'screen' });
    console.log(`codex first screen:\n${text}`);
  });

  it('arrows move the choice', async () => {
    await fleet.hangar('keys', 'codex-1', 'Down');
    await pane.until((t) => chosen(t) === '2', 'choice 2 after Down');
    await fleet.hangar('keys', 'codex-1', 'Down');
    await pane.until((t) => chosen(t) === '3', 'choice 3 after Down');
    await fleet.hangar('keys', 'codex-1', 'Up');
    await pane.until((t) => chosen(t) === '2', 'choice 2 after Up');
    await fleet.hangar('keys', 'codex-1', 'Down');
    expect(await pane.until((t) => chosen(t) === '3', 'choice 3 after Down')).toMatch(/^> 3\. Sign in another way$/m);
  });

  it('Enter opens the choice, Esc goes back', async () => {
    await fleet.hangar('keys', 'codex-1', 'Enter');
    const opened = await pane.until((t) => t.includes('Press esc to go back'), 'the "Sign in another way" menu after Enter');
    expect(opened).toMatch(/^> 1\. Use an OpenAI API key$/m);
    await fleet.hangar('keys', 'codex-1', 'Escape');
    const back = await pane.until((t) => t.includes('Choose how you want to use Codex.'), 'the first menu after Esc');
    expect(chosen(back)).toBe('3');
    // still a menu that waits for a person
    expect((await fleet.run('wait', 'codex-1', '--for', 'needs-input', '--timeout', '60')).code).toBe(0);
  });

  it('Ctrl-C quits codex, and hangar says it exited', async () => {
    await fleet.hangar('keys', 'codex-1', 'C-c');
    expect((await fleet.run('wait', 'codex-1', '--for', 'exited', '--timeout', '60')).code).toBe(0);
    const exit = await fleet.event((e) => e.type === 'exit' && e.name === 'codex-1');
    expect(exit).toMatchObject({ code: 0 });
  });
});
