import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { TestFleet } from '../helpers/test-fleet.js';

// A usage limit read from the session file alone, in a real fleet: the fake codex (first on
// PATH, HOME a temp folder) writes a token_count event with its primary window at 100 % and
// resets_at 12 s ahead (time enough to be seen on a loaded machine); the built-in limit banner is switched off, so only the
// record can hold the agent. The wake due meanwhile is deferred, not typed; at resets_at the
// hold ends with the resume nudge, and the wake is typed after that turn.
const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));

const CONFIG = `
[defaults]
session_prefix = "tl-"
log_dir = ".hangar"

[backend.codex]
limit_re = "a banner this test never shows"

[[agent]]
name = "cx"
backend = "codex"
watch = "heal"
wake = { interval = 3, prompt_file = "wake.md" }
`;

const watchdog = (kind: string) => (e: FleetEvent) => e.type === 'watchdog' && e.kind === kind && e.name === 'cx';

describe('a usage limit from the session file (fake codex)', () => {
  const fleet = new TestFleet('tlimits', CONFIG, {});

  beforeAll(async () => {
    writeFileSync(join(fleet.dir, 'wake.md'), 'time to check in\n');
    Object.assign(fleet.env, { PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir, FAKE_CODEX_RESET_IN: '12' });
    await fleet.up(['cx']);
  });
  afterAll(() => fleet.stop());

  it('holds the agent with no banner on screen, defers the wake, and delivers it after the hold ends at resets_at', async () => {
    const held = fleet.nextEvent(watchdog('limit-hold'));
    await fleet.hangar('send', 'cx', 'limit');
    const hold = await held();
    expect(hold.type === 'watchdog' && hold.message).toMatch(/session file says reset/);
    await fleet.hangar('wait', 'cx', '--for', 'limited', '--timeout', '30');
    const deferred = await fleet.event((e) => watchdog('wake-defer')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(hold));
    expect(deferred.type === 'watchdog' && deferred.message).toMatch(/it is limited/);
    const cleared = await fleet.event((e) => watchdog('limit-clear')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(hold));
    const delivered = await fleet.event((e) => watchdog('wake')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(cleared));
    expect(delivered.type === 'watchdog' && delivered.message).toMatch(/^deferred wake .* → cx: time to check in/);
    // nothing was typed into it while it was held: no wake, no nudge between the hold and its end
    const during = fleet.events.slice(fleet.events.indexOf(hold), fleet.events.indexOf(cleared));
    expect(during.filter((e) => e.type === 'watchdog' && (e.kind === 'wake' || e.kind === 'limit-probe'))).toEqual([]);
  });
});
