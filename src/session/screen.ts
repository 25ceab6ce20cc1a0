/**
 * The emulated screen of one session: an @xterm/headless Terminal that parses the child's
 * output once, with bounded scrollback (kept compactly, see scrollback.ts). Everything else
 * reads the screen through here — plain rows for pattern matching, SGR rows for clients,
 * cursor, bracketed-paste mode.
 */
import xtermHeadless from '@xterm/headless';
import type { IBufferCell, IBufferLine } from '@xterm/headless';
import type { ScreenModes, ScreenUpdate } from '../protocol/messages.js';
import { charWidth } from '../terminal/char-width.js';
import { useModernWidths } from '../terminal/unicode-widths.js';
import { parseClipboardWrite, type ClipboardWrite } from '../terminal/osc52.js';
import { handleColumnMode } from './column-mode.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { timeParses } from './parse-time.js';
import { PlainFlood } from './plain-flood.js';
import { rowToAnsi } from './row-ansi.js';
import { RowTextCache } from './row-text-cache.js';
import { lineWords } from './xterm-cells.js';
import { WORDS_PER_CELL } from './line-store.js';
import { StringSequenceLimit } from './string-sequence-limit.js';
import { EMULATOR_SCROLLBACK, Scrollback } from './scrollback.js';
import { xtermInternals } from './xterm-internals.js';
import { reuseAltBufferLines, type AltBufferLines } from './alt-buffer-lines.js';

// @xterm/headless is CommonJS; under NodeNext its classes arrive on the default export.
const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

export interface ScreenOptions {
  cols: number;
  rows: number;
  /** Lines of history kept above the visible screen. */
  scrollback: number;
  /**
   * Apply chunks of plain lines without xterm's parser (plain-flood.ts); the same result,
   * faster. Default on; off for the equivalence test and the bench's before/after.
   */
  plainFastPath?: boolean;
}

/** Printable ASCII is one column wide in the width table (the fast path writes it so). */
const asciiIsNarrow = (): boolean => {
  for (let c = 0x20; c <= 0x7e; c++) if (charWidth(c) !== 1) return false;
  return true;
};

export interface CursorState {
  x: number;
  y: number;
  visible: boolean;
}

/** A row as plain text; written spaces at the end are trimmed too, not only untouched cells. */
function plainRow(line: IBufferLine | undefined): string {
  return line ? line.translateToString(true).replace(/ +$/, '') : '';
}

/** DECTCEM, the "show cursor" private mode. */
const CURSOR_MODE = 25;

export class Screen implements Disposable {
  private readonly terminal: HeadlessTerminal;
  private readonly store = new DisposableStore();
  private readonly parsed = this.store.add(new Emitter<[]>());
  private readonly replies = this.store.add(new Emitter<[string]>());
  private readonly parseTimes = this.store.add(new Emitter<[ms: number, units: number]>());
  private readonly clipboardWrites = this.store.add(new Emitter<[ClipboardWrite]>());
  private readonly history: Scrollback;
  private cursorVisible = true;
  private parsedBytes = 0;
  private scratch: IBufferCell | undefined;
  /** each visible row's SGR text and plain text, built again only when its cells changed */
  private readonly ansiRows = new RowTextCache();
  private readonly plainRows = new RowTextCache();
  private readonly plainFlood: PlainFlood | null = null;
  /** the alternate screen's lines reused rather than allocated anew (alt-buffer-lines.ts) */
  private readonly altLines: AltBufferLines | null;
  /** an endless OSC/DCS string cannot hold the parser or its memory */
  private readonly strings = new StringSequenceLimit();

  /** Fires after written data has been parsed (at most once per parse batch). */
  readonly onParsed = this.parsed.event;
  /** Bytes the emulator answers to the child's queries (cursor position, device attributes). */
  readonly onReply = this.replies.event;
  /** Milliseconds the emulator just spent parsing a chunk of output (for the session's CPU budget). */
  readonly onParseTime = this.parseTimes.event;
  /** The child wrote the clipboard (OSC 52); queries are not reported, nor answered. */
  readonly onClipboard = this.clipboardWrites.event;

  constructor(opts: ScreenOptions) {
    this.terminal = new Terminal({
      cols: opts.cols,
      rows: opts.rows,
      // older lines move to the compact history store
      scrollback: Math.min(opts.scrollback, EMULATOR_SCROLLBACK),
      allowProposedApi: true,
      // xterm logs a multi-line "Parsing error" per bad byte: random output wrote 169 MB of
      // server.log in 30 s. A child's garbage is the child's business, not the server's log.
      logLevel: 'off',
    });
    useModernWidths(this.terminal);
    this.store.add({ dispose: () => this.terminal.dispose() });
    this.history = this.store.add(new Scrollback(this.terminal, opts.scrollback));
    const internals = xtermInternals(this.terminal);
    if (internals && opts.plainFastPath !== false && asciiIsNarrow()) {
      this.plainFlood = this.store.add(new PlainFlood(internals, this.history, () => this.terminal));
    }
    if (internals) this.store.add(timeParses(internals, (ms, units) => this.parseTimes.fire(ms, units)));
    this.altLines = reuseAltBufferLines(this.terminal, () => this.terminal.cols);
    if (this.altLines) this.store.add(this.altLines);
    this.store.add(this.terminal.onWriteParsed(() => this.parsed.fire()));
    this.store.add(
      this.terminal.onData((data) => {
        if (data !== '') this.replies.fire(data); // '' is noteInput's nudge, not a reply
      }),
    );
    this.trackCursorVisibility();
    this.store.add(
      this.terminal.parser.registerOscHandler(52, (data) => {
        const write = parseClipboardWrite(data);
        if (write) this.clipboardWrites.fire(write);
        return true;
      }),
    );
    this.store.add(handleColumnMode(this.terminal));
  }

  /** xterm keeps DECTCEM private; follow it from the parser without replacing its handling. */
  private trackCursorVisibility(): void {
    const parser = this.terminal.parser;
    const follow = (visible: boolean) => (params: (number | number[])[]) => {
      if (params.includes(CURSOR_MODE)) this.cursorVisible = visible;
      return false; // let xterm handle the sequence too
    };
    this.store.add(parser.registerCsiHandler({ prefix: '?', final: 'h' }, follow(true)));
    this.store.add(parser.registerCsiHandler({ prefix: '?', final: 'l' }, follow(false)));
    const reset = () => {
      this.cursorVisible = true;
      return false;
    };
    this.store.add(parser.registerEscHandler({ final: 'c' }, reset)); // RIS
    this.store.add(parser.registerCsiHandler({ intermediates: '!', final: 'p' }, reset)); // DECSTR
  }

  get cols(): number {
    return this.terminal.cols;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  /** Feed child output; `Uint8Array` input is decoded as UTF-8 across chunk boundaries. */
  write(data: string | Uint8Array, parsed?: () => void): void {
    const length = data.length;
    this.terminal.write(this.strings.filter(data), () => {
      this.parsedBytes += length;
      parsed?.();
    });
  }

  /** write(), parsed at once rather than on the emulator's next timer (parse-feed.ts: a piece of costly output). */
  writeNow(data: string | Uint8Array, parsed?: () => void): void {
    this.noteInput();
    this.write(data, parsed);
  }

  /** Blank lines of the alternate screen made from kept ones so far (0 when xterm is not as expected). */
  get altLinesReused(): number {
    return this.altLines?.reused ?? 0;
  }

  /** Complete lines applied by the plain-flood fast path so far (0 when it is off). */
  get plainLinesFast(): number {
    return this.plainFlood?.linesFast ?? 0;
  }

  /** Output parsed onto the screen so far, in bytes (how busy it is: an echo is a few, a flood many). */
  get bytesParsed(): number {
    return this.parsedBytes;
  }

  /**
   * Input went to the child: its answer (a keystroke's echo) is parsed the moment it arrives
   * instead of on the emulator's next timer tick (xterm defers parsing by a setTimeout, ≥ 1 ms
   * in node, unless the write follows user input).
   */
  noteInput(): void {
    this.terminal.input('', true);
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** Whether the child asked for bracketed paste (`CSI ? 2004 h`). */
  get bracketedPaste(): boolean {
    return this.terminal.modes.bracketedPasteMode;
  }

  cursor(): CursorState {
    const buffer = this.terminal.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY, visible: this.cursorVisible };
  }

  /**
   * The cursor's row while it is shown; null while hidden. A TUI that hides the cursor draws
   * its own and may leave the real one anywhere (Codex 0.171 parks it below its onboarding
   * menu), so a hidden cursor says nothing about where the input is.
   */
  shownCursorRow(): number | null {
    return this.cursorVisible ? this.terminal.buffer.active.cursorY : null;
  }

  /** Every visible row as plain text, trailing spaces trimmed. */
  visibleRows(): string[] {
    const buffer = this.terminal.buffer.active;
    const rows: string[] = [];
    for (let y = 0; y < this.terminal.rows; y++) {
      const line = buffer.getLine(buffer.baseY + y);
      const words = line ? lineWords(buffer, buffer.baseY + y) : null;
      rows.push(this.plainRows.text(y, words, (line?.length ?? 0) * WORDS_PER_CELL, () => plainRow(line)));
    }
    return rows;
  }

  /** The visible screen as one string, without the blank rows below the content. */
  text(): string {
    return this.visibleRows().join('\n').replace(/\n+$/, '');
  }

  /**
   * The last `count` rows of scrollback plus screen, plain, ending at the last non-empty row:
   * the blank rows under the content (and a cursor parked on one) are not lines of output.
   */
  tail(count: number): string[] {
    if (count <= 0) return [];
    const history = this.history;
    let last = history.length - 1;
    while (last >= 0 && history.plain(last) === '') last--;
    const lines: string[] = [];
    for (let y = Math.max(0, last - count + 1); y <= last; y++) lines.push(history.plain(y));
    return lines;
  }

  /** How many rows the buffer holds (scrollback + screen); bounded by the scrollback option. */
  bufferLength(): number {
    return this.history.length;
  }

  /**
   * Rows of the whole buffer (scrollback + screen) with SGR escapes, for history views:
   * `count` rows from absolute row `start` (clamped), and how many rows there are in all.
   */
  historyRows(start: number, count: number): { total: number; start: number; rows: string[] } {
    const total = this.history.length;
    const from = Math.max(0, Math.min(start, total));
    const rows: string[] = [];
    for (let y = from; y < Math.min(total, from + Math.max(0, count)); y++) rows.push(this.history.ansi(y, this.terminal.cols));
    return { total, start: from, rows };
  }

  /**
   * The next buffer row at or after `from` (or at or before it, backwards) whose plain text
   * contains `query`, case-insensitively; null when there is none.
   */
  findRow(query: string, from: number, backwards: boolean): number | null {
    const needle = query.toLowerCase();
    if (!needle) return null;
    const total = this.history.length;
    for (let y = from; y >= 0 && y < total; y += backwards ? -1 : 1) {
      if (this.history.plain(y).toLowerCase().includes(needle)) return y;
    }
    return null;
  }

  /** The buffer row shown at the top of the screen (rows above it are scrollback). */
  screenTop(): number {
    return this.history.screenTop();
  }

  /** One visible row with SGR escapes (built again only when its cells changed: row-text-cache.ts). */
  rowAnsi(y: number): string {
    const buffer = this.terminal.buffer.active;
    const line = buffer.getLine(buffer.baseY + y);
    if (!line) return '';
    this.scratch ??= buffer.getNullCell();
    const scratch = this.scratch;
    const cols = this.terminal.cols;
    const words = lineWords(buffer, buffer.baseY + y);
    return this.ansiRows.text(y, words, Math.min(cols, line.length) * WORDS_PER_CELL, () => rowToAnsi(line, cols, scratch));
  }

  /** Every visible row with SGR escapes, cursor and size. */
  snapshot(name: string): ScreenUpdate {
    const lines = [];
    for (let y = 0; y < this.terminal.rows; y++) lines.push({ y, text: this.rowAnsi(y) });
    return { name, cols: this.cols, rows: this.rows, full: true, lines, cursor: this.cursor(), modes: this.modes() };
  }

  /** The modes a client mirrors on the real terminal while this screen has focus. */
  modes(): ScreenModes {
    const m = this.terminal.modes;
    return { applicationCursor: m.applicationCursorKeysMode, bracketedPaste: m.bracketedPasteMode, mouse: m.mouseTrackingMode, sendFocus: m.sendFocusMode };
  }

  /** The child is inside a DEC 2026 synchronized update: its frame is not complete yet. */
  synchronizing(): boolean {
    return this.terminal.modes.synchronizedOutputMode;
  }

  dispose(): void {
    this.store.dispose();
  }
}
