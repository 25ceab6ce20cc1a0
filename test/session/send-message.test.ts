import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, SessionHarness, waitForText } from './session-helpers.js';

let harness = new SessionHarness();
afterEach(async () => {
  await harness.cleanup();
  harness = new SessionHarness();
});

const tui = (flags = '') => `exec node ${FIXTURES}tiny-tui.mjs ${flags}`;

describe('sendMessage', () => {
  it('pastes with bracketed paste into a TUI that asked for it and confirms the submit', async () => {
    const session = harness.start(tui());
    await waitForText(session, '│ >');
    const result = await session.sendMessage('please run the tests', { retryMs: 2000 });
    expect(result).toEqual({ confirmed: true, attempts: 1 });
    // The TUI saw the paste markers, and the prompt moved from the box into its history.
    expect(session.screenText()).toContain('[paste start]');
    expect(session.screenText()).toContain('> please run the tests');
    expect(session.screenText()).toMatch(/│ > +│/);
  });

  it('a multi-line message goes in as one paste, newlines and all', async () => {
    const session = harness.start(tui());
    await waitForText(session, '│ >');
    const result = await session.sendMessage('first line\nsecond line', { retryMs: 2000 });
    expect(result.confirmed).toBe(true);
    expect(session.screenText()).toContain('> first line second line');
    expect(session.screenText().match(/\[paste start\]/g)).toHaveLength(1);
  });

  it('types the text as is when the child did not enable bracketed paste', async () => {
    const session = harness.start(tui('--no-paste-mode'));
    await waitForText(session, '│ >');
    const result = await session.sendMessage('hello there', { retryMs: 2000 });
    expect(result).toEqual({ confirmed: true, attempts: 1 });
    expect(session.screenText()).not.toContain('[paste start]');
    expect(session.screenText()).toContain('> hello there');
  });

  it('confirms against a line-mode child (cat) once the line is submitted', async () => {
    const session = harness.start(`echo ready; exec cat`);
    await waitForText(session, 'ready');
    const result = await session.sendMessage('hello cat', { retryMs: 2000 });
    expect(result).toEqual({ confirmed: true, attempts: 1 });
    // The line discipline's echo and cat's copy: two lines, the cursor on a fresh row below.
    expect(session.screenText()).toBe('ready\nhello cat\nhello cat');
  });

  it('presses submit again when the first presses are ignored, and confirms the one that worked', async () => {
    const session = harness.start(tui('--ignore-enters 2'));
    await waitForText(session, '│ >');
    const result = await session.sendMessage('third time lucky', { attempts: 5, retryMs: 300 });
    expect(result).toEqual({ confirmed: true, attempts: 3 });
    expect(session.screenText()).toContain('> third time lucky');
  });

  it('gives up unconfirmed after the retries when the input never clears', async () => {
    const session = harness.start(tui('--ignore-enter'));
    await waitForText(session, '│ >');
    const result = await session.sendMessage('stuck message', { attempts: 3, retryMs: 150 });
    expect(result).toEqual({ confirmed: false, attempts: 3 });
    expect(session.screenText()).toMatch(/│ > stuck message +│/);
  });

  it('the screen turning busy (active pattern) confirms even when the input stays drawn', async () => {
    const patterns = { active: /esc to interrupt/, footerUi: false, footerRows: 10 };
    const session = harness.start(tui('--busy-keeps-input'), { patterns });
    await waitForText(session, '│ >');
    expect(await session.sendMessage('go on', { attempts: 3, retryMs: 2000 })).toEqual({ confirmed: true, attempts: 1 });
  });

  it('output alone is no confirmation: without an active pattern the same child is unconfirmed', async () => {
    const session = harness.start(tui('--busy-keeps-input'));
    await waitForText(session, '│ >');
    expect(await session.sendMessage('go on', { attempts: 2, retryMs: 150 })).toEqual({ confirmed: false, attempts: 2 });
  });

  it('two messages sent at once go in one after the other: two submitted prompts, not one glued', async () => {
    const session = harness.start(tui());
    await waitForText(session, '│ >');
    // e.g. a review ping and an inbox ping from the same push, both for an idle agent
    const [first, second] = await Promise.all([
      session.sendMessage('review ping', { retryMs: 2000 }),
      session.sendMessage('inbox ping', { retryMs: 2000 }),
    ]);
    expect(first).toEqual({ confirmed: true, attempts: 1 });
    expect(second).toEqual({ confirmed: true, attempts: 1 });
    const prompts = session.screenText().split('\n').filter((row) => row.startsWith('> '));
    expect(prompts).toEqual(['> review ping', '> inbox ping']);
  });

  it('a message waits while the one before it is retried and given up on, then goes in', async () => {
    const session = harness.start(tui('--ignore-enters 3'));
    await waitForText(session, '│ >');
    const [first, second] = await Promise.all([
      session.sendMessage('given up', { attempts: 3, retryMs: 150 }),
      session.sendMessage('next', { retryMs: 2000 }),
    ]);
    expect(first).toEqual({ confirmed: false, attempts: 3 });
    // the second was typed only after the first's three presses (a lone send that gives up
    // leaves its text in the box too, so the fourth press submits both)
    expect(second.confirmed).toBe(true);
    expect(session.screenText()).toContain('> given upnext');
  });

  it('does nothing for a session that is not running', async () => {
    const session = harness.create('true');
    expect(await session.sendMessage('hi')).toEqual({ confirmed: false, attempts: 0 });
  });
});
