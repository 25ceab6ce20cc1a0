/**
 * The fewest bytes that move the terminal's cursor from one cell to another: an absolute CUP,
 * or relative moves (CR, backspace, CUF/CUB/CUU/CUD). Never a bare LF: with the tty's ONLCR
 * it also returns the carriage, and on the last row it would scroll.
 */

function csi(n: number, final: string): string {
  return n === 1 ? `\x1b[${final}` : `\x1b[${n}${final}`;
}

/** CUP with 0-based coordinates; parameters of 1 are omitted. */
export function cursorTo(x: number, y: number): string {
  if (x === 0) return y === 0 ? '\x1b[H' : `\x1b[${y + 1}H`;
  return `\x1b[${y + 1};${x + 1}H`;
}

function horizontal(fromX: number, toX: number): string {
  if (toX === fromX) return '';
  if (toX > fromX) return csi(toX - fromX, 'C');
  const back = fromX - toX;
  const cub = csi(back, 'D');
  const viaReturn = '\r' + (toX > 0 ? csi(toX, 'C') : '');
  let best = back <= cub.length ? '\b'.repeat(back) : cub;
  if (viaReturn.length < best.length) best = viaReturn;
  return best;
}

function vertical(fromY: number, toY: number): string {
  if (toY === fromY) return '';
  return toY > fromY ? csi(toY - fromY, 'B') : csi(fromY - toY, 'A');
}

/** Bytes moving the cursor to (toX, toY) from (fromX, fromY), or from anywhere when those are omitted. */
export function cursorMove(toX: number, toY: number, fromX?: number, fromY?: number): string {
  const absolute = cursorTo(toX, toY);
  if (fromX === undefined || fromY === undefined) return absolute;
  if (fromX === toX && fromY === toY) return '';
  const relative = vertical(fromY, toY) + horizontal(fromX, toX);
  return relative.length < absolute.length ? relative : absolute;
}
