/**
 * A cell colour packed into one unsigned 32-bit number, so a row of colours is a Uint32Array:
 * the top byte says the kind, the low 24 bits carry a palette index or 0xRRGGBB.
 */
export type Color = number;

export const DEFAULT_COLOR: Color = 0;

const PALETTE_KIND = 1;
const RGB_KIND = 2;

export type ColorKind = 'default' | 'palette' | 'rgb';

/** One of the 256 palette entries (0–15 are the classic 16 colours). */
export function paletteColor(index: number): Color {
  return ((PALETTE_KIND << 24) | (index & 0xff)) >>> 0;
}

export function rgbColor(r: number, g: number, b: number): Color {
  return ((RGB_KIND << 24) | ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff)) >>> 0;
}

export function colorKind(color: Color): ColorKind {
  const kind = color >>> 24;
  return kind === PALETTE_KIND ? 'palette' : kind === RGB_KIND ? 'rgb' : 'default';
}

/** The palette index or the 0xRRGGBB value; 0 for the default colour. */
export function colorValue(color: Color): number {
  return color & 0xffffff;
}

/** SGR parameters that select `color` as foreground (`base` 30) or background (`base` 40). */
export function colorParams(color: Color, base: 30 | 40): string {
  const kind = color >>> 24;
  const value = color & 0xffffff;
  if (kind === PALETTE_KIND) {
    if (value < 8) return String(base + value);
    if (value < 16) return String(base + 60 + value - 8);
    return `${base + 8};5;${value}`;
  }
  if (kind === RGB_KIND) return `${base + 8};2;${(value >> 16) & 0xff};${(value >> 8) & 0xff};${value & 0xff}`;
  return String(base + 9);
}
