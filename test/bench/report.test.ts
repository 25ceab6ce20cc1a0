import { describe, expect, it } from 'vitest';
import { median, percentile, summarizeLatencies } from '../../src/bench/percentiles.js';
import { BEGIN_MARK, END_MARK, mergeMeasuredSection } from '../../src/bench/performance-doc.js';
import { buildRows, judge, renderTable } from '../../src/bench/report.js';
import { cpuPercent } from '../../src/bench/scenarios/idle-cpu.js';
import { hotFunctions } from '../../src/bench/cpu-profile.js';

describe('percentile (nearest rank)', () => {
  it('picks ranks from the sorted sample', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(values[0]).toBe(5); // the input is left unsorted
  });

  it('the median of the rounds: the middle one, or the lower middle of an even count', () => {
    expect(median([712, 638, 747])).toBe(712);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('p99 of 200 samples is the 198th smallest', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(summarizeLatencies(values)).toEqual({ samples: 200, p50: 100, p99: 198, max: 200 });
  });

  it('is NaN for no samples and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('targets and the table', () => {
  it('judges each kind of target', () => {
    expect(judge({ kind: 'vs-tmux', factor: 1 }, 100, 100)).toBe(true);
    expect(judge({ kind: 'vs-tmux', factor: 1 }, 101, 100)).toBe(false);
    expect(judge({ kind: 'tmux-plus', plus: 2 }, 3.5, 1.6)).toBe(true);
    expect(judge({ kind: 'tmux-plus', plus: 2 }, 3.7, 1.6)).toBe(false);
    expect(judge({ kind: 'below', limit: 1 }, 1, undefined)).toBe(false);
    expect(judge({ kind: 'below', limit: 1 }, 0.99, undefined)).toBe(true);
    expect(judge({ kind: 'at-most', limit: 15 }, 15, undefined)).toBe(true);
    expect(judge({ kind: 'vs-tmux', factor: 1 }, 5, undefined)).toBeUndefined();
    expect(judge({ kind: 'none' }, 5, 1)).toBeUndefined();
  });

  it('builds rows with ratios against tmux and verdicts', () => {
    const rows = buildRows({
      hangar: { floodMs: 1400, floodBytes: 100, echoIdleP50: 3.7, idleCpuPercent: 0.4, mbPerAgent: 20 },
      tmux: { floodMs: 1000, floodBytes: 400, echoIdleP50: 1.6, idleCpuPercent: 0 },
      raw: { floodMs: 900 },
    });
    const flood = rows.find((r) => r.label.startsWith('flood'))!;
    expect(flood).toMatchObject({ hangar: 1400, tmux: 1000, raw: 900, met: false });
    expect(flood.ratio).toBeCloseTo(1.4);
    expect(rows.find((r) => r.label.startsWith('bytes'))).toMatchObject({ ratio: 0.25, met: true });
    expect(rows.find((r) => r.label === 'echo p50, other panes idle')!.met).toBe(false);
    const cpu = rows.find((r) => r.label.startsWith('CPU'))!;
    expect(cpu.ratio).toBeUndefined(); // tmux used no measurable CPU: no ratio, the absolute target still judges
    expect(cpu.met).toBe(true);
    expect(rows.find((r) => r.label.startsWith('resident memory'))!.met).toBe(false);
    expect(rows.find((r) => r.label.includes('VmRSS summed'))!.met).toBeUndefined(); // shown beside it, not judged
    expect(rows.find((r) => r.label === 'echo p99, 3 panes flooding')!.met).toBeUndefined();

    const table = renderTable(rows).split('\n');
    expect(table).toHaveLength(rows.length + 1);
    expect(table[1]).toMatch(/^\(a\)\s+flood.*1,400\s+1,000\s+900\s+1\.40×\s+≤ 1\.0× tmux\s+MISSED$/);
  });

  it('converts CPU seconds over wall time into percent of one core', () => {
    expect(cpuPercent(10, 10.3, 30_000)).toBeCloseTo(1);
    expect(cpuPercent(1, 1, 0)).toBeNaN();
  });
});

describe('docs/PERFORMANCE.md', () => {
  it('replaces the generated section and keeps the hand-written text around it', () => {
    const doc = `# Perf\n\nintro\n\n${BEGIN_MARK}\nold figures\n${END_MARK}\n\n## Analysis\nkept\n`;
    const merged = mergeMeasuredSection(doc, `${BEGIN_MARK}\nnew figures\n${END_MARK}`);
    expect(merged).toBe(`# Perf\n\nintro\n\n${BEGIN_MARK}\nnew figures\n${END_MARK}\n\n## Analysis\nkept\n`);
    expect(mergeMeasuredSection('# Perf\n', 'S')).toBe('# Perf\n\nS\n');
  });
});

describe('cpu profile summary', () => {
  it('sums self time per function over its nodes, most expensive first', () => {
    const frame = (functionName: string, line: number) => ({ functionName, url: 'file:///x/dist/ui/a.js', lineNumber: line });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', -1) },
        { id: 2, callFrame: frame('draw', 9) },
        { id: 3, callFrame: frame('draw', 9) },
        { id: 4, callFrame: frame('', 0) },
      ],
      samples: [2, 3, 1, 4, 2],
      timeDeltas: [1000, 2000, 4000, 500, 500],
    };
    const hot = hotFunctions(profile, 2);
    expect(hot).toEqual([
      { name: '(idle)', where: 'dist/ui/a.js:0', selfMs: 4, percent: 50 },
      { name: 'draw', where: 'dist/ui/a.js:10', selfMs: 3.5, percent: 43.75 },
    ]);
  });
});

describe('(i) fixed memory', () => {
  it('judges client + server with each page once against an absolute bound, and shows the rest unjudged', () => {
    const rows = buildRows({ hangar: { fixedBothMb: 60, fixedClientMb: 50, fixedServerMb: 40, fixedRssSumMb: 90, nodeFloorMb: 45 }, tmux: { fixedBothMb: 5 } });
    const judged = rows.filter((r) => r.id === 'i' && r.met !== undefined);
    expect(judged.map((r) => r.label)).toEqual(['fixed memory, 1 idle shell: client + server, pages once']);
    expect(judged[0]).toMatchObject({ hangar: 60, tmux: 5, ratio: 12, met: true });
    expect(buildRows({ hangar: { fixedBothMb: 1000 } }).find((r) => r.label.startsWith('fixed memory'))!.met).toBe(false);
  });
});
