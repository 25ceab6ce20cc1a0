import { afterEach, describe, expect, it } from 'vitest';
import { SessionHarness, waitForScreen } from './session-helpers.js';

// A person's input (the cockpit's keys, `hangar keys`) reaches the child byte-exact, and the
// lines it submits are reported — the pilot and the conversation count take them for turns.
describe('a person typing into a session', () => {
  const harness = new SessionHarness();
  afterEach(() => harness.cleanup());

  it('passes the keys on and reports each submitted line, read from the keys', async () => {
    const session = harness.start('cat');
    const submitted: string[] = [];
    session.onSubmit((text) => submitted.push(text));
    for (const key of 'hello wox') session.input(key);
    session.input('\x7frld\r'); // a Backspace, typed in the same chunk as the rest and Enter
    session.input('second line\r');
    // the tty's echo and cat's copy of each line
    const twice = (text: string) => session.screenText().split(text).length - 1 === 2;
    await waitForScreen(session, () => twice('second line'));
    expect(submitted).toEqual(['hello world', 'second line']);
    // hangar's own writes (sendMessage, answers to queries) are not a person's submissions
    session.write('not typed\r');
    await waitForScreen(session, () => twice('not typed'));
    expect(submitted).toEqual(['hello world', 'second line']);
  });

  it('an Enter with no typed text submits the input row as the screen shows it', async () => {
    // a prompt the program filled in itself: the line is on screen, not in the keys
    const session = harness.start(`printf '> suggested text'; cat >/dev/null`);
    await waitForScreen(session, () => session.screenText().includes('suggested text'));
    const submitted: string[] = [];
    session.onSubmit((text) => submitted.push(text));
    session.input('\r');
    expect(submitted).toEqual(['suggested text']);
  });
});
