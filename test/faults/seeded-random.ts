/**
 * A seeded PRNG (mulberry32) for the fuzzer: the same seed gives the same run, so a failure
 * is replayed with HANGAR_FUZZ_SEED=<the seed it printed>.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** The seed in HANGAR_FUZZ_SEED, else a fresh one. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): SeededRandom {
    const given = env.HANGAR_FUZZ_SEED;
    const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) : Math.floor(Math.random() * 2 ** 32);
    return new SeededRandom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** A string of printable ASCII and, now and then, other code points (unpaired surrogates too). */
  text(maxLength: number): string {
    let s = '';
    const n = this.int(0, maxLength);
    for (let i = 0; i < n; i++) s += this.next() < 0.9 ? String.fromCharCode(this.int(32, 126)) : String.fromCharCode(this.int(0, 0xffff));
    return s;
  }

  /** A JSON value of any shape, nested up to `depth`. */
  json(depth = 3): unknown {
    const kind = this.int(0, depth > 0 ? 7 : 4);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.next() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, this.int(-1000, 1000)]);
      case 3:
        return this.text(20);
      case 4:
        return this.pick(['__proto__', 'constructor', 'prototype', 'toString', '']);
      case 5:
        return Array.from({ length: this.int(0, 5) }, () => this.json(depth - 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = this.int(0, 5); i > 0; i--) o[this.pick(['name', 'names', 'args', 'verb', 'id', 't', 'cols', 'rows', 'data', 'timeout', '__proto__', 'constructor', this.text(8)])] = this.json(depth - 1);
        return o;
      }
    }
  }
}
