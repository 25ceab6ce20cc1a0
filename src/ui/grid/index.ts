export { Attr, ATTR_CODES, type AttrName } from './attributes.js';
export { BLANK_CELL, equalsCell, type Cell } from './cell.js';
export { CellRow } from './cell-row.js';
export { charWidth } from '../../terminal/char-width.js';
export { DEFAULT_COLOR, colorKind, colorParams, colorValue, paletteColor, rgbColor, type Color, type ColorKind } from './color.js';
export { Grid } from './grid.js';
export { parseAnsiFrame, parseAnsiLine } from './parse-ansi.js';
