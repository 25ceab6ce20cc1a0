/** A rectangle in terminal cells, 0-based. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
