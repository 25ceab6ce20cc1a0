/**
 * Transcript entries as a person reads them (`hangar transcript`, the cockpit's overlay): a
 * rule before each turn, the prompt after ❯, the assistant's text, one line per tool call
 * (⏺ tool argument) with its result cut to a few lines under it (✗ marks an error), the
 * turn's tokens and cost at its end. A subagent's lines are marked ↳. Pure: lines out, no
 * colour (the CLI prints them as they are; the overlay draws them in its grid).
 */
import type { TranscriptEntry, TranscriptUsage } from './transcript-entry.js';

const thousands = (n: number) => n.toLocaleString('en-US');

/** "1,234 in · 56 out · 7,890 cache read · 120 cache write" (the parts that are not 0). */
function usageText(u: TranscriptUsage): string {
  const parts = [`${thousands(u.input)} in`, `${thousands(u.output)} out`];
  if (u.cache_read > 0) parts.push(`${thousands(u.cache_read)} cache read`);
  if (u.cache_write > 0) parts.push(`${thousands(u.cache_write)} cache write`);
  return parts.join(' · ');
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `first` before the first line of `text`, `rest` before the others. */
function block(text: string, first: string, rest: string): string[] {
  return text.split('\n').map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd());
}

/** The lines of one entry. */
function entryLines(e: TranscriptEntry): string[] {
  const side = e.sidechain ? '↳ ' : '';
  switch (e.type) {
    case 'prompt':
      return e.sidechain ? block(e.text, `  ${side}task: `, '      ') : [`── T${e.turn}${e.at ? ` · ${e.at}` : ''}`, ...block(e.text, '❯ ', '  ')];
    case 'text':
      return block(e.text, `  ${side}`, `  ${side ? '  ' : ''}`);
    case 'tool_call':
      return [`  ${side}⏺ ${e.tool}${e.arg ? ` ${e.arg}` : ''}`];
    case 'tool_result': {
      const mark = e.is_error ? '✗ ' : '';
      const text = e.text === '' ? (e.is_error ? 'failed' : '(no output)') : e.text;
      const lines = block(text, `    ${side}⎿ ${mark}`, `    ${side}  ${mark ? '  ' : ''}`);
      const more = e.lines - text.split('\n').length;
      if (e.text !== '' && more > 0) lines.push(`    ${side}  … ${more} more line${more === 1 ? '' : 's'}`);
      return lines;
    }
    case 'compaction': {
      const how = [e.trigger, e.tokens_before !== null ? `${thousands(e.tokens_before)} tokens before` : null].filter(Boolean).join(', ');
      return [`── context compacted${how ? ` (${how})` : ''}`];
    }
    case 'error':
      return block(e.text, `  ${side}✗ `, `  ${side}  `);
    case 'unknown':
      return [`  ? a record of unknown type "${e.record_type}"`];
    case 'skipped':
      return [e.reason === 'line_too_long' ? `  ? a line of ${mib(e.bytes)} passed over (longer than 8 MiB)` : `  ? a line that is not JSON passed over (${thousands(e.bytes)} bytes)`];
    case 'file_reset':
      return [`── the session file was ${e.reason === 'replaced' ? 'replaced' : 'cut short'}: read again from its start`];
    case 'turn_end': {
      const parts = [e.usage ? usageText(e.usage) : 'tokens not recorded'];
      if (e.cost_usd !== null) parts.push(`$${e.cost_usd.toFixed(4)}`);
      if (e.model) parts.push(e.model);
      return [`  ── T${e.turn} ${e.in_progress ? 'so far' : 'done'}: ${parts.join(' · ')}`];
    }
  }
}

/** The lines of many entries. */
export function transcriptLines(entries: readonly TranscriptEntry[]): string[] {
  return entries.flatMap(entryLines);
}

/** Which turns to show: all, one (`--turn Tn`), or the last N (`--last N`). */
export type TurnChoice = { kind: 'all' } | { kind: 'turn'; turn: number } | { kind: 'last'; count: number };

/** "T3" or "3" as a turn number; null when it is neither. */
export function parseTurnLabel(label: string): number | null {
  const m = /^T?(\d+)$/i.exec(label.trim());
  return m ? Number(m[1]) : null;
}

/**
 * The entries of the chosen turns. `last` counts back from the newest turn the entries hold;
 * records before the first prompt (turn 0) show only with all turns, and so do markers.
 */
export function chooseTurns(entries: readonly TranscriptEntry[], choice: TurnChoice): TranscriptEntry[] {
  if (choice.kind === 'all') return [...entries];
  if (choice.kind === 'turn') return entries.filter((e) => e.turn === choice.turn);
  const newest = entries.reduce((max, e) => Math.max(max, e.turn), 0);
  return entries.filter((e) => e.turn > 0 && e.turn > newest - choice.count);
}
