/**
 * What a normaliser makes of one session-file record, before the transcriber numbers turns:
 * entries-to-be, plus the facts a turn's end is made from (tokens, the model, the records'
 * own "the turn is over"). Types only, and the small readers every normaliser uses.
 */
import type { EntryBody, TranscriptUsage } from './transcript-entry.js';

export type PieceBody =
  | Exclude<EntryBody, { type: 'turn_end' }>
  /** one request's tokens; `key` counts it once (a message id + request id), null: each counts */
  | { type: 'usage'; key: string | null; usage: TranscriptUsage; cost_usd: number | null }
  /** the model the records name from here on */
  | { type: 'model'; model: string }
  /** the records say the turn is over */
  | { type: 'end' };

export type Piece = PieceBody & { at: string | null; sidechain?: true };

export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A token count: a whole number ≥ 0 (anything else counts nothing). */
export const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);

/** A dollar figure ≥ 0, or null. */
export const dollars = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A record's `timestamp` when it is a string. */
export const stamp = (r: Rec): string | null => str(r['timestamp']);
