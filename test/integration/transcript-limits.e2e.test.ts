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

[backend.claude]
limit_re = "a banner this test never shows"

[[agent]]
name = "cc"
backend = "claude"
watch = "heal"
`;

const watchdog = (kind: string, name = 'cx') => (e: FleetEvent) => e.type === 'watchdog' && e.kind === kind && e.name === name;

describe('a usage limit from the session file (fake codex, fake claude)', () => {
  const fleet = new TestFleet('tlimits', CONFIG, {});

  beforeAll(async () => {
    writeFileSync(join(fleet.dir, 'wake.md'), 'time to check in\n');
    Object.assign(fleet.env, { PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir, FAKE_CODEX_RESET_IN: '12' });
    await fleet.up(['cx', 'cc']);
  });
  afterAll(() => fleet.stop());

  it('holds the agent with no banner on screen, defers the wake, and delivers it after the hold ends at resets_at', async () => {
    const held = fleet.nextEvent(watchdog('limit-hold'));
    await fleet.hangar('send', 'cx', 'limit');
    const hold = await held();
    expect(hold.type === 'watchdog' && hold.message).toMatch(/session file says reset/);
    await fleet.hangar('wait', 'cx', '--for', 'limited', '--timeout', '30');
    const status = JSON.parse(await fleet.hangar('status', '--json')) as { agents: { name: string; usedPercent?: number; until?: string; status: string; status_source?: string }[] };
    expect(status.agents.find((a) => a.name === 'cx')).toMatchObject({ usedPercent: 100, until: expect.any(String), status: 'limited', status_source: 'session-file' });
    expect(await fleet.event(watchdog('usage'))).toMatchObject({ level: 'warn', message: 'cx: 100 % of its usage window used' });
    const deferred = await fleet.event((e) => watchdog('wake-defer')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(hold));
    expect(deferred.type === 'watchdog' && deferred.message).toMatch(/it is limited/);
    const cleared = await fleet.event((e) => watchdog('limit-clear')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(hold));
    const delivered = await fleet.event((e) => watchdog('wake')(e) && fleet.events.indexOf(e) > fleet.events.indexOf(cleared));
    expect(delivered.type === 'watchdog' && delivered.message).toMatch(/^deferred wake .* → cx: time to check in/);
    // nothing was typed into it while it was held: no wake, no nudge between the hold and its end
    const during = fleet.events.slice(fleet.events.indexOf(hold), fleet.events.indexOf(cleared));
    expect(during.filter((e) => e.type === 'watchdog' && (e.kind === 'wake' || e.kind === 'limit-probe'))).toEqual([]);
  });

  it("claude: the 429 API-error record holds the agent, its reset read from the record's text", async () => {
    const held = fleet.nextEvent(watchdog('limit-hold', 'cc'));
    await fleet.hangar('send', 'cc', 'limit');
    expect(await held()).toMatchObject({ message: expect.stringMatching(/session file says reset /) });
    await fleet.hangar('wait', 'cc', '--for', 'limited', '--timeout', '30');
    // the model answers again (a real assistant record): the hold ends
    const cleared = fleet.nextEvent(watchdog('limit-clear', 'cc'));
    await fleet.hangar('send', 'cc', 'hello');
    await cleared();
    await fleet.idle('cc');
  });

  it("claude: a piloted turn's checkpoint carries the tokens of the fake's transcript records (the turn read from them)", async () => {
    await fleet.hangar('pilot', 'cc');
    await fleet.turn('cc', 'one more thing', 'T1');
    const t1 = (await fleet.checkpoints('cc')).find((c) => c.label === 'T1') as { tokens?: number } | undefined;
    expect(t1?.tokens).toBe(19); // 12 input + 7 output, as the fake's assistant record says
  });
});
