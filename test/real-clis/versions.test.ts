import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_VERSION_FACTS, olderThan, parseVersion } from '../../src/doctor/cli-versions.js';
import type { Finding } from '../../src/doctor/finding.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { requireCli, tempHome } from './real-cli.js';

// The installed CLIs' `--version` through hangar's own parsing (doctor/cli-versions.ts), and
// `hangar doctor --json` on a fleet whose only agent says `backend = "claude"` / `"codex"`:
// the program found, its version read, and whether it has what hangar passes it.
describe.each(['claude', 'codex'] as const)('%s --version and hangar doctor', (cli) => {
  let path: string;
  let dir: string;
  let fleet: TestFleet;

  beforeAll(() => {
    path = requireCli(cli);
    dir = mkdtempSync(join(tmpdir(), `hangar-real-${cli}-`));
    fleet = new TestFleet(`real-doctor-${cli}`, `[defaults]\nsession_prefix = "rd-"\nlog_dir = ".hangar"\n\n[[agent]]\nname = "${cli}-1"\nbackend = "${cli}"\n`, tempHome(dir));
  });
  afterAll(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a version hangar parses, new enough for every flag hangar knows a first version of', () => {
    const line = execFileSync(path, ['--version'], { env: { ...process.env, ...tempHome(dir) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0]!;
    const version = parseVersion(line);
    expect(version, `\`${cli} --version\` printed ${JSON.stringify(line)}`).not.toBeNull();
    const lacking = (CLI_VERSION_FACTS[cli] ?? []).filter((f) => olderThan(version!, parseVersion(f.since)!));
    expect(lacking).toEqual([]);
    console.log(`${cli}: ${line} → ${version!.join('.')}`);
  });

  it('hangar doctor --json finds it on PATH with its version, and says it has the flags hangar passes', async () => {
    const r = await fleet.run('doctor', '--json');
    const findings = JSON.parse(r.stdout) as Finding[];
    const program = findings.find((f) => f.check === `backend ${cli}`);
    expect(program).toMatchObject({ status: 'ok', detail: expect.stringContaining(path) });
    expect(parseVersion(program!.detail)).not.toBeNull();
    const flags = findings.find((f) => f.check === `backend ${cli} version`);
    // claude: --settings (the hooks) and --session-id; codex: the resume subcommand
    const words = cli === 'claude' ? '--settings --session-id' : 'resume';
    expect(flags).toMatchObject({ status: 'ok', detail: expect.stringMatching(new RegExp(`^\\d+\\.\\d+\\.\\d+ has ${words}$`)) });
    console.log(`doctor: ${program!.detail}; ${flags!.detail}`);
  });
});
