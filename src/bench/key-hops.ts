/**
 * A keystroke's time per hop, from the marks base/key-trace.ts leaves in a bench run (issue 17):
 * for each key the bench typed, the first mark of each hop after the hop before it, up to the
 * moment the bench saw the echo. A hop with no mark in that span (a subject that does not mark
 * it — tmux — or a mark lost when a process was killed) is left out, and the next hop is
 * timed from the last one found. Pure: the marks are read by the caller.
 */
import { GC_MARK } from '../base/key-trace.js';
import { percentile } from './percentiles.js';

export interface KeyMark {
  at: number;
  hop: string;
}

/** The hops of one key in the order it passes them. */
export const KEY_HOPS = [
  'bench.key',
  'cockpit.stdin',
  'cockpit.send',
  'server.input',
  'server.pty-write',
  'server.pty-read',
  'server.parsed',
  'server.frame',
  'cockpit.frame',
  'cockpit.write',
  'bench.seen',
] as const;

/** One key: the time of each hop it was seen at (ms on the shared monotonic clock). */
export type KeyPath = Map<string, number>;

/** Parse one process's trace file (`<ms>\t<hop>` per line); other lines are skipped. */
export function parseMarks(text: string): KeyMark[] {
  const marks: KeyMark[] = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const at = Number(line.slice(0, tab));
    if (Number.isFinite(at)) marks.push({ at, hop: line.slice(tab + 1) });
  }
  return marks;
}

/** The path of every key typed in [from, to], from all processes' marks. */
export function keyPaths(all: KeyMark[], from: number, to: number): KeyPath[] {
  const marks = all.filter((m) => m.at >= from && m.at <= to).sort((a, b) => a.at - b.at);
  const byHop = new Map<string, number[]>();
  for (const m of marks) {
    let list = byHop.get(m.hop);
    if (!list) byHop.set(m.hop, (list = []));
    list.push(m.at);
  }
  const first = (hop: string, after: number, until: number): number | undefined => {
    const list = byHop.get(hop);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < after) lo = mid + 1;
      else hi = mid;
    }
    const at = list[lo];
    return at !== undefined && at <= until ? at : undefined;
  };
  const paths: KeyPath[] = [];
  for (const sent of byHop.get('bench.key') ?? []) {
    const seen = first('bench.seen', sent, to);
    if (seen === undefined) continue;
    const path: KeyPath = new Map([['bench.key', sent]]);
    let last = sent;
    for (const hop of KEY_HOPS.slice(1, -1)) {
      const at = first(hop, last, seen);
      if (at === undefined) continue;
      path.set(hop, at);
      last = at;
    }
    path.set('bench.seen', seen);
    paths.push(path);
  }
  return paths;
}

export interface HopRow {
  /** "a → b" */
  hop: string;
  keys: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50/p99/max per hop over the keys (each hop from the hop found before it), and the whole way. */
export function hopTable(paths: KeyPath[]): HopRow[] {
  const spans = new Map<string, number[]>();
  for (const path of paths) {
    let prev: [string, number] | null = null;
    for (const hop of KEY_HOPS) {
      const at = path.get(hop);
      if (at === undefined) continue;
      if (prev) {
        const name = `${prev[0]} → ${hop}`;
        let list = spans.get(name);
        if (!list) spans.set(name, (list = []));
        list.push(at - prev[1]);
      }
      prev = [hop, at];
    }
  }
  const total = paths.map((p) => p.get('bench.seen')! - p.get('bench.key')!);
  const rows: HopRow[] = [...spans].map(([hop, ms]) => row(hop, ms));
  if (total.length > 0) rows.push(row('whole way', total));
  return rows;
}

function row(hop: string, ms: number[]): HopRow {
  const sorted = [...ms].sort((a, b) => a - b);
  return { hop, keys: ms.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
}

/**
 * Where the slowest keys spent their time: for the keys at or past the p99 of the whole way,
 * each hop's mean — the tail's breakdown, which the per-hop p99s (taken key by key) do not give.
 */
export function tailTable(paths: KeyPath[], share = 0.01): HopRow[] {
  const sorted = [...paths].sort((a, b) => whole(b) - whole(a));
  const tail = sorted.slice(0, Math.max(1, Math.ceil(paths.length * share)));
  return tail.length === 0 ? [] : hopTable(tail);
}

/** GC pauses in the slowest keys: of the tail's `keys`, how many a pause overlapped, and its ms within them. */
export interface TailPauses {
  keys: number;
  overlapped: number;
  pauseMs: number;
  wholeMs: number;
}

/** The GC pauses (marks `gc <ms> <kind>`, of any process) within the slowest `share` of the keys. */
export function pausesInTail(paths: KeyPath[], marks: KeyMark[], share = 0.01): TailPauses {
  const pauses = marks.filter((m) => m.hop.startsWith(`${GC_MARK} `)).map((m) => ({ from: m.at, to: m.at + parseFloat(m.hop.slice(GC_MARK.length + 1)) }));
  const tail = [...paths].sort((a, b) => whole(b) - whole(a)).slice(0, Math.max(1, Math.ceil(paths.length * share)));
  const result: TailPauses = { keys: 0, overlapped: 0, pauseMs: 0, wholeMs: 0 };
  for (const path of tail) {
    const from = path.get('bench.key')!;
    const to = path.get('bench.seen')!;
    const within = pauses.reduce((ms, p) => ms + Math.max(0, Math.min(p.to, to) - Math.max(p.from, from)), 0);
    result.keys++;
    result.wholeMs += to - from;
    if (within > 0) result.overlapped++;
    result.pauseMs += within;
  }
  return result;
}

function whole(path: KeyPath): number {
  return path.get('bench.seen')! - path.get('bench.key')!;
}

export function renderHopTable(rows: HopRow[]): string[] {
  return rows.map((r) => `${r.hop.padEnd(36)} ${String(r.keys).padStart(4)} keys  p50 ${r.p50.toFixed(2).padStart(6)}  p99 ${r.p99.toFixed(2).padStart(6)}  max ${r.max.toFixed(2).padStart(6)} ms`);
}
