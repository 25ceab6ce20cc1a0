import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';
import { whenDir } from '../helpers/watch-dir.js';

// Issue 11 §1: a child printing /dev/urandom as fast as it can. Every file under log_dir stays
// under its cap (the session log rotated, server.log free of the emulator's parse errors,
// events.jsonl), and the cockpit and `status` still answer while it floods.
const CAP = 64 * 1024; // the smallest log_max: the flood is paced by its CPU budget past its first second
const CONFIG = `[defaults]
session_prefix = "fl-"
log_dir = "state"
dir = "work"
log_max = ${CAP}
log_keep = 1

[backend.cat]
bin = "echo calm-ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "calm"
backend = "cat"

[[service]]
name = "flood"
command = "exec cat /dev/urandom"
`;

const ROTATIONS = 3;

describe('a child flooding random bytes', () => {
  const fleet = new TestFleet('flood', CONFIG);
  afterAll(() => fleet.stop());

  it('keeps every file under log_dir within its cap, and the cockpit and status answer meanwhile', async () => {
    const logDir = join(fleet.dir, 'state');
    await fleet.up(['calm']);
    const rotated = join(logDir, 'fl-flood.log.1');

    // every change in log_dir: note each rotation (a new fl-flood.log.1) and the largest file seen
    const rotations = new Set<number>();
    let largest = { name: '', size: 0 };
    const look = () => {
      for (const name of readdirSync(logDir)) {
        const st = statOrNull(join(logDir, name));
        if (st?.isFile() && st.size > largest.size) largest = { name, size: st.size };
        if (largest.size > CAP) throw new Error(`${name} holds ${largest.size} bytes, past its cap of ${CAP}`);
      }
      const st = statOrNull(rotated);
      if (st) rotations.add(st.ino);
      return rotations.size >= ROTATIONS ? true : undefined;
    };
    const floodStart = Date.now();
    await whenDir(logDir, look, 120_000, () => `${rotations.size} rotations seen`);
    const floodMs = Date.now() - floodStart;

    // while it floods: status answers, and the cockpit draws and echoes a key in the calm pane
    const status = JSON.parse(await fleet.hangar('status', '--json')) as { services: Array<{ name: string; state: string }> };
    expect(status.services.find((s) => s.name === 'flood')?.state).toBe('RUNNING');
    const term = fleet.cockpit(120, 40);
    await term.waitForText('calm-ready', 30_000);
    term.write('ping from the cockpit\r');
    await term.waitForScreen((s) => s.split('ping from the cockpit').length >= 3, 30_000); // typed, then cat's echo
    await fleet.closeCockpits();

    await fleet.hangar('down', 'flood');
    look();
    const sizes = Object.fromEntries(readdirSync(logDir).filter((n) => statOrNull(join(logDir, n))?.isFile()).map((n) => [n, statSync(join(logDir, n)).size]));
    console.log(`flood: ${ROTATIONS} rotations of a ${CAP}-byte log in ${floodMs} ms (~${Math.round((ROTATIONS * CAP) / 1024 / (floodMs / 1000))} KiB/s logged); files under log_dir after it: ${JSON.stringify(sizes)}; largest seen meanwhile: ${largest.name} ${largest.size}`);
    for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeLessThanOrEqual(CAP);
    expect(largest.size).toBeLessThanOrEqual(CAP);
    expect(existsSync(join(logDir, 'fl-flood.log.2'))).toBe(false); // log_keep = 1
    expect(sizes['fl-flood.log.1']).toBeGreaterThan(CAP / 2);
    const serverLog = existsSync(join(logDir, 'server.log')) ? readFileSync(join(logDir, 'server.log'), 'utf8') : '';
    expect(serverLog).not.toMatch(/Parsing error/);
  }, 180_000); // a bound, not a target: the flood's pace is whatever a loaded machine parses
});

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
