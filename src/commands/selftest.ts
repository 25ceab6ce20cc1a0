import { doneDetectionChecks } from '../watchdog/phase-done-selftest.js';
import { runSelftest } from '../watchdog/selftest.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG, type CommandSpec } from '../cli/command.js';

const selftest: CommandSpec = {
  name: 'selftest',
  summary: "check the watchdog's detectors (activity, limit banners, reset times, WAITING-UNTIL, DONE) on fixed screens",
  description: 'Needs no config and no running fleet. Exits 1 when any check fails.',
  args: [],
  flags: [JSON_FLAG],
  examples: ['hangar selftest'],
  async run(ctx) {
    const results = runSelftest(doneDetectionChecks());
    if (ctx.json) ctx.printJson({ ok: results.every((r) => r.ok), checks: results });
    else for (const r of results) ctx.out(` ${r.ok ? 'PASS' : 'FAIL'}: ${r.name}${r.detail ? ` — ${r.detail}` : ''}`);
    return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURE;
  },
};

export default selftest;
