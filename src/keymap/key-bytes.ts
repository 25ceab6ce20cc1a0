import { keyToBytes } from '../terminal/keys.js';

/**
 * Stands for the configured prefix key in a binding (`[ui] prefix`), so "the prefix twice
 * sends it through" holds whatever the prefix is. Not a tmux key name, so it cannot clash.
 */
export const PREFIX_KEY = '<prefix>';

const ESC = '\x1b';

/**
 * Terminals spell some keys more than one way: cursor keys in application mode come as SS3
 * (`ESC O A`), Home/End as `CSI 1~`/`CSI 4~` (or rxvt's 7~/8~), old xterms send F1–F4 as
 * `CSI 11~`…`CSI 14~`. Bindings match the one spelling keyToBytes produces.
 */
const ALTERNATE_SPELLINGS: Record<string, string> = {
  [`${ESC}OA`]: `${ESC}[A`,
  [`${ESC}OB`]: `${ESC}[B`,
  [`${ESC}OC`]: `${ESC}[C`,
  [`${ESC}OD`]: `${ESC}[D`,
  [`${ESC}OH`]: `${ESC}[H`,
  [`${ESC}OF`]: `${ESC}[F`,
  [`${ESC}[1~`]: `${ESC}[H`,
  [`${ESC}[7~`]: `${ESC}[H`,
  [`${ESC}[4~`]: `${ESC}[F`,
  [`${ESC}[8~`]: `${ESC}[F`,
  [`${ESC}[11~`]: `${ESC}OP`,
  [`${ESC}[12~`]: `${ESC}OQ`,
  [`${ESC}[13~`]: `${ESC}OR`,
  [`${ESC}[14~`]: `${ESC}OS`,
};

/** One spelling per key, for matching what a terminal sent against a binding. */
export function canonicalKeyBytes(bytes: string): string {
  const plain = ALTERNATE_SPELLINGS[bytes];
  if (plain !== undefined) return plain;
  // Alt + a key with an alternate spelling: ESC ESC O A.
  if (bytes.length > 2 && bytes[0] === ESC && bytes[1] === ESC) {
    const inner = ALTERNATE_SPELLINGS[bytes.slice(1)];
    if (inner !== undefined) return ESC + inner;
  }
  return bytes;
}

/** The canonical bytes a binding's key name matches; throws on an unknown name. */
export function bindingKeyBytes(key: string, prefixName: string): string {
  return canonicalKeyBytes(keyToBytes(key === PREFIX_KEY ? prefixName : key));
}
