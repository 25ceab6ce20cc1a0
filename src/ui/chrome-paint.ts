/**
 * The chrome's pieces as styled text, built directly: a pane's border with its title, and the
 * bottom bar. These were ink components, rendered off-screen; but an ink render costs 1-2 ms
 * even for one word (a React root, a yoga layout, chalk) and 6-15 ms for a pane's border, on
 * the cockpit's one thread, and a status badge changes while the person types: the next key's
 * echo waited behind it (issue 17: one of the slowest keys in a traced run of 1,000). Built
 * here it is a few string joins. chrome-canvas.ts turns the text into cells.
 */
import { BUDGET_SHOWN_AT, USAGE_SHOWN_AT } from '../protocol/messages.js';
import { budgetBadge, costText, modelText, statusDetail } from '../text/status-text.js';
import { charWidth } from '../terminal/char-width.js';
import { cutToWidth, displayWidth } from '../terminal/text-width.js';
import type { ChromePane } from './chrome-props.js';
import { STATUS_COLORS, type UiColor } from './status-colors.js';

/** The SGR code of each colour the chrome uses (status-colors.ts names them as ink does). */
const COLOR_SGR: Record<UiColor, number> = {
  gray: 90,
  red: 31,
  green: 32,
  yellow: 33,
  magenta: 35,
  cyan: 36,
  redBright: 91,
  magentaBright: 95,
  cyanBright: 96,
};

/** A watcher's note in a title takes at most this many columns. */
const WATCHER_NOTE_WIDTH = 40;

interface Span {
  text: string;
  color?: UiColor;
  bold?: boolean;
  dim?: boolean;
}

function sgr(span: Span): string {
  const codes = [span.bold ? 1 : 0, span.dim ? 2 : 0, span.color ? COLOR_SGR[span.color] : 0].filter((c) => c > 0);
  return codes.length === 0 ? span.text : `\x1b[${codes.join(';')}m${span.text}\x1b[0m`;
}

/** Spans as text of at most `width` columns: cut to `width - 1` and an ellipsis when longer (ink's truncate-end). */
function spansText(spans: Span[], width: number): { text: string; width: number } {
  const whole = spans.reduce((w, s) => w + displayWidth(s.text), 0);
  if (whole <= width) return { text: spans.map(sgr).join(''), width: whole };
  if (width <= 0) return { text: '', width: 0 };
  // the ellipsis takes the style of the span it cuts (as slice-ansi leaves it open)
  let used = 0;
  let text = '';
  let last: Span = spans[0] ?? { text: '' };
  for (const span of spans) {
    let part = '';
    for (const ch of span.text) {
      const w = charWidth(ch.codePointAt(0)!);
      if (used + w > width - 1) break;
      part += ch;
      used += w;
    }
    if (part.length < span.text.length) {
      text += sgr(part ? { ...span, text: `${part}…` } : { ...last, text: '…' });
      break;
    }
    text += sgr(span);
    last = span;
  }
  return { text, width: used + 1 };
}

/**
 * `1 builder · demo/demo-1 · idle · hangar/builder · p1 · ↻2 · 84% used · $0.0312 · $ 82% · ⚑ nudged: progress ●` (a worker's:
 * `2 w1 ↳ lead · …`) — what a pane's top border says (the branch of its own worktree when it has one, the usage window once
 * past 80 %, the cost once known, its budget from 80 % and its budget hold, a watcher's last action); a crashed agent's
 * says why (`crashed: command not found: claude`), one asking a person what (`needs-input: Postgres or SQLite?`).
 * At most `width` columns: the backend goes first when there is no room, then the reason, then the end.
 */
export function paneTitle(pane: Omit<ChromePane, 'frame'>, width: number): { text: string; width: number } {
  const { info, position, focused, attention, phase } = pane;
  const backend = info.kind === 'service' ? 'service' : `${info.backend}/${modelText(info.model)}`;
  const exit = statusDetail(info);
  const used = info.usedPercent !== undefined && info.usedPercent > USAGE_SHOWN_AT ? `${Math.floor(info.usedPercent)}% used` : '';
  const cost = info.cost_usd !== undefined ? costText(info.cost_usd) : '';
  const budget = budgetBadge(info, BUDGET_SHOWN_AT);
  const watcher = info.watcher ? `⚑ ${cutToWidth(info.watcher, WATCHER_NOTE_WIDTH)}` : '';
  const extras = [info.branch, phase, info.restarts > 0 ? `↻${info.restarts}` : '', used, cost, budget, watcher].filter(Boolean).join(' · ');
  // a worker names the orchestrator that delegated it
  const parent = info.parent ? ` ↳ ${info.parent}` : '';
  const fixed = ` ${position} ${info.name}${parent} · ` + ` · ${info.status}${exit ? ` ${exit}` : ''}` + (extras ? ` · ${extras}` : '') + (attention ? ' ●' : '') + ' ';
  const says = (info.status === 'crashed' || info.status === 'needs-input') && info.detail;
  const why = says ? cutToWidth(`: ${info.detail}`, Math.max(0, width - displayWidth(fixed))) : '';
  const room = Math.max(0, width - displayWidth(fixed) - displayWidth(why));
  const shownBackend = displayWidth(backend) <= room ? backend : room > 1 ? cutToWidth(backend, room) : '';
  const status = STATUS_COLORS[info.status];
  const spans: Span[] = [
    { text: ` ${position} ${info.name}`, bold: focused, color: focused ? 'cyanBright' : undefined },
    ...(parent ? [{ text: parent, dim: true }] : []),
    ...(shownBackend ? [{ text: ` · ${shownBackend}`, dim: true }] : []),
    { text: ' · ' },
    { text: `${info.status}${exit ? ` ${exit}` : ''}`, color: status, bold: info.status === 'needs-input' || info.status === 'crashed' },
    ...(why ? [{ text: why, color: status }] : []),
    ...(extras ? [{ text: ` · ${extras}`, dim: true }] : []),
    ...(attention ? [{ text: ' ●', color: 'magentaBright' as const, bold: true }] : []),
    { text: ' ' },
  ];
  return spansText(spans, width);
}

/** A pane's border, 3 rows (top edge with the title, a side row, the bottom edge), as SGR text. */
export function paneBorderRows(pane: ChromePane): [string, string, string] {
  const { width } = pane.frame;
  const color: UiColor = pane.focused ? 'cyan' : pane.attention ? 'magenta' : 'gray';
  const edge = (text: string) => sgr({ text, color });
  const inner = Math.max(0, width - 2);
  const title = paneTitle(pane, inner);
  return [
    `${edge('╭')}${title.text}${edge('─'.repeat(inner - title.width))}${edge('╮')}`,
    `${edge('│')}${' '.repeat(inner)}${edge('│')}`,
    `${edge('╰')}${edge('─'.repeat(inner))}${edge('╯')}`,
  ];
}

export interface StatusBarText {
  hints: string;
  summary: string;
  /** the summary is a message to heed (an error): drawn in yellow */
  warn: boolean;
  width: number;
}

/** The bottom row: key hints on the left (dim, cut to fit), the fleet at a glance (or a message) on the right. */
export function statusBarRow({ hints, summary, warn, width }: StatusBarText): string {
  const room = Math.max(0, width - displayWidth(summary) - 1);
  const left = spansText([{ text: hints, dim: true }], room);
  return `${left.text}${sgr({ text: ' '.repeat(room - left.width), dim: true })} ${sgr({ text: summary, color: warn ? 'yellow' : undefined })}`;
}
