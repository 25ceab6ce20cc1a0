import { describe, expect, it } from 'vitest';
import { buildRows } from '../../src/bench/report.js';
import { cliBreakdown, cliFigures, renderCliBreakdown } from '../../src/bench/scenarios/cli-wall-time.js';

describe('the CLI scenario breakdown', () => {
  const samples = {
    nodeStart: [40, 41, 39],
    nodeStartAsIs: [70, 75, 72],
    version: [80, 79, 81],
    status: [130, 129, 200],
    tmux: [3, 2, 4],
    hook: [60, 61, 59],
    connect: [5, 6, 4],
    request: [2, 1, 3],
    statusCpu: [90, 100, 95],
    statusMaxRssKb: [50_000, 52_000, 51_200],
  };

  it('takes the median of each and splits status into node start, bundle load, connect, request and the rest', () => {
    expect(cliBreakdown(samples)).toEqual({ status: 130, tmux: 3, hook: 60, nodeStart: 40, nodeStartAsIs: 72, bundleLoad: 40, connect: 5, request: 2, rest: 43, statusCpu: 95, statusMaxRssKb: 51_200 });
  });

  it('prints the figures against tmux', () => {
    const text = renderCliBreakdown(cliBreakdown(samples), 3).join('\n');
    expect(text).toContain('hangar status: median 130.0 ms over 3 runs; tmux list-panes: 3.0 ms (43.3x)');
    expect(text).toContain('bundle load 40.0 ms');
    expect(text).toContain('hangar status CPU time (user + system): median 95.0 ms; peak resident memory 50.0 MB');
    expect(text).toContain('node -e 0 as the user\'s shell starts it (no flags, the environment as is): 72.0 ms; hangar hook: 60.0 ms');
  });

  it("gives (h)'s rows: status judged against 100 ms with tmux list-panes beside it, the parts unjudged", () => {
    const rows = buildRows(cliFigures(cliBreakdown(samples))).filter((r) => r.id === 'h');
    expect(rows[0]).toMatchObject({ label: 'hangar status wall time, median of 20 (tmux: list-panes)', hangar: 130, tmux: 3, target: '≤ 100 ms', met: false });
    expect(rows.slice(1).map((r) => [r.hangar, r.met])).toEqual([[40, undefined], [40, undefined], [7, undefined], [43, undefined], [95, undefined], [60, undefined]]);
    expect(buildRows(cliFigures({ ...cliBreakdown(samples), status: 100 })).find((r) => r.id === 'h')!.met).toBe(true);
  });
});
