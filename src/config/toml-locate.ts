/**
 * Where each key of a TOML document is written. smol-toml gives values but no positions, so
 * this scans the text once: table headers (with the index of each `[[array]]` entry), and
 * `key =` lines including dotted and quoted keys. Values are skipped without being parsed —
 * strings (all four kinds, multi-line too), arrays and inline tables spanning lines — so a
 * key inside a multi-line string is never mistaken for one. Members of inline tables are
 * not indexed: a lookup falls back to the nearest indexed ancestor (the `wake =` line).
 */

import type { KeyPath } from './diagnostics.js';

export interface SourcePosition {
  /** 1-based */
  line: number;
  /** 1-based */
  col: number;
}

export type KeyIndex = ReadonlyMap<string, SourcePosition>;

/** A stable string for a key path: `agent[2].model`, `backend."my.b".bin`. */
export function keyPathString(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + (/^[A-Za-z0-9_-]+$/.test(seg) ? seg : JSON.stringify(seg));
  }
  return out;
}

/** The position of a key, or of its nearest written ancestor (a table header, an inline table). */
export function findKeyPosition(index: KeyIndex, path: KeyPath): SourcePosition | undefined {
  for (let n = path.length; n > 0; n--) {
    const hit = index.get(keyPathString(path.slice(0, n)));
    if (hit) return hit;
  }
  return undefined;
}

export function indexTomlKeys(source: string): KeyIndex {
  return new TomlKeyScanner(source).scan();
}

class TomlKeyScanner {
  private pos = 0;
  private readonly index = new Map<string, SourcePosition>();
  /** entries seen so far per array-of-tables path */
  private readonly arrayCounts = new Map<string, number>();
  private table: (string | number)[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly src: string) {
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.lineStarts.push(i + 1);
  }

  scan(): KeyIndex {
    while (this.pos < this.src.length) {
      this.skipBlank();
      if (this.pos >= this.src.length) break;
      const start = this.pos;
      if (this.src[this.pos] === '[') this.header();
      else this.keyValue();
      if (this.pos === start) this.pos++; // never stall on text we do not understand
      this.skipToLineEnd();
    }
    return this.index;
  }

  private header(): void {
    const at = this.pos;
    const isArray = this.src.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const keys = this.dottedKey();
    const resolved: (string | number)[] = [];
    keys.forEach((key, i) => {
      resolved.push(key);
      const count = this.arrayCounts.get(keyPathString(resolved));
      if (count !== undefined && i < keys.length - 1) resolved.push(count - 1);
      else if (i < keys.length - 1) this.record(resolved, at, false);
    });
    if (isArray) {
      const arrayKey = keyPathString(resolved);
      const n = this.arrayCounts.get(arrayKey) ?? 0;
      this.arrayCounts.set(arrayKey, n + 1);
      this.record(resolved, at, false);
      resolved.push(n);
    }
    this.record(resolved, at, true);
    this.table = resolved;
  }

  private keyValue(): void {
    const at = this.pos;
    const keys = this.dottedKey();
    if (keys.length === 0) return;
    this.skipSpaces();
    if (this.src[this.pos] !== '=') return;
    this.pos++;
    const full = [...this.table];
    keys.forEach((key, i) => {
      full.push(key);
      this.record(full, at, i === keys.length - 1);
    });
    this.skipSpaces();
    this.skipValue();
  }

  /** `a."b.c".'d'` → ['a', 'b.c', 'd']; stops before `=`, `]` or the line end. */
  private dottedKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.pos];
      if (c === '"' || c === "'") keys.push(this.quotedKey(c));
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.src.slice(this.pos, this.pos + 256));
        if (!m) break;
        keys.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipSpaces();
      if (this.src[this.pos] !== '.') break;
      this.pos++;
    }
    return keys;
  }

  private quotedKey(quote: string): string {
    const start = this.pos;
    this.skipString();
    const text = this.src.slice(start, this.pos);
    if (quote === "'") return text.slice(1, -1);
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }

  /** Skip one value: a string, or an array / inline table with everything nested in it. */
  private skipValue(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '"' || c === "'") {
        this.skipString();
        continue;
      }
      if (c === '#') {
        this.skipComment();
        continue;
      }
      if (c === '\n' && depth === 0) return;
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      this.pos++;
      if (depth <= 0 && (c === ']' || c === '}')) return;
    }
  }

  private skipString(): void {
    const q = this.src[this.pos] as string;
    const triple = this.src.startsWith(q.repeat(3), this.pos);
    const close = triple ? q.repeat(3) : q;
    this.pos += close.length;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && q === '"') {
        this.pos += 2;
        continue;
      }
      if (!triple && c === '\n') return; // unterminated; the parser reports it
      if (this.src.startsWith(close, this.pos)) {
        this.pos += close.length;
        // a multi-line string may end with up to two extra quotes: """a""""
        while (triple && this.src[this.pos] === q) this.pos++;
        return;
      }
      this.pos++;
    }
  }

  private skipComment(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
  }

  private skipSpaces(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
  }

  private skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      const c = this.src[this.pos];
      if (c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  private skipToLineEnd(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') {
      const c = this.src[this.pos];
      if (c === '"' || c === "'") this.skipString();
      else if (c === '#') this.skipComment();
      else this.pos++;
    }
  }

  /** A key or header is recorded where written; an implicit parent (`a` of `a.b = 1`) only if not yet known. */
  private record(path: (string | number)[], offset: number, exact: boolean): void {
    const key = keyPathString(path);
    if (exact || !this.index.has(key)) this.index.set(key, this.position(offset));
  }

  private position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.lineStarts[lo] as number) + 1 };
  }
}
