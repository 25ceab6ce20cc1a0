import type { FigureKey, Figures } from './figures.js';

/** How a row's hangar figure is judged; ratios are against tmux in the same run. */
export type Target =
  | { kind: 'vs-tmux'; factor: number }
  | { kind: 'tmux-plus'; plus: number }
  | { kind: 'below'; limit: number }
  | { kind: 'at-most'; limit: number }
  | { kind: 'at-least'; limit: number }
  | { kind: 'none' };

export interface MetricSpec {
  id: string;
  label: string;
  unit: string;
  key: FigureKey;
  target: Target;
}

/**
 * (i)'s bound, MB: node's floor for two processes (45 MB) plus what their code needs loaded
 * (node's own pages for the built-ins and compilers they use, the cockpit's and the server's
 * bundles), nothing more for an idle pane; docs/PERFORMANCE.md "(i)" has the figures.
 */
const FIXED_MEMORY_MB = 80;

/** The rows of the table, in the order. */
const METRICS: readonly MetricSpec[] = [
  { id: 'a', label: 'flood: seq 1 1000000 until DONE_2', unit: 'ms', key: 'floodMs', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'b', label: 'echo p50, other panes idle', unit: 'ms', key: 'echoIdleP50', target: { kind: 'tmux-plus', plus: 1 } },
  { id: 'b', label: 'echo p99, other panes idle', unit: 'ms', key: 'echoIdleP99', target: { kind: 'vs-tmux', factor: 2 } },
  { id: 'b', label: 'echo p50, 3 panes flooding', unit: 'ms', key: 'echoFloodP50', target: { kind: 'none' } },
  { id: 'b', label: 'echo p99, 3 panes flooding', unit: 'ms', key: 'echoFloodP99', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'b', label: '3-character echo p50, other panes idle', unit: 'ms', key: 'markerIdleP50', target: { kind: 'tmux-plus', plus: 1 } },
  { id: 'b', label: '3-character echo p99, other panes idle', unit: 'ms', key: 'markerIdleP99', target: { kind: 'vs-tmux', factor: 2 } },
  { id: 'b', label: '3-character echo p99, 3 panes flooding', unit: 'ms', key: 'markerFloodP99', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'c', label: 'bytes to the terminal during (a)', unit: 'B', key: 'floodBytes', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'd', label: 'CPU, 8 idle demo agents', unit: '% core', key: 'idleCpuPercent', target: { kind: 'below', limit: 1 } },
  { id: 'e', label: 'resident memory per agent, 10,000 lines each', unit: 'MB', key: 'mbPerAgent', target: { kind: 'at-most', limit: 15 } },
  { id: 'e', label: 'the same, VmRSS summed (shared pages twice)', unit: 'MB', key: 'rssMbPerAgent', target: { kind: 'none' } },
  { id: 'f', label: 'CPU, 8 panes redrawing like busy agents (15 s)', unit: '% core', key: 'busyCpuPercent', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'f', label: 'bytes to the terminal meanwhile', unit: 'B', key: 'busyOuterBytes', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'f', label: 'status reads with every agent working', unit: '%', key: 'busyAllWorkingPercent', target: { kind: 'at-least', limit: 100 } },
  { id: 'g', label: 'coloured flood: 200,000 SGR lines until a marker', unit: 'ms', key: 'colourFloodMs', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'g', label: 'bytes to the terminal during (g)', unit: 'B', key: 'colourFloodBytes', target: { kind: 'none' } },
  { id: 'j', label: 'echo p50, 1 pane toggling the alt screen', unit: 'ms', key: 'echoHostileP50', target: { kind: 'none' } },
  { id: 'j', label: 'echo p99, 1 pane toggling the alt screen', unit: 'ms', key: 'echoHostileP99', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'j', label: 'server CPU meanwhile', unit: '% core', key: 'hostileServerCpuPercent', target: { kind: 'none' } },
  { id: 'j', label: 'status answered (max of 20), before it starts', unit: 'ms', key: 'statusQuietMaxMs', target: { kind: 'none' } },
  { id: 'j', label: 'status answered (max of 20), beside it', unit: 'ms', key: 'statusHostileMaxMs', target: { kind: 'none' } },
  { id: 'j', label: 'echo p50, 1 pane printing random bytes', unit: 'ms', key: 'echoRandomP50', target: { kind: 'none' } },
  { id: 'j', label: 'echo p99, 1 pane printing random bytes', unit: 'ms', key: 'echoRandomP99', target: { kind: 'vs-tmux', factor: 1 } },
  { id: 'j', label: 'server CPU meanwhile', unit: '% core', key: 'randomServerCpuPercent', target: { kind: 'none' } },
  { id: 'j', label: 'status answered (max of 20), beside it', unit: 'ms', key: 'statusRandomMaxMs', target: { kind: 'none' } },
  { id: 'h', label: 'hangar status wall time, median of 20 (tmux: list-panes)', unit: 'ms', key: 'cliStatusMs', target: { kind: 'at-most', limit: 100 } },
  { id: 'h', label: 'of which node start (node -e 0, as bin/hangar starts it)', unit: 'ms', key: 'cliNodeStartMs', target: { kind: 'none' } },
  { id: 'h', label: 'of which bundle load (hangar --version − node start)', unit: 'ms', key: 'cliBundleLoadMs', target: { kind: 'none' } },
  { id: 'h', label: 'of which connect + request (from a warm process)', unit: 'ms', key: 'cliConnectMs', target: { kind: 'none' } },
  { id: 'h', label: 'of which config, printing, exit (the rest)', unit: 'ms', key: 'cliRestMs', target: { kind: 'none' } },
  { id: 'h', label: 'hangar status CPU time (user + system), median', unit: 'ms', key: 'cliStatusCpuMs', target: { kind: 'none' } },
  { id: 'h', label: 'hangar hook wall time, median of 20', unit: 'ms', key: 'cliHookMs', target: { kind: 'none' } },
  { id: 'i', label: 'fixed memory, 1 idle shell: client + server, pages once', unit: 'MB', key: 'fixedBothMb', target: { kind: 'at-most', limit: FIXED_MEMORY_MB } },
  { id: 'i', label: 'the cockpit / tmux client alone', unit: 'MB', key: 'fixedClientMb', target: { kind: 'none' } },
  { id: 'i', label: 'the server alone', unit: 'MB', key: 'fixedServerMb', target: { kind: 'none' } },
  { id: 'i', label: 'the same, VmRSS summed (shared pages twice)', unit: 'MB', key: 'fixedRssSumMb', target: { kind: 'none' } },
  { id: 'i', label: "node's floor: 2 idle node processes, pages once", unit: 'MB', key: 'nodeFloorMb', target: { kind: 'none' } },
];

export interface ReportRow {
  id: string;
  label: string;
  unit: string;
  hangar?: number;
  tmux?: number;
  raw?: number;
  /** hangar / tmux */
  ratio?: number;
  target: string;
  /** undefined: no target, or a figure it needs is missing */
  met?: boolean;
}

function describeTarget(target: Target, unit: string): string {
  switch (target.kind) {
    case 'vs-tmux':
      return `≤ ${target.factor.toFixed(1)}× tmux`;
    case 'tmux-plus':
      return `≤ tmux + ${target.plus} ${unit}`;
    case 'below':
      return `< ${target.limit} ${unit}`;
    case 'at-most':
      return `≤ ${target.limit} ${unit}`;
    case 'at-least':
      return `≥ ${target.limit} ${unit}`;
    case 'none':
      return '—';
  }
}

/** Is the target met? undefined when there is no target or a figure it needs is missing. */
export function judge(target: Target, hangar: number | undefined, tmux: number | undefined): boolean | undefined {
  if (target.kind === 'none' || hangar === undefined || Number.isNaN(hangar)) return undefined;
  switch (target.kind) {
    case 'vs-tmux':
      return tmux === undefined ? undefined : hangar <= tmux * target.factor;
    case 'tmux-plus':
      return tmux === undefined ? undefined : hangar <= tmux + target.plus;
    case 'below':
      return hangar < target.limit;
    case 'at-most':
      return hangar <= target.limit;
    case 'at-least':
      return hangar >= target.limit;
  }
}

export function buildRows(figures: Figures, metrics: readonly MetricSpec[] = METRICS): ReportRow[] {
  return metrics.map((m) => {
    const hangar = figures.hangar?.[m.key];
    const tmux = figures.tmux?.[m.key];
    const raw = figures.raw?.[m.key];
    const ratio = hangar !== undefined && tmux !== undefined && tmux > 0 ? hangar / tmux : undefined;
    return { id: m.id, label: m.label, unit: m.unit, hangar, tmux, raw, ratio, target: describeTarget(m.target, m.unit), met: judge(m.target, hangar, tmux) };
  });
}

/** A figure as printed: integers for big numbers, two decimals for small ones. */
function formatFigure(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toFixed(2);
}

function metText(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'met' : 'MISSED';
}

const HEADER = ['', 'metric', 'unit', 'hangar', 'tmux', 'raw', 'hangar/tmux', 'target', 'met?'];

function cells(row: ReportRow): string[] {
  return [`(${row.id})`, row.label, row.unit, formatFigure(row.hangar), formatFigure(row.tmux), formatFigure(row.raw), row.ratio === undefined ? 'n/a' : `${row.ratio.toFixed(2)}×`, row.target, metText(row.met)];
}

/** The table printed on the console: columns padded to their widest cell. */
export function renderTable(rows: readonly ReportRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((r) => [...r[c]!].length)));
  return table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/** The same table as Markdown. */
export function renderMarkdownTable(rows: readonly ReportRow[]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}
