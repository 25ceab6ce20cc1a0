import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTimeline } from '../../src/pilot/timeline-store.js';
import { killServer, pidGone } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { printFigures, serverFigures, serverPid } from './figures.js';
import { DEMO_BACKEND } from '../helpers/demo-backend.js';

// kill -9 of the server while the pilot takes a checkpoint: the turn has ended and the git
// snapshot of the agent's folder is under way. The pause point is git's own: a clean filter
// (.gitattributes) on one file of the agent's repository, which — while a HOLD file exists —
// says it was reached and waits, so `git add` inside the snapshot is held there. No hook in
// hangar, no timing: the server is killed while it waits on that git.
const CONFIG = `
[defaults]
session_prefix = "ck-"
log_dir = "state"
dir = "work"
backend = "demo"

${DEMO_BACKEND}
[[agent]]
name = "builder"
resume = true
prompt = "hello kickoff"
`;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

/** Resolve with the file's text once it exists (a watch on its folder, not a poll). */
function fileAppears(path: string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(path));
    const done = (fn: () => void) => {
      clearTimeout(timer);
      watcher.close();
      fn();
    };
    const check = () => {
      if (!existsSync(path)) return;
      const text = readFileSync(path, 'utf8');
      if (text.endsWith('\n')) done(() => resolve(text));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`${path} did not appear within ${timeoutMs} ms`))), timeoutMs);
    watcher.on('change', (_kind, name) => name?.toString() === basename(path) && check());
    check();
  });
}

describe('kill -9 of the server during a pilot checkpoint', () => {
  // the server's temp files (the snapshot's temporary index) in a folder of this test's own
  const serverTmp = mkdtempSync(join(tmpdir(), 'hangar-ck-tmp-'));
  const fleet = new TestFleet('ck', CONFIG, { DEMO_THINK_MS: '100', TMPDIR: serverTmp });
  const work = () => join(fleet.dir, 'work');
  const gate = () => join(fleet.dir, 'gate');
  const hold = () => join(gate(), 'HOLD');
  const reached = () => join(gate(), 'REACHED');

  afterAll(async () => {
    rmSync(hold(), { force: true }); // never leave a git waiting
    await fleet.stop();
    rmSync(serverTmp, { recursive: true, force: true });
  });

  /** The agent's folder is a git repository whose `*.hold` files pass through a clean filter that waits while HOLD exists. */
  function gatedRepository(): void {
    mkdirSync(gate(), { recursive: true });
    const filter = join(gate(), 'filter.sh');
    writeFileSync(
      filter,
      `#!/bin/sh\nif [ -e '${hold()}' ]; then\n  echo $$ > '${reached()}.tmp' && mv '${reached()}.tmp' '${reached()}'\n  while [ -e '${hold()}' ]; do sleep 0.05; done\nfi\nexec cat\n`,
    );
    mkdirSync(work(), { recursive: true });
    git(work(), 'init', '-q');
    git(work(), 'config', 'filter.hold.clean', `sh '${filter}'`);
    writeFileSync(join(work(), '.gitattributes'), '*.hold filter=hold\n');
    writeFileSync(join(work(), 'gate.hold'), 'any text\n');
    git(work(), 'add', '-A');
    git(work(), 'commit', '-qm', 'start');
  }

  it('the timeline stays whole: the turn the snapshot was taking is recorded [interrupted], and the next turn follows it', async () => {
    gatedRepository();
    await fleet.up(['builder']);
    await fleet.hangar('pilot', 'builder');
    await fleet.turn('builder', 'write a.txt one', 'T1');

    writeFileSync(hold(), '');
    await fleet.hangar('send', 'builder', 'write b.txt two', '--wait');
    // the turn has ended; its checkpoint's `git add` now waits in the filter
    const filterPid = Number((await fileAppears(reached())).trim());
    const pilotDir = join(fleet.dir, 'state', 'state', 'pilot', 'builder');
    expect(existsSync(join(pilotDir, 'turn.json'))).toBe(true);
    printFigures('checkpoint, server before its kill -9', serverFigures(serverPid(join(fleet.dir, 'state'))));
    await killServer(join(fleet.dir, 'state'));
    const killedAt = Date.now();
    // let the orphaned git finish: it only writes its own temporary index
    rmSync(hold());
    await pidGone(filterPid);

    // what the killed server left: a whole timeline that has T1 and not T2, the turn still marked in progress
    const timelineFile = join(pilotDir, 'timeline.json');
    const left = parseTimeline(readFileSync(timelineFile, 'utf8'), timelineFile, 'builder');
    expect(Object.keys(left.checkpoints).filter((l) => l !== 'root')).toEqual(['T1']);
    expect(left.current).toBe('T1');
    expect(readdirSync(pilotDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const refs = git(work(), 'for-each-ref', '--format=%(refname)', 'refs/hangar/').trim().split('\n');
    expect(refs).toContain('refs/hangar/builder/T1');
    expect(refs).not.toContain('refs/hangar/builder/T2');

    const interrupted = fleet.nextEvent((e) => e.type === 'pilot' && e.current === 'T2');
    await fleet.hangar('up', '-d');
    await interrupted();
    const recovered = Date.now() - killedAt;
    await fleet.idle('builder');
    const cps = await fleet.checkpoints('builder');
    expect(cps.find((c) => c.label === 'T2')).toMatchObject({ parent: 'T1', prompt: 'write b.txt two', interrupted: true });
    expect(existsSync(join(pilotDir, 'turn.json'))).toBe(false);
    // the interrupted checkpoint holds the folder as the turn left it
    expect(git(work(), 'show', 'refs/hangar/builder/T2:b.txt')).toBe('two\n');

    await fleet.turn('builder', 'write c.txt three', 'T3');
    expect((await fleet.checkpoints('builder')).find((c) => c.label === 'T3')).toMatchObject({ parent: 'T2', prompt: 'write c.txt three' });
    expect(await fleet.hangar('checkpoints', 'builder')).toMatch(/T2 +\[interrupted\] write b\.txt two/);

    printFigures('checkpoint', {
      'kill -9 to the interrupted turn recorded': `${recovered} ms`,
      // the killed server's temporary index: never removed, since its finally never ran
      'temp index folders left behind': readdirSync(serverTmp).filter((f) => f.startsWith('hangar-index-')).length, ...serverFigures(serverPid(join(fleet.dir, 'state'))),
    });
  }, 90_000);
});
