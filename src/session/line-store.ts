/**
 * The lines of a session's history, compactly: the cells a line really uses (its trailing
 * default blanks dropped), as the emulator's own 3 × 32-bit words per cell, packed one after
 * the other into shared blocks. The emulator keeps every line at the pane's full width
 * (~1.2 KB for a 98-column pane, whatever it holds); here `seq`'s "123456" costs 72 bytes.
 * A line whose cells cannot be kept as words alone (combined characters, extended underline
 * styles, links) is kept as its text with SGR escapes instead.
 *
 * Holds at most `capacity` lines; the oldest go first, and a block is freed once every line
 * in it is gone.
 */

/** Words per block: 64 KB, several hundred short lines. */
const BLOCK_WORDS = 16 * 1024;
/** Freed blocks kept for reuse. */
const MAX_SPARE_BLOCKS = 1;
/** 32-bit words per cell (content, foreground, background), as @xterm/headless stores them. */
export const WORDS_PER_CELL = 3;

export type StoredLine = { cells: Uint32Array; wrapped: boolean } | { ansi: string; wrapped: boolean };

interface Block {
  words: Uint32Array;
  /** lines stored in it that are still held */
  live: number;
}

export class LineStore {
  private readonly blocks: Block[] = [];
  /** sequence number of blocks[0] */
  private firstBlock = 0;
  private writeAt = BLOCK_WORDS; // no room: the first line opens a block
  // per held line, in a ring of `capacity` slots from `head`
  private readonly blockOf: Int32Array;
  private readonly offsetOf: Int32Array;
  /** words of the line, or -1 for a line kept as text */
  private readonly wordsOf: Int32Array;
  private readonly wrappedOf: Uint8Array;
  private readonly texts = new Map<number, string>();
  /**
   * Freed blocks kept for the next ones: a flood fills and frees a block every few hundred
   * lines, and a fresh 64 KB array each time (zeroed, external to V8's heap) made the
   * server's GC run for a tenth of its flood time.
   */
  private readonly spare: Uint32Array[] = [];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    const slots = Math.max(1, capacity);
    this.blockOf = new Int32Array(slots);
    this.offsetOf = new Int32Array(slots);
    this.wordsOf = new Int32Array(slots);
    this.wrappedOf = new Uint8Array(slots);
  }

  get length(): number {
    return this.count;
  }

  /** Append a line given as the words of its first cells: `size` words of `data` (copied). */
  pushCells(data: Uint32Array, wrapped: boolean, size = data.length): void {
    if (this.capacity <= 0) return;
    const slot = this.claimSlot();
    // (an empty line first needs a block too: it is the block that says where the line is)
    if (size > BLOCK_WORDS - this.writeAt || this.blocks.length === 0) this.openBlock(size);
    const block = this.blocks[this.blocks.length - 1]!;
    const words = block.words;
    const at = this.writeAt;
    // a short line copies faster by hand than through a subarray view and set()
    if (size <= 96) for (let i = 0; i < size; i++) words[at + i] = data[i]!;
    else words.set(data.subarray(0, size), at);
    block.live++;
    this.blockOf[slot] = this.firstBlock + this.blocks.length - 1;
    this.offsetOf[slot] = at;
    this.wordsOf[slot] = size;
    this.wrappedOf[slot] = wrapped ? 1 : 0;
    this.writeAt = at + size;
  }

  /** Append a line kept as its text with SGR escapes. */
  pushAnsi(ansi: string, wrapped: boolean): void {
    if (this.capacity <= 0) return;
    const slot = this.claimSlot();
    this.wordsOf[slot] = -1;
    this.wrappedOf[slot] = wrapped ? 1 : 0;
    this.texts.set(slot, ansi);
  }

  /** Line `i`, 0 being the oldest held. The cells are a view: read them before the next push. */
  at(i: number): StoredLine {
    if (i < 0 || i >= this.count) throw new RangeError(`line ${i} of ${this.count}`);
    const slot = (this.head + i) % this.capacity;
    const wrapped = this.wrappedOf[slot] === 1;
    const words = this.wordsOf[slot]!;
    if (words < 0) return { ansi: this.texts.get(slot)!, wrapped };
    const block = this.blocks[this.blockOf[slot]! - this.firstBlock]!;
    const offset = this.offsetOf[slot]!;
    return { cells: block.words.subarray(offset, offset + words), wrapped };
  }

  clear(): void {
    this.blocks.length = 0;
    this.firstBlock = 0;
    this.writeAt = BLOCK_WORDS;
    this.texts.clear();
    this.head = 0;
    this.count = 0;
  }

  /** Bytes held in blocks (what the cells of the held lines cost, plus one block's slack). */
  blockBytes(): number {
    return this.blocks.reduce((sum, b) => sum + b.words.byteLength, 0);
  }

  /** The slot for a new line: a free one, or the oldest line's, which is dropped. */
  private claimSlot(): number {
    if (this.count < this.capacity) {
      const slot = this.head + this.count++;
      return slot < this.capacity ? slot : slot - this.capacity;
    }
    const slot = this.head;
    this.drop(slot);
    this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    return slot;
  }

  private drop(slot: number): void {
    if (this.wordsOf[slot]! < 0) {
      this.texts.delete(slot);
      return;
    }
    this.blocks[this.blockOf[slot]! - this.firstBlock]!.live--;
    this.freeFront();
  }

  private openBlock(minWords: number): void {
    const words = minWords <= BLOCK_WORDS ? this.spare.pop() : undefined;
    this.blocks.push({ words: words ?? new Uint32Array(Math.max(BLOCK_WORDS, minWords)), live: 0 });
    this.writeAt = 0;
    this.freeFront();
  }

  /** Free the blocks at the front that hold no line any more (never the one being written). */
  private freeFront(): void {
    while (this.blocks.length > 1 && this.blocks[0]!.live === 0) {
      const { words } = this.blocks.shift()!;
      if (words.length === BLOCK_WORDS && this.spare.length < MAX_SPARE_BLOCKS) this.spare.push(words);
      this.firstBlock++;
    }
  }
}
