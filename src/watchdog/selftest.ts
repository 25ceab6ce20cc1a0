/**
 * `hangar selftest`: regression checks of the watchdog's detectors that need no config and no
 * agent — agents.py's footer-UI activity checks, extended to the reset-time parser, the
 * WAITING-UNTIL marker and DONE detection. Each check is a fixed screen or text and the
 * answer a person reads off it; a FAIL means hangar would misread a real agent.
 */
import { compilePattern } from '../config/pattern.js';
import { decideStatus, showsActivity, type StatusPatterns } from '../session/status.js';
import { parseResetTime } from './reset-time.js';
import { parseWaitingUntil } from './waiting-until.js';
import { epochOfWallTime, zoneOf } from './zoned-time.js';

export interface SelftestResult {
  name: string;
  ok: boolean;
  /** what was expected and what came out, for a failure */
  detail?: string;
}

// agents.py's selftest screens: an opencode-style footer, idle and busy
const TUI: StatusPatterns = {
  active: compilePattern('esc interrupt|thinking|inferring|running tool|preparing patch|reading|searching'),
  limit: compilePattern('hit your .*limit|usage limit'),
  footerUi: true,
  footerRows: 3,
};
const IDLE = ['', ' ▣ Build · GPT-5.4 · 2m 19s', ' 178.4K (17%) ctrl+p commands'];
const ACTIVE = ['', ' ~ Preparing patch...', ' ⬝⬝⬝■■ esc interrupt 137.6K'];
const LIMITED = [...IDLE, "You've hit your weekly limit · resets Jun 16, 10pm"];
// a transcript that says "thinking" above an idle footer: only the footer counts
const TRANSCRIPT = ['I was thinking about the tests.', 'Reading the plan now.', ...IDLE];

const UTC = 'UTC';
const NOW = Date.UTC(2026, 5, 16, 12, 0); // Tue 16 Jun 2026 12:00 UTC
const at = (y: number, mo: number, d: number, h: number, mi: number, zone = UTC) =>
  epochOfWallTime({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0 }, zoneOf(zone));

/**
 * The reset-time cases, built when the self-test runs: a zone's offset is looked up through
 * Intl.DateTimeFormat, which loads ICU's locale data (~5 MB resident) — at module load it was
 * paid by every process whose bundle includes this file, the cockpit among them.
 */
const resetCases = (): Array<[string, number | null]> => [
  ["You've hit your usage limit · resets 10pm", at(2026, 6, 16, 22, 0)],
  ['Usage limit reached. resets at 9:30 am', at(2026, 6, 17, 9, 30)],
  ["You've hit your weekly limit · resets Jun 18, 10pm", at(2026, 6, 18, 22, 0)],
  ['limit reached; resets 22:15', at(2026, 6, 16, 22, 15)],
  ['usage limit · resets 10pm (Europe/Berlin)', at(2026, 6, 16, 22, 0, 'Europe/Berlin')],
  ['Rate limited. Try again in 2h 5m.', NOW + (2 * 60 + 5) * 60_000],
  ['usage limit reached', null],
  ['Ran the tests in 2m 5s', null],
];

function check(name: string, got: unknown, want: unknown): SelftestResult {
  const ok = JSON.stringify(got) === JSON.stringify(want);
  return ok ? { name, ok } : { name, ok, detail: `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}` };
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Every check; DONE-detection checks are passed in by the phase code that owns them. */
export function runSelftest(extra: SelftestResult[] = []): SelftestResult[] {
  const results: SelftestResult[] = [
    check('footer_ui idle footer is idle', showsActivity(IDLE, IDLE.length - 1, TUI), false),
    check('footer_ui active footer is active', showsActivity(ACTIVE, ACTIVE.length - 1, TUI), true),
    check('limit banner + idle footer is not active', showsActivity(LIMITED, LIMITED.length - 1, TUI), false),
    check('busy words in the transcript above an idle footer are not activity', showsActivity(TRANSCRIPT, TRANSCRIPT.length - 1, TUI), false),
    check(
      'limit banner + idle footer reads as limited',
      decideStatus({ rows: LIMITED, cursorY: LIMITED.length - 1, msSinceOutput: 60_000, msSinceFirstOutput: 60_000, settled: true, exited: false, stopped: false }, TUI, 1500),
      'limited',
    ),
  ];
  for (const [banner, want] of resetCases()) {
    results.push(check(`reset time: "${banner}"`, iso(parseResetTime(banner, NOW, { timeZone: UTC })), iso(want)));
  }
  results.push(
    check(
      'WAITING-UNTIL marker is read',
      iso(parseWaitingUntil(['Paused for CI.', 'WAITING-UNTIL: 2026-06-16T14:30:00Z'], { footerUi: false, footerRows: 3, timeZone: UTC })),
      '2026-06-16T14:30:00.000Z',
    ),
    check('no WAITING-UNTIL marker', parseWaitingUntil(['all done'], { footerUi: false, footerRows: 3, timeZone: UTC }), null),
  );
  return [...results, ...extra];
}
