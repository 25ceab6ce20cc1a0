/**
 * The kickoff of the `recap` rewind strategy: a fresh agent is told what was said in turns
 * 1..n along the path to the goto's target, so it can carry on from there. Pure.
 *
 * Bounded, because it is typed into an agent's prompt: each prompt and reply is cut to a
 * length (keeping its head and its tail — a reply's last lines are usually its conclusion), and
 * when the whole is still too long the oldest turns after the first are left out (the first
 * usually states the task, the latest say where it stands), with a line that says so. The text
 * is fenced and says plainly that it is a recap of an earlier conversation, not a new request.
 */

export interface RecapTurn {
  /** the checkpoint's label, e.g. T4 (labels along a path need not run 1, 2, 3) */
  label: string;
  prompt: string;
  /** the agent's reply as read off the screen; '' or undefined when it was not recorded */
  reply?: string;
}

export interface RecapLimits {
  /** characters kept of each prompt */
  maxPromptChars: number;
  /** characters kept of each reply */
  maxReplyChars: number;
  /** characters in the whole recap, a hard bound */
  maxTotalChars: number;
}

export const RECAP_LIMITS: Readonly<RecapLimits> = { maxPromptChars: 2_000, maxReplyChars: 1_500, maxTotalChars: 12_000 };

export const RECAP_BEGIN = '=== recap of an earlier conversation (hangar) ===';
export const RECAP_END = '=== end of recap ===';

/** The recap kickoff for `turns` (the path's turns, in order); '' when there is nothing to recap. */
export function buildRecap(turns: readonly RecapTurn[], limits: Partial<RecapLimits> = {}): string {
  if (turns.length === 0) return '';
  const lim: RecapLimits = { ...RECAP_LIMITS, ...limits };
  const sections = turns.map((t, i) => turnSection(t, i + 1, lim));
  const head = [
    RECAP_BEGIN,
    `You are continuing an earlier conversation that was rewound to after turn ${turns.length}` +
      ` (${turns[turns.length - 1]!.label}). These ${turns.length === 1 ? 'is its one turn' : `are its ${turns.length} turns`},` +
      ' shortened where long. The files in your working directory are as they were at that point.',
    '',
  ].join('\n');
  const tail = [
    RECAP_END,
    'This recap is context, not a request: do not redo its work. Say briefly that you have read it, then wait for the next message.',
  ].join('\n');

  const kept = fitSections(sections, lim.maxTotalChars - head.length - tail.length - 1);
  return cut(`${head}${kept.join('\n')}\n${tail}`, lim.maxTotalChars);
}

function turnSection(t: RecapTurn, n: number, lim: RecapLimits): string {
  const reply = t.reply?.trim() ? indent(cut(t.reply.trim(), lim.maxReplyChars)) : '  (reply not recorded)';
  return `--- turn ${n} (${t.label}) — the user wrote:\n${indent(cut(t.prompt.trim(), lim.maxPromptChars))}\n--- you replied:\n${reply}\n`;
}

/**
 * The sections within `budget` characters (joined by newlines): all of them, or the first and
 * as many of the latest as fit, with a line in place of the turns left out.
 */
function fitSections(sections: string[], budget: number): string[] {
  const size = (parts: string[]) => parts.reduce((sum, p) => sum + p.length + 1, 0);
  if (size(sections) <= budget) return sections;
  const first = sections[0]!;
  const latest: string[] = [];
  for (let i = sections.length - 1; i >= 1; i--) {
    const omitted = omission(2, i + 1);
    if (size([first, omitted, sections[i]!, ...latest]) > budget) break;
    latest.unshift(sections[i]!);
  }
  const firstKept = sections.length - latest.length + 1; // turn number of the first kept latest section
  if (firstKept === 2) return [first, ...latest];
  return [first, omission(2, firstKept - 1), ...latest];
}

function omission(from: number, to: number): string {
  const which = from === to ? `turn ${from}` : `turns ${from}–${to}`;
  return `--- (${which} left out to keep this recap short)\n`;
}

/** At most `max` characters: the head and the tail of a longer text, with a mark between. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let mark = '';
  for (let i = 0; i < 3; i++) mark = `\n[… ${text.length - (max - mark.length)} characters left out …]\n`;
  if (max <= mark.length) return text.slice(0, max - (splitsPair(text, max) ? 1 : 0));
  const room = max - mark.length;
  const half = Math.ceil(room / 2);
  const headEnd = half - (splitsPair(text, half) ? 1 : 0);
  const tailAt = text.length - (room - headEnd);
  const tailStart = tailAt + (splitsPair(text, tailAt) ? 1 : 0);
  return text.slice(0, headEnd) + mark + text.slice(tailStart);
}

/** Whether cutting before index `at` would split a surrogate pair (an emoji cut in half). */
function splitsPair(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
