/**
 * Reading a session file as transcript entries, once or on and on (`hangar transcript -f`):
 * JSONL read in chunks from where the last read stopped, whole lines only, so memory stays
 * bounded whatever the file holds. A line longer than MAX_LINE_BYTES is passed over with a
 * `skipped` marker, a line that is not JSON too; a file replaced or cut short under its name
 * is read again from its start after a `file_reset` marker. A `.json` file (Gemini CLI before
 * its JSONL recording: one document it rewrites whole) is parsed whole whenever it changed;
 * its messages pass through the same transcriber, which shows each once.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_LINE_BYTES, type TranscriptEntry } from './transcript-entry.js';
import { Transcriber } from './transcriber.js';

const CHUNK_BYTES = 1024 * 1024;
/** A `.json` document larger than this is not parsed (it would be held whole). */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export class TranscriptFile {
  private transcriber = new Transcriber();
  private ino: number | null = null;
  private offset = 0;
  /** the line being read: its bytes so far, or (too long) how many were passed over */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private passingOver = false;
  /** a `.json` document's size and time when it was last parsed */
  private parsedStamp: string | null = null;
  /** the last read stopped before the end of the file (it read its budget) */
  private behindEnd = false;

  constructor(readonly path: string) {}

  /** Whether the last read stopped at its byte budget, before the end of the file. */
  get behind(): boolean {
    return this.behindEnd;
  }

  /**
   * The entries written since the last read. `final`: nothing more will be read (a one-off
   * `hangar transcript`), so a last line without its newline is read as it is, and a turn
   * still going shows what it counted so far. `budget`: read at most about this many bytes
   * (`behind` then says there is more), so a reader that must stay responsive reads in steps.
   */
  read(final = false, budget = Infinity): TranscriptEntry[] {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      this.behindEnd = false;
      const out = this.path.endsWith('.json') ? this.readDocument(fd) : this.readLines(fd, final, budget);
      if (final && !this.behindEnd) out.push(...this.transcriber.finish());
      return out;
    } finally {
      closeSync(fd);
    }
  }

  private readLines(fd: number, final: boolean, budget: number): TranscriptEntry[] {
    const st = fstatSync(fd);
    const out: TranscriptEntry[] = [];
    if (this.ino !== null && (st.ino !== this.ino || st.size < this.offset)) {
      const reason = st.ino !== this.ino ? 'replaced' : 'cut_short';
      this.restart();
      out.push(...this.transcriber.marker({ type: 'file_reset', reason }));
    }
    this.ino = st.ino;
    const buf = Buffer.alloc(CHUNK_BYTES);
    const stopAt = Math.min(st.size, this.offset + budget);
    while (this.offset < stopAt) {
      const got = readSync(fd, buf, 0, Math.min(CHUNK_BYTES, st.size - this.offset), this.offset);
      if (got === 0) break;
      this.offset += got;
      let from = 0;
      for (let nl = buf.indexOf(0x0a, from); nl !== -1 && nl < got; nl = buf.indexOf(0x0a, from)) {
        this.addToLine(buf.subarray(from, nl));
        out.push(...this.endLine());
        from = nl + 1;
      }
      if (from < got) this.addToLine(buf.subarray(from, got));
    }
    this.behindEnd = this.offset < st.size;
    if (final && !this.behindEnd && (this.pendingBytes > 0 || this.passingOver)) out.push(...this.endLine());
    return out;
  }

  private addToLine(bytes: Buffer): void {
    this.pendingBytes += bytes.length;
    if (this.passingOver) return;
    if (this.pendingBytes > MAX_LINE_BYTES) {
      this.passingOver = true;
      this.pending = [];
      return;
    }
    this.pending.push(Buffer.from(bytes));
  }

  private endLine(): TranscriptEntry[] {
    const bytes = this.pendingBytes;
    const text = this.passingOver ? null : Buffer.concat(this.pending).toString('utf8');
    const wasPassingOver = this.passingOver;
    this.pending = [];
    this.pendingBytes = 0;
    this.passingOver = false;
    if (wasPassingOver) return this.transcriber.marker({ type: 'skipped', reason: 'line_too_long', bytes });
    if (text === null || text.trim() === '') return [];
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return this.transcriber.marker({ type: 'skipped', reason: 'not_json', bytes });
    }
    return this.transcriber.record(record);
  }

  private readDocument(fd: number): TranscriptEntry[] {
    const st = fstatSync(fd);
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (stamp === this.parsedStamp) return [];
    if (st.size > MAX_DOCUMENT_BYTES) {
      this.parsedStamp = stamp;
      return this.transcriber.marker({ type: 'skipped', reason: 'line_too_long', bytes: st.size });
    }
    const buf = Buffer.alloc(st.size);
    const got = readSync(fd, buf, 0, st.size, 0);
    let doc: unknown;
    try {
      doc = JSON.parse(buf.subarray(0, got).toString('utf8'));
    } catch {
      return []; // being rewritten: read again next time
    }
    this.parsedStamp = stamp;
    const messages = typeof doc === 'object' && doc !== null && Array.isArray((doc as { messages?: unknown }).messages) ? (doc as { messages: unknown[] }).messages : [doc];
    return messages.flatMap((m) => this.transcriber.record(m));
  }

  private restart(): void {
    this.transcriber = new Transcriber();
    this.offset = 0;
    this.pending = [];
    this.pendingBytes = 0;
    this.passingOver = false;
  }
}

/** Every entry of a session file as it stands. */
export function readTranscript(path: string): TranscriptEntry[] {
  return new TranscriptFile(path).read(true);
}

/** Bytes read between two turns of the event loop by readTranscriptInSteps. */
const STEP_BYTES = 2 * 1024 * 1024;

/** Every entry of a session file as it stands, read a few MiB at a time so the caller's event loop keeps turning (the cockpit). */
export async function readTranscriptInSteps(path: string): Promise<TranscriptEntry[]> {
  const file = new TranscriptFile(path);
  const out: TranscriptEntry[] = [];
  for (;;) {
    out.push(...file.read(true, STEP_BYTES));
    if (!file.behind) return out;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
