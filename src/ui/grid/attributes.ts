/** Cell attributes as bits, so a row of them is a Uint16Array and comparing is one `===`. */
export const Attr = {
  none: 0,
  bold: 1 << 0,
  dim: 1 << 1,
  italic: 1 << 2,
  underline: 1 << 3,
  blink: 1 << 4,
  inverse: 1 << 5,
  invisible: 1 << 6,
  strikethrough: 1 << 7,
  // not in ink's vocabulary, but row-ansi.ts passes a child's overline through
  overline: 1 << 8,
} as const;

export type AttrName = Exclude<keyof typeof Attr, 'none'>;

/** Flag attributes with their SGR on and off codes; bold and dim share the off code 22. */
export const ATTR_CODES: ReadonlyArray<readonly [bit: number, on: number, off: number]> = [
  [Attr.bold, 1, 22],
  [Attr.dim, 2, 22],
  [Attr.italic, 3, 23],
  [Attr.underline, 4, 24],
  [Attr.blink, 5, 25],
  [Attr.inverse, 7, 27],
  [Attr.invisible, 8, 28],
  [Attr.strikethrough, 9, 29],
  [Attr.overline, 53, 55],
];
