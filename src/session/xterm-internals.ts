/**
 * The parts of @xterm/headless 6's internals the plain-flood fast path reads and drives: its
 * input handler (parse, lineFeed), parser and decoder state, the active buffer's lines and
 * cursor, the current attributes, modes and charset. xterm has no public API for any of this;
 * `xtermInternals` checks the shape it expects and returns null otherwise (the caller then
 * lets the emulator parse everything, as without the fast path).
 *
 * `plainState` says whether the emulator is in the state where plain lines have a known
 * effect: each condition is one that would make xterm's parser do something other than
 * "write the cells in the default style, then CR, then LF" for printable ASCII.
 */
import type xtermHeadless from '@xterm/headless';
import { WORDS_PER_CELL } from './line-store.js';

type HeadlessTerminal = InstanceType<typeof xtermHeadless.Terminal>;

export interface RawBufferLine {
  _data: Uint32Array;
  isWrapped: boolean;
  length: number;
}

export interface RawBuffer {
  lines: { get(i: number): RawBufferLine | undefined; length: number; maxLength: number };
  ybase: number;
  ydisp: number;
  x: number;
  y: number;
  scrollTop: number;
  scrollBottom: number;
  markers: unknown[];
}

export type Parse = (data: string | Uint8Array, promiseResult?: boolean) => void | Promise<boolean>;

export interface RawInputHandler {
  parse: Parse;
  lineFeed(): boolean;
  _parseStack: { paused: boolean };
  _curAttrData: { fg: number; bg: number; extended: { urlId: number } };
  _parser: { currentState: number; precedingJoinState: number; _parseStack: { state: number } };
  _utf8Decoder: { interim: Uint8Array };
  _stringDecoder: { _interim: number };
}

export interface XtermInternals {
  inputHandler: RawInputHandler;
  /** the active buffer (read anew each time: the alternate screen swaps it) */
  buffer(): RawBuffer;
  normalBuffer(): RawBuffer;
  isUserScrolling(): boolean;
  insertMode(): boolean;
  charset(): unknown;
  options(): { screenReaderMode?: boolean; convertEol?: boolean };
}

interface RawCore {
  _inputHandler?: Partial<RawInputHandler>;
  _bufferService?: { buffers?: { active?: RawBuffer; normal?: RawBuffer }; isUserScrolling?: boolean };
  coreService?: { modes?: { insertMode?: boolean } };
  _charsetService?: { charset?: unknown; setgCharset?: unknown };
  optionsService?: { rawOptions?: { screenReaderMode?: boolean; convertEol?: boolean } };
}

const GROUND = 0; // ParserState.GROUND
const NO_STACK = 0; // ParserStackType.NONE
/** The content word of xterm's empty cell: no code point, width 1. */
const EMPTY_CELL_CONTENT = 1 << 22;

export function xtermInternals(terminal: HeadlessTerminal): XtermInternals | null {
  const core = (terminal as unknown as { _core?: RawCore })._core;
  const ih = core?._inputHandler;
  const bs = core?._bufferService;
  const buffers = bs?.buffers;
  if (!core || !ih || !bs || !buffers) return null;
  const looksRight =
    typeof ih.parse === 'function' &&
    typeof ih.lineFeed === 'function' &&
    typeof ih._parseStack?.paused === 'boolean' &&
    typeof ih._curAttrData?.fg === 'number' &&
    typeof ih._curAttrData.extended?.urlId === 'number' &&
    typeof ih._parser?.currentState === 'number' &&
    typeof ih._parser.precedingJoinState === 'number' &&
    typeof ih._parser._parseStack?.state === 'number' &&
    ih._utf8Decoder?.interim instanceof Uint8Array &&
    typeof ih._stringDecoder?._interim === 'number' &&
    isRawBuffer(buffers.normal) &&
    typeof bs.isUserScrolling === 'boolean' &&
    typeof core.coreService?.modes?.insertMode === 'boolean' &&
    // `charset` is unset until a charset other than ASCII is chosen
    typeof core._charsetService?.setgCharset === 'function' &&
    typeof core.optionsService?.rawOptions === 'object';
  if (!looksRight) return null;
  return {
    inputHandler: ih as RawInputHandler,
    buffer: () => buffers.active as RawBuffer,
    normalBuffer: () => buffers.normal as RawBuffer,
    isUserScrolling: () => bs.isUserScrolling === true,
    insertMode: () => core.coreService!.modes!.insertMode === true,
    charset: () => core._charsetService!.charset,
    options: () => core.optionsService!.rawOptions!,
  };
}

function isRawBuffer(b: unknown): b is RawBuffer {
  const buffer = b as Partial<RawBuffer> | undefined;
  if (!buffer || typeof buffer.lines?.get !== 'function' || typeof buffer.lines.maxLength !== 'number') return false;
  if (typeof buffer.ybase !== 'number' || typeof buffer.y !== 'number' || !Array.isArray(buffer.markers)) return false;
  const line = buffer.lines.get(0);
  return !!line && line._data instanceof Uint32Array && typeof line.isWrapped === 'boolean';
}

/**
 * Whether printable ASCII lines written now would each just fill cells in the default style
 * from column 0 of blank rows, then CR LF: parser in its ground state with no decoder bytes
 * pending, the normal buffer at the bottom, cursor at column 0, the whole screen the scroll
 * region, default attributes and charset, no insert mode, and the rows from the cursor down
 * blank. `ownMarkers`: markers the caller itself re-registers afterwards (any other marker
 * could be moved differently when lines that would be trimmed anyway are not written).
 */
export function plainState(x: XtermInternals, cols: number, rows: number, ownMarkers: number): boolean {
  const ih = x.inputHandler;
  const parser = ih._parser;
  if (ih._parseStack.paused || parser.currentState !== GROUND || parser._parseStack.state !== NO_STACK) return false;
  if (ih._utf8Decoder.interim[0] !== 0 || ih._stringDecoder._interim !== 0) return false;
  const buffer = x.buffer();
  if (buffer !== x.normalBuffer() || x.isUserScrolling() || buffer.ydisp !== buffer.ybase) return false;
  if (buffer.x !== 0 || buffer.scrollTop !== 0 || buffer.scrollBottom !== rows - 1) return false;
  if (buffer.markers.length > ownMarkers) return false;
  const attr = ih._curAttrData;
  if (attr.fg !== 0 || attr.bg !== 0 || attr.extended.urlId !== 0) return false;
  if (x.insertMode() || x.charset() !== undefined) return false;
  const options = x.options();
  if (options.screenReaderMode || options.convertEol) return false;
  for (let y = buffer.y; y < rows; y++) {
    const line = buffer.lines.get(buffer.ybase + y);
    if (!line || line.isWrapped || line.length !== cols || !blankCells(line._data, cols)) return false;
  }
  return true;
}

/** Whether the first `cols` cells of `data` are empty cells in the default style. */
function blankCells(data: Uint32Array, cols: number): boolean {
  const end = cols * WORDS_PER_CELL;
  if (data.length < end) return false;
  for (let i = 0; i < end; i += WORDS_PER_CELL) {
    if (data[i] !== EMPTY_CELL_CONTENT || data[i + 1] !== 0 || data[i + 2] !== 0) return false;
  }
  return true;
}
