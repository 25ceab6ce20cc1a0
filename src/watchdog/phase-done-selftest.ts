/**
 * `hangar selftest`'s DONE-detection checks: status files a person reads at a glance, and what
 * phase-done.ts must answer for them. A FAIL means a loop would advance on a template, or
 * never advance on a finished phase.
 */
import { isPhaseDone } from './phase-done.js';
import type { SelftestResult } from './selftest.js';

const CASES: Array<[name: string, text: string, done: boolean]> = [
  ['DONE with a real body is done', '# p1\n\n## DONE\n\nShipped the parser; every gate green.\n', true],
  ['DONE with the text beside the marker is done', '## DONE — shipped 1.2\n\n## Notes\n', true],
  ['"Not yet." under DONE is not done', '## DONE\n\nNot yet.\n', false],
  ['"TBD" under DONE is not done', '## DONE\nTBD\n', false],
  ['"n/a" under DONE is not done', '## DONE\n- n/a\n', false],
  ['"<summary>" under DONE is not done', '## DONE\n<summary of what shipped>\n', false],
  ['"Written here only when…" under DONE is not done', '## DONE\nWritten here only when all gates pass.\n', false],
  ['a DONE heading with nothing under it is not done', '# p1\n\n## DONE\n', false],
  ['a DONE example in a code block is not done', 'When done, write:\n```\n## DONE\nwhat shipped\n```\n', false],
];

export function doneDetectionChecks(): SelftestResult[] {
  return CASES.map(([name, text, want]) => {
    const got = isPhaseDone(text, '## DONE');
    return got === want ? { name: `DONE: ${name}`, ok: true } : { name: `DONE: ${name}`, ok: false, detail: `expected ${want ? 'done' : 'not done'}, got ${got ? 'done' : 'not done'}` };
  });
}
