/**
 * Session-file records, in the order they were written, as transcript entries: each record is
 * read by the normaliser of the CLI whose shape it has (Claude Code and the demo agent, Codex,
 * Gemini CLI — recognised per record, so nothing is configured), then numbered into turns: a
 * prompt of the person's starts one; the records' own end of a turn (or the next prompt) ends
 * it with a `turn_end` that holds its tokens, each message counted once. Anything else — a
 * record of an unknown type, a value that is no object — becomes an `unknown` entry; nothing
 * throws. Pure: the reader (transcript-file.ts) hands records and markers in.
 */
import { ClaudeRecords, isClaudeRecord } from './claude-records.js';
import { CodexRecords, isCodexRecord } from './codex-records.js';
import { GeminiRecords, isGeminiRecord } from './gemini-records.js';
import { isRec, type Piece } from './record-piece.js';
import type { EntryBody, TranscriptEntry, TranscriptUsage } from './transcript-entry.js';

type Marker = Extract<EntryBody, { type: 'skipped' | 'file_reset' }>;

export class Transcriber {
  private readonly claude = new ClaudeRecords();
  private readonly codex = new CodexRecords();
  private readonly gemini = new GeminiRecords();
  private turn = 0;
  /** a turn was prompted and has not ended */
  private open = false;
  /** the tokens (and stated cost) of the requests since the last turn_end, by message key */
  private readonly requests = new Map<string, { usage: TranscriptUsage; cost: number | null }>();
  private anonymous = 0;
  private model: string | null = null;
  /** each call's tool, so its result names it */
  private readonly tools = new Map<string, string>();
  private last: TranscriptEntry | null = null;

  /** The entries one record makes. */
  record(record: unknown): TranscriptEntry[] {
    if (!isRec(record)) return this.emit([], { type: 'unknown', record_type: record === null ? 'null' : Array.isArray(record) ? 'array' : typeof record }, null);
    let pieces: Piece[];
    if (isCodexRecord(record)) pieces = this.codex.pieces(record);
    else if (isGeminiRecord(record)) pieces = this.gemini.pieces(record);
    else if (isClaudeRecord(record)) pieces = this.claude.pieces(record);
    else {
      const type = typeof record['type'] === 'string' ? record['type'] : '(no type)';
      return this.emit([], { type: 'unknown', record_type: type }, typeof record['timestamp'] === 'string' ? record['timestamp'] : null);
    }
    const out: TranscriptEntry[] = [];
    for (const piece of pieces) this.take(piece, out);
    return out;
  }

  /** A marker of the reader's (a line passed over, the file replaced) as an entry. */
  marker(body: Marker): TranscriptEntry[] {
    return this.emit([], body, null);
  }

  /**
   * The end of what is written so far: a turn still going that has counted tokens gets a
   * `turn_end` marked in_progress (a one-off read shows what it cost so far).
   */
  finish(): TranscriptEntry[] {
    if (!this.open || this.requests.size === 0) return [];
    return [this.turnEnd(null, true)];
  }

  private take(piece: Piece, out: TranscriptEntry[]): void {
    const { at, sidechain, ...body } = piece;
    switch (body.type) {
      case 'usage': {
        const key = body.key ?? `#${this.anonymous++}`;
        this.requests.set(key, { usage: body.usage, cost: body.cost_usd ?? this.requests.get(key)?.cost ?? null });
        return;
      }
      case 'model':
        this.model = body.model;
        return;
      case 'end':
        if (this.open) {
          out.push(this.turnEnd(at));
          this.open = false;
        }
        return;
      case 'prompt':
        if (!sidechain) {
          if (this.open) out.push(this.turnEnd(at));
          this.turn++;
          this.open = true;
        }
        break;
      case 'tool_call':
        if (body.id !== null) this.tools.set(body.id, body.tool);
        break;
      case 'tool_result':
        if (body.tool === null && body.id !== null) body.tool = this.tools.get(body.id) ?? null;
        break;
      case 'compaction':
        // Codex marks one compaction twice (a `compacted` item and a `context_compacted` event)
        if (this.last?.type === 'compaction') return;
        break;
    }
    this.emit(out, body, at, sidechain);
  }

  private emit(out: TranscriptEntry[], body: EntryBody, at: string | null, sidechain?: true): TranscriptEntry[] {
    const entry = { turn: this.turn, at, ...(sidechain ? { sidechain } : {}), ...body } as TranscriptEntry;
    out.push(entry);
    this.last = entry;
    return out;
  }

  /** The turn_end of the open turn, its requests' tokens summed (each once), then forgotten. */
  private turnEnd(at: string | null, inProgress = false): TranscriptEntry {
    const requests = [...this.requests.values()];
    this.requests.clear();
    const usage = requests.length === 0 ? null : requests.map((r) => r.usage).reduce(addUsage);
    const costs = requests.map((r) => r.cost).filter((c): c is number => c !== null);
    const entry: TranscriptEntry = { turn: this.turn, at, type: 'turn_end', usage, cost_usd: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null, model: this.model, ...(inProgress ? { in_progress: true as const } : {}) };
    this.last = entry;
    return entry;
  }
}

function addUsage(a: TranscriptUsage, b: TranscriptUsage): TranscriptUsage {
  return { input: a.input + b.input, output: a.output + b.output, cache_read: a.cache_read + b.cache_read, cache_write: a.cache_write + b.cache_write };
}
