import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quit, say, useDemoSandbox } from './demo-pty.js';

// Resuming at a turn (the pilot's `resume` rewind strategy) with the built demo in a real pty.

const sandbox = useDemoSandbox();

function savedPrompts(id: string): string[] {
  const saved = JSON.parse(readFileSync(join(sandbox.stateDir, `${id}.json`), 'utf8')) as { turns: Array<{ prompt: string }> };
  return saved.turns.map((turn) => turn.prompt);
}

describe('hangar-demo --resume ID --at-turn N in a pty', () => {
  it('starts a new conversation holding turn 1 only, and leaves the original its three turns', async () => {
    const first = sandbox.spawn({ args: ['--session-id', 'orig'] });
    await first.waitForText('demo · model');
    for (const prompt of ['one', 'two', 'three']) await say(first, prompt);
    await quit(first);
    expect(savedPrompts('orig')).toEqual(['one', 'two', 'three']);

    const fork = sandbox.spawn({ args: ['--resume', 'orig', '--at-turn', '1'] });
    const opened = await fork.waitForText('(forked from orig at turn 1)');
    const forkId = /^session: (\S+)$/.exec(fork.rows()[0]!)?.[1];
    expect(forkId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(opened).toContain('> one');
    expect(opened).not.toContain('> two');

    fork.write('/history\r');
    const history = await fork.waitForText(`● conversation ${forkId}: 1 turn (forked from orig at turn 1)`);
    expect(history).toContain('  1. one');
    expect(history).not.toContain('  2. ');
    expect(savedPrompts(forkId!)).toEqual(['one']);

    // A new turn goes to the fork; the original keeps every turn it had.
    await say(fork, 'four');
    await quit(fork);
    expect(savedPrompts(forkId!)).toEqual(['one', 'four']);
    expect(savedPrompts('orig')).toEqual(['one', 'two', 'three']);

    const again = sandbox.spawn({ args: ['--resume', 'orig'] });
    await again.waitForText('demo · model');
    again.write('/history\r');
    const all = await again.waitForText('● conversation orig: 3 turns');
    expect(all).toContain('  1. one\n  2. two\n  3. three');
  });

  it('forks at turn 0 into an empty conversation under the id given with --session-id', async () => {
    const first = sandbox.spawn({ args: ['--session-id', 'src', 'hello'] });
    await first.waitForText('● You said: "hello"');
    await quit(first);

    const fork = sandbox.spawn({ args: ['--resume', 'src', '--at-turn', '0', '--session-id', 'empty-fork'] });
    await fork.waitForText('demo · model demo-1 · session empty-fork');
    fork.write('/history\r');
    await fork.waitForText('● conversation empty-fork: no turns (forked from src at turn 0)');
    expect(fork.screen()).not.toContain('> hello');
    expect(savedPrompts('empty-fork')).toEqual([]);
    expect(savedPrompts('src')).toEqual(['hello']);
  });

  it('refuses a turn past the end of the conversation, with exit code 1', async () => {
    const first = sandbox.spawn({ args: ['--session-id', 'short', 'only'] });
    await first.waitForText('● You said: "only"');
    await quit(first);

    const fork = sandbox.spawn({ args: ['--resume', 'short', '--at-turn', '2'] });
    expect((await fork.waitForExit()).exitCode).toBe(1);
    expect(fork.screen()).toContain('hangar-demo: conversation short has 1 turn; cannot resume at turn 2');
  });
});
