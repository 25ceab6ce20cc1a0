/**
 * Bounds what one pending control string may hold. An OSC, DCS, SOS, PM or APC string runs
 * until its terminator; a child that opens one and never ends it (`ESC ] 0 ;` and then 200 MB)
 * kept xterm's parser in the string for good — nothing after it reached the screen — and
 * xterm's OSC handler gathers up to 10 M characters (its PAYLOAD_LIMIT) by string concatenation,
 * which took the server to ~430 MB. As mprocs does after its unbounded-memory bug, a string
 * past STRING_SEQUENCE_LIMIT is dropped here, in front of the emulator: a CAN (0x18) is put in
 * before its next byte, which aborts it in xterm's parser (the handler drops what it held) and
 * returns the parser to ground. What follows is output again, shown as text: the rest of the
 * runaway string too, as on a terminal that gave up on it, and — what matters — everything
 * the child prints after it. Titles, links and clipboard writes are far below the limit; a
 * larger string (a big sixel image) is cut, which a headless emulator does not draw anyway.
 *
 * The scan follows xterm's own transitions (EscapeSequenceParser.ts): the 7-bit introducers
 * `ESC ] P X ^ _`, the 8-bit C1 ones (arriving as UTF-8, C2 9D etc.), and what ends a string:
 * ESC, CAN, SUB, any C1 control (ST 0x9C among them), and BEL for an OSC. It keeps its state
 * across chunks. Outside a string it looks only for ESC and C2 bytes (native indexOf), and a
 * chunk that needs no change is returned as it is.
 */

/** Bytes (code units for string input) one pending control string may hold. */
export const STRING_SEQUENCE_LIMIT = 64 * 1024;

const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ESC = 0x1b;
/** First byte of every C1 control (U+0080–U+009F) in UTF-8. */
const C1_LEAD = 0xc2;
const C1_FIRST = 0x80;
const C1_LAST = 0x9f;
const C1_DCS = 0x90;
const C1_OSC = 0x9d;
const C1_SOS = 0x98;
const C1_PM = 0x9e;
const C1_APC = 0x9f;
/** Stands for a UTF-8 continuation byte: payload, never a control. */
const UTF8_TAIL = 0xa0;

const enum State {
  Ground,
  /** after ESC */
  Escape,
  /** inside a string */
  String,
}

export class StringSequenceLimit {
  private state = State.Ground;
  /** the string is an OSC (BEL ends it) */
  private osc = false;
  /** payload of the current string so far */
  private held = 0;
  /** the last byte seen was C2, the first half of a C1 control in UTF-8 */
  private lead = false;
  /** scanning string input (code units), not bytes */
  private text = false;
  /** where CANs go in the chunk being scanned */
  private readonly cuts: number[] = [];
  /** Strings cut so far. */
  cut = 0;

  constructor(private readonly limit = STRING_SEQUENCE_LIMIT) {}

  /** `data` as the emulator should see it: the same object unless a string was cut. */
  filter(data: Uint8Array): Uint8Array;
  filter(data: string): string;
  filter(data: string | Uint8Array): string | Uint8Array;
  filter(data: string | Uint8Array): string | Uint8Array {
    this.cuts.length = 0;
    if (typeof data === 'string') this.scanText(data);
    else this.scanBytes(data);
    if (this.cuts.length === 0) return data;
    const ends = [...this.cuts, data.length];
    if (typeof data === 'string') return ends.map((end, k) => data.substring(k === 0 ? 0 : ends[k - 1]!, end)).join('\x18');
    const parts: Uint8Array[] = [];
    ends.forEach((end, k) => {
      if (k > 0) parts.push(CAN_BYTES);
      parts.push(data.subarray(k === 0 ? 0 : ends[k - 1]!, end));
    });
    return Buffer.concat(parts);
  }

  private scanBytes(data: Uint8Array): void {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let nextEsc = -1; // where the next ESC / C2 is (length: none left)
    let nextLead = -1;
    let leadAt = -1; // where the pending C2 is in this chunk (-1: it ended the last one)
    for (let i = 0; i < bytes.length; i++) {
      if (this.state === State.Ground && !this.lead) {
        // jump to the next byte that can start something; each position is searched for once
        if (nextEsc < i) nextEsc = found(bytes.indexOf(ESC, i), bytes.length);
        if (nextLead < i) nextLead = found(bytes.indexOf(C1_LEAD, i), bytes.length);
        i = Math.min(nextEsc, nextLead);
        if (i >= bytes.length) break;
      }
      const b = bytes[i]!;
      if (this.lead) {
        this.lead = false;
        if (b >= C1_FIRST && b <= C1_LAST) {
          this.step(b, i);
          continue;
        }
        if (this.state === State.String) {
          // C2 and its tail are one character of payload, counted at the C2: a cut may go
          // before it (when the C2 is in this chunk), never between the two
          if (leadAt >= 0) this.payload(leadAt, C1_LEAD);
          if (b >= C1_FIRST && b <= 0xbf) {
            if (leadAt < 0) this.payload(i, b); // counted; a tail is never cut before
            continue;
          }
          // not a tail (broken UTF-8): the byte is itself, an ESC still ends the string
        }
      }
      if (b === C1_LEAD) {
        this.lead = true;
        leadAt = i;
        if (this.state === State.Escape) this.state = State.Ground;
        continue;
      }
      // without its C2, a byte 80–9F is the tail of another character (E2 80 A6 is …)
      this.step(b >= C1_FIRST && b <= C1_LAST ? UTF8_TAIL : b, i);
    }
  }

  private scanText(data: string): void {
    this.text = true;
    for (let i = 0; i < data.length; i++) this.step(data.charCodeAt(i), i);
    this.text = false;
  }

  /** One code at input position `i` (for bytes, a C1 control's second byte). */
  private step(c: number, i: number): void {
    switch (this.state) {
      case State.Ground:
        this.ground(c);
        return;
      case State.Escape:
        if (c === 0x5d) this.open(true); // ]
        else if (c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) this.open(false); // P X ^ _
        // xterm executes a C0 control (and ignores DEL) without leaving ESCAPE: `ESC NUL ]` opens an OSC
        else if (!staysInEscape(c)) this.ground(c);
        return;
      case State.String:
        if (this.ends(c)) this.ground(c);
        else this.payload(i, c);
        return;
    }
  }

  /** Whether `c` ends the current string (xterm: ESC, CAN, SUB, any C1; BEL for an OSC). */
  private ends(c: number): boolean {
    return c === ESC || c === CAN || c === SUB || (c >= C1_FIRST && c <= C1_LAST) || (c === BEL && this.osc);
  }

  private ground(c: number): void {
    if (c === ESC) this.state = State.Escape;
    else if (c === C1_OSC) this.open(true);
    else if (c === C1_DCS || c === C1_SOS || c === C1_PM || c === C1_APC) this.open(false);
    else this.state = State.Ground;
  }

  private open(osc: boolean): void {
    this.state = State.String;
    this.osc = osc;
    this.held = 0;
  }

  /**
   * A byte (or code unit) `c` of the string at `i`; past the limit, a CAN goes before it and it
   * is text — unless it continues a character (a UTF-8 tail byte, a low surrogate): the cut then
   * waits for the next character's start, so no character is cut in two.
   */
  private payload(i: number, c: number): void {
    if (++this.held <= this.limit) return;
    if (this.text ? c >= 0xdc00 && c <= 0xdfff : c >= 0x80 && c <= 0xbf) return;
    this.cuts.push(i);
    this.cut++;
    this.state = State.Ground;
  }
}

const CAN_BYTES = Uint8Array.of(CAN);

/** C0 controls other than CAN, SUB and ESC, and DEL: in xterm's ESCAPE state they leave it as it is. */
function staysInEscape(c: number): boolean {
  return (c < 0x20 && c !== CAN && c !== SUB && c !== ESC) || c === 0x7f;
}

/** `index` from indexOf, or `none` when it found nothing. */
function found(index: number, none: number): number {
  return index === -1 ? none : index;
}
