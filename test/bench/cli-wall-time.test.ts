import { describe, expect, it } from 'vitest';
import { cliBreakdown, renderCliBreakdown } from '../../src/bench/scenarios/cli-wall-time.js';

describe('the CLI scenario breakdown', () => {
  const samples = {
    nodeStart: [40, 41, 39],
    version: [80, 79, 81],
    status: [130, 129, 200],
    tmux: [3, 2, 4],
    connect: [5, 6, 4],
    request: [2, 1, 3],
    statusCpu: [90, 100, 95],
    statusMaxRssKb: [50_000, 52_000, 51_200],
  };

  it('takes the median of each and splits status into node start, bundle load, connect, request and the rest', () => {
    expect(cliBreakdown(samples)).toEqual({ status: 130, tmux: 3, nodeStart: 40, bundleLoad: 40, connect: 5, request: 2, rest: 43, statusCpu: 95, statusMaxRssKb: 51_200 });
  });

  it('prints the figures against tmux', () => {
    const text = renderCliBreakdown(cliBreakdown(samples), 3).join('\n');
    expect(text).toContain('hangar status: median 130.0 ms over 3 runs; tmux list-panes: 3.0 ms (43.3x)');
    expect(text).toContain('bundle load 40.0 ms');
    expect(text).toContain('hangar status CPU time (user + system): median 95.0 ms; peak resident memory 50.0 MB');
  });
});
