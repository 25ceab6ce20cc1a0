import { describe, expect, it } from 'vitest';
import { DONE_PLACEHOLDER, isPhaseDone, judgeDone } from '../../src/watchdog/phase-done.js';

const MARKER = '## DONE';
const status = (...lines: string[]) => lines.join('\n');

describe('judgeDone', () => {
  it('takes the marker with a real body under it, and says where', () => {
    const text = status('# Phase p1', '', '## Gates', '- [x] parser', '', '## DONE', '', 'Shipped the parser; all gates green.', '');
    expect(judgeDone(text, MARKER)).toEqual({ done: true, line: 6, body: 'Shipped the parser; all gates green.' });
  });

  it('is not done without the marker', () => {
    expect(judgeDone(status('# Phase p1', 'working on it'), MARKER)).toEqual({ done: false, reason: 'no "## DONE" line' });
  });

  it.each([
    'Not yet.',
    'not done',
    'Not complete — two gates left',
    'Incomplete',
    'pending review',
    'TBD',
    'n/a',
    'N/A',
    'na',
    'Written here only when every gate passes.',
    'Only when all gates are green.',
    'To be written by the builder',
    'to be filled in',
    'When all gates pass, write the summary here.',
    '<summary of what shipped>',
    '<!-- fill in when done -->',
    '   TBD   ',
  ])("does not take the placeholder %j for DONE (agents.py's list)", (body) => {
    const verdict = judgeDone(status('## DONE', body), MARKER);
    expect(verdict.done).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringMatching(/^"## DONE" at line 1 holds only a placeholder/) });
    expect(DONE_PLACEHOLDER.test(body)).toBe(true);
  });

  it.each(['- TBD', '* not yet', '_Not yet._', '*TBD*', '> n/a', '(pending)', '[TBD]', '`TBD`'])(
    'does not let markdown decoration hide a placeholder: %j',
    (body) => {
      expect(isPhaseDone(status('## DONE', body), MARKER)).toBe(false);
    },
  );

  it('does not take words that merely start like a placeholder marker for one', () => {
    // "pending\b" and "tbd\b" need a word boundary, as in agents.py
    expect(isPhaseDone(status('## DONE', 'Pendingly shipped'), MARKER)).toBe(true);
    expect(isPhaseDone(status('## DONE', 'TBDX released'), MARKER)).toBe(true);
    expect(isPhaseDone(status('## DONE', 'All gates green: yes'), MARKER)).toBe(true);
  });

  it('skips blank lines to the body, as agents.py does', () => {
    expect(judgeDone(status('## DONE', '', '   ', 'Done: v1 shipped'), MARKER)).toMatchObject({ done: true, body: 'Done: v1 shipped' });
    expect(isPhaseDone(status('## DONE', '', 'TBD', 'real text further down'), MARKER)).toBe(false);
  });

  it('needs a body: a marker at the end of the file is not DONE', () => {
    expect(judgeDone(status('# p1', '## DONE'), MARKER)).toEqual({ done: false, reason: '"## DONE" at line 2 has nothing under it' });
    expect(isPhaseDone(status('# p1', '## DONE', '', ''), MARKER)).toBe(false);
  });

  it('does not take the next heading for a body', () => {
    expect(isPhaseDone(status('## DONE', '', '## Notes', 'some notes'), MARKER)).toBe(false);
  });

  it('takes the text after the marker as the body when a heading or the end follows', () => {
    expect(judgeDone(status('## DONE — shipped 1.2', '', '## Notes', 'x'), MARKER)).toMatchObject({ done: true, line: 1, body: 'shipped 1.2' });
    expect(isPhaseDone('## DONE: all gates green', MARKER)).toBe(true);
    expect(isPhaseDone(status('## DONE (TBD)', '## Notes'), MARKER)).toBe(false);
    // a body under the marker wins over the text beside it
    expect(isPhaseDone(status('## DONE — shipped', 'Not yet.'), MARKER)).toBe(false);
  });

  it('ignores a marker inside a fenced code block (an example in the template)', () => {
    const template = status('# Status', 'When the phase is done, write:', '```markdown', '## DONE', 'what shipped', '```', '', 'Working.');
    expect(judgeDone(template, MARKER)).toEqual({ done: false, reason: 'no "## DONE" line' });
    expect(isPhaseDone(status('~~~', '## DONE', 'shipped', '~~~'), MARKER)).toBe(false);
    // a longer fence is closed only by one at least as long
    expect(isPhaseDone(status('````', '```', '## DONE', 'shipped', '````'), MARKER)).toBe(false);
    // and after the block closes, a real marker counts
    expect(judgeDone(status(template, '## DONE', 'shipped for real'), MARKER)).toMatchObject({ done: true, line: 9 });
  });

  it('takes a code block right under the marker as a real body', () => {
    expect(isPhaseDone(status('## DONE', '```', 'npm test: 214 passed', '```'), MARKER)).toBe(true);
  });

  it('looks past a placeholder marker to a later real one', () => {
    const text = status('## DONE', 'Not yet.', '', '## Log', 'day 1', '', '## DONE', 'Finished on day 2.');
    expect(judgeDone(text, MARKER)).toEqual({ done: true, line: 7, body: 'Finished on day 2.' });
  });

  it('needs the marker at the start of the line, ending at a word boundary', () => {
    expect(isPhaseDone(status('  ## DONE', 'shipped'), MARKER)).toBe(false); // as agents.py: startswith
    expect(isPhaseDone(status('## DONEish', 'shipped'), MARKER)).toBe(false);
    expect(isPhaseDone(status('## DONE_CRITERIA', 'all gates green'), MARKER)).toBe(false);
    expect(isPhaseDone(status('## DONE!', 'shipped'), MARKER)).toBe(true);
  });

  it('reads CRLF files', () => {
    expect(judgeDone('# p1\r\n## DONE\r\n\r\nshipped\r\n', MARKER)).toEqual({ done: true, line: 2, body: 'shipped' });
  });

  it('uses the configured done_marker', () => {
    expect(isPhaseDone(status('STATUS: DONE', 'merged in #42'), 'STATUS: DONE')).toBe(true);
    expect(isPhaseDone(status('## DONE', 'merged'), 'STATUS: DONE')).toBe(false);
    expect(judgeDone('anything', '  ')).toEqual({ done: false, reason: 'done_marker is empty' });
  });
});
