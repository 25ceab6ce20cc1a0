import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine.js';
import { machineLine } from './machine.js';
import { renderMarkdownTable, type ReportRow } from './report.js';

export const BEGIN_MARK = '<!-- bench:begin (written by npm run bench; edit outside these marks) -->';
export const END_MARK = '<!-- bench:end -->';

export interface RunDescription {
  date: string;
  machine: Machine;
  quick: boolean;
  /** one line per scenario detail (sample counts, windows, per-process figures, skips) */
  notes: string[];
}

/** The generated part of docs/PERFORMANCE.md: figures, machine, date, each target met or missed. */
export function renderMeasuredSection(rows: readonly ReportRow[], run: RunDescription): string {
  const verdicts = rows
    .filter((r) => r.met !== undefined)
    .map((r) => `- (${r.id}) ${r.label}: **${r.met ? 'met' : 'missed'}** — hangar ${fmt(r.hangar)} ${r.unit}, tmux ${fmt(r.tmux)} ${r.unit}, target ${r.target}`);
  return [
    BEGIN_MARK,
    `## Last run${run.quick ? ' (--quick: a smoke run, not the figures of record)' : ''}`,
    '',
    `${run.date} on ${machineLine(run.machine)}.`,
    '',
    renderMarkdownTable(rows),
    '',
    ...verdicts,
    '',
    'Details:',
    ...run.notes.map((n) => `- ${n}`),
    END_MARK,
  ].join('\n');
}

function fmt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return Number.isInteger(value) || Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(2);
}

/**
 * Put the generated section into the document, replacing the previous one and keeping the
 * hand-written analysis around it; a document without marks gets the section appended.
 */
export function mergeMeasuredSection(document: string, section: string): string {
  const begin = document.indexOf(BEGIN_MARK);
  const end = document.indexOf(END_MARK);
  if (begin === -1 || end === -1 || end < begin) return `${document.trimEnd()}\n\n${section}\n`;
  return document.slice(0, begin) + section + document.slice(end + END_MARK.length);
}

const NEW_DOCUMENT = '# Performance: the cockpit against tmux\n\nWritten by `npm run bench` (src/bench/).\n';

export function writePerformanceDoc(path: string, section: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : NEW_DOCUMENT;
  writeFileSync(path, mergeMeasuredSection(current, section));
}
