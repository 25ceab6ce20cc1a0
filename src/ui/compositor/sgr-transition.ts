import { ATTR_CODES } from '../grid/attributes.js';
import { colorParams, DEFAULT_COLOR, type Color } from '../grid/color.js';

/**
 * The shortest SGR that turns the terminal's pen (fg, bg, attrs) into another: either the
 * changes alone, or a reset followed by what the new pen needs, whichever is fewer bytes.
 * '' when the pens are equal.
 */
export function sgrTransition(fromFg: Color, fromBg: Color, fromAttrs: number, toFg: Color, toBg: Color, toAttrs: number): string {
  if (fromFg === toFg && fromBg === toBg && fromAttrs === toAttrs) return '';
  const fromReset = sgrFromDefault(toFg, toBg, toAttrs);
  const reset = fromReset === '' ? '\x1b[0m' : `\x1b[0;${fromReset}m`;
  const params: string[] = [];
  // bold and dim share the off code 22: turning either off turns both off
  const intensity = 1 | 2;
  const intensityOff = (fromAttrs & intensity & ~toAttrs) !== 0;
  for (const [bit, on, off] of ATTR_CODES) {
    const was = (fromAttrs & bit) !== 0 && !(intensityOff && (bit & intensity) !== 0);
    const wants = (toAttrs & bit) !== 0;
    if (wants && !was) params.push(String(on));
    else if (!wants && was && off !== 22) params.push(String(off));
  }
  if (intensityOff) params.unshift('22');
  if (fromFg !== toFg) params.push(colorParams(toFg, 30));
  if (fromBg !== toBg) params.push(colorParams(toBg, 40));
  const delta = `\x1b[${params.join(';')}m`;
  return delta.length <= reset.length ? delta : reset;
}

/** SGR parameters (without CSI and `m`) for a pen, starting from the default pen. */
function sgrFromDefault(fg: Color, bg: Color, attrs: number): string {
  const params: string[] = [];
  for (const [bit, on] of ATTR_CODES) if ((attrs & bit) !== 0) params.push(String(on));
  if (fg !== DEFAULT_COLOR) params.push(colorParams(fg, 30));
  if (bg !== DEFAULT_COLOR) params.push(colorParams(bg, 40));
  return params.join(';');
}
