import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';
import { printFigures, processFigures, serverPid } from './figures.js';
import { CASE_KINDS, fuzzCase } from './fuzz-cases.js';
import { rawExchange, request } from './raw-connection.js';
import { SeededRandom } from './seeded-random.js';

// A socket fuzzer against the real server: a bounded number of random cases (fuzz-cases.ts),
// seeded — the seed is printed, HANGAR_FUZZ_SEED=<seed> replays a run and
// HANGAR_FUZZ_ITERATIONS=<n> makes it longer. Throughout, the server must answer `status`; at
// the end its memory, after the same settle as at the start, must be back near its baseline.
// That is a leak check, not a timing one: the margin is wide (64 MB) and the figures are printed.
const ITERATIONS = Number(process.env.HANGAR_FUZZ_ITERATIONS ?? 1000);
const CHECK_EVERY = 25;
const SETTLE_REQUESTS = 50;
const LEAK_MARGIN_MB = 64;

const CONFIG = `
[defaults]
session_prefix = "fz-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[[agent]]
name = "alpha"
prompt = "hello"
`;

describe('the socket fuzzer', () => {
  const fleet = new TestFleet('fz', CONFIG, { DEMO_THINK_MS: '100' });
  afterAll(() => fleet.stop());

  it(`${ITERATIONS} random cases: the server answers status throughout and its memory returns near its baseline`, async () => {
    const random = SeededRandom.fromEnv();
    console.log(`[faults] socket fuzzer: seed ${random.seed} (replay: HANGAR_FUZZ_SEED=${random.seed}), ${ITERATIONS} iterations over ${CASE_KINDS.length} kinds of case`);
    await fleet.up(['alpha']);
    const socket = join(fleet.dir, 'state', 'hangar.sock');
    const pid = serverPid(join(fleet.dir, 'state'));
    const status = () => request(socket, 'status') as Promise<{ agents: Array<{ name: string }> }>;
    const settle = async () => {
      for (let i = 0; i < SETTLE_REQUESTS; i++) await status();
      return processFigures(pid);
    };

    const baseline = await settle();
    const counts = new Map<string, number>();
    let connections = 0;
    let bytes = 0;
    let closedWithError = 0;
    let worstRecoveryMs = 0;
    for (let i = 1; i <= ITERATIONS; i++) {
      const c = fuzzCase(random, 'alpha');
      counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
      connections += c.connections.length;
      bytes += c.connections.flat().reduce((n, b) => n + b.length, 0);
      let answeredMeanwhile: Promise<unknown> = Promise.resolve();
      const hold = c.holdOpen
        ? new Promise<void>((release) => {
            // the server answers while every connection of the case is open
            answeredMeanwhile = status().finally(release);
          })
        : undefined;
      const outcomes = await Promise.all(c.connections.map((chunks) => rawExchange(socket, chunks, hold)));
      await answeredMeanwhile;
      closedWithError += outcomes.filter((o) => o.error !== undefined).length;
      if (i % CHECK_EVERY === 0 || i === ITERATIONS) {
        const asked = Date.now();
        const answer = await status().catch((err: Error) => {
          throw new Error(`after iteration ${i} (${c.kind}), seed ${random.seed}: ${err.message}`);
        });
        worstRecoveryMs = Math.max(worstRecoveryMs, Date.now() - asked);
        expect(answer.agents.map((a) => a.name)).toEqual(['alpha']);
      }
    }
    const after = await settle();

    printFigures('socket fuzzer', {
      seed: random.seed,
      iterations: ITERATIONS,
      connections,
      'bytes sent': `${(bytes / 1048576).toFixed(1)} MB`,
      'connections the server cut short': closedWithError,
      'RSS baseline': `${baseline.rssMb.toFixed(1)} MB`,
      'RSS after the settle': `${after.rssMb.toFixed(1)} MB`,
      'peak RSS': `${after.peakRssMb.toFixed(1)} MB`,
      'server CPU during the run': `${Math.round(after.cpuMs - baseline.cpuMs)} ms`,
      'slowest status at a check': `${worstRecoveryMs} ms`,
    });
    console.log(`[faults] socket fuzzer cases: ${[...counts].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
    // the same server all along, still answering the CLI too
    expect(serverPid(join(fleet.dir, 'state'))).toBe(pid);
    expect(await fleet.hangar('status')).toContain('alpha');
    expect(after.rssMb).toBeLessThan(baseline.rssMb + LEAK_MARGIN_MB);
  }, 300_000);
});
