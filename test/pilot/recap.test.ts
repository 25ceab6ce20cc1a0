import { describe, expect, it } from 'vitest';
import { buildRecap, RECAP_BEGIN, RECAP_END, RECAP_LIMITS, type RecapTurn } from '../../src/pilot/recap.js';

const turn = (n: number, prompt = `prompt ${n}`, reply = `reply ${n}`): RecapTurn => ({ label: `T${n}`, prompt, reply });

describe('buildRecap', () => {
  it('is empty when there is nothing to recap (goto root)', () => {
    expect(buildRecap([])).toBe('');
  });

  it('says it is a recap of an earlier conversation and holds every prompt and reply, in order', () => {
    const text = buildRecap([turn(1, 'add a readme', 'Added README.md.'), turn(4, 'now tests\nfor the parser', '')]);
    expect(text).toBe(
      [
        RECAP_BEGIN,
        'You are continuing an earlier conversation that was rewound to after turn 2 (T4). These are its 2 turns, shortened where long.' +
          ' The files in your working directory are as they were at that point.',
        '--- turn 1 (T1) — the user wrote:',
        '  add a readme',
        '--- you replied:',
        '  Added README.md.',
        '',
        '--- turn 2 (T4) — the user wrote:',
        '  now tests',
        '  for the parser',
        '--- you replied:',
        '  (reply not recorded)',
        '',
        RECAP_END,
        'This recap is context, not a request: do not redo its work. Say briefly that you have read it, then wait for the next message.',
      ].join('\n'),
    );
  });

  it('cuts each long reply to its head and tail', () => {
    const reply = `BEGIN ${'x'.repeat(5000)} CONCLUSION`;
    const text = buildRecap([turn(1, 'go', reply)], { maxReplyChars: 300 });
    expect(text).toContain('  BEGIN xxx');
    expect(text).toContain('xxx CONCLUSION');
    expect(text).toMatch(/\[… \d+ characters left out …\]/);
    const replyPart = text.slice(text.indexOf('--- you replied:'), text.indexOf(RECAP_END));
    expect(replyPart.length).toBeLessThan(400);
    // the mark tells the truth about what was left out
    const left = Number(/\[… (\d+) characters left out …\]/.exec(text)![1]);
    const kept = replyPart.replace(/\n {2}/g, '\n').match(/BEGIN x*|x* CONCLUSION/g)!.join('').length;
    expect(kept + left).toBe(reply.length);
  });

  it('keeps the total bounded, keeping the first turn and the latest, and says which were left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => turn(i + 1, `prompt ${i + 1} ${'p'.repeat(900)}`, `reply ${i + 1} ${'r'.repeat(1400)}`));
    const text = buildRecap(many);
    expect(text.length).toBeLessThanOrEqual(RECAP_LIMITS.maxTotalChars);
    expect(text.startsWith(RECAP_BEGIN)).toBe(true);
    expect(text).toContain(RECAP_END);
    expect(text).toContain('--- turn 1 (T1)');
    expect(text).toContain('--- turn 200 (T200)');
    const omitted = /--- \(turns 2–(\d+) left out to keep this recap short\)/.exec(text);
    expect(omitted).not.toBeNull();
    // every turn after the omission is there
    for (let n = Number(omitted![1]) + 1; n <= 200; n++) expect(text).toContain(`--- turn ${n} (T${n})`);
  });

  it('stays within the bound even when one turn alone is larger', () => {
    const text = buildRecap([turn(1, 'q'.repeat(50_000), 'a'.repeat(50_000))], { maxPromptChars: 100_000, maxReplyChars: 100_000, maxTotalChars: 3000 });
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.startsWith(RECAP_BEGIN)).toBe(true);
    expect(text).toContain(RECAP_END);
  });

  it('never cuts an emoji in half', () => {
    for (let max = 100; max < 110; max++) {
      const text = buildRecap([turn(1, 'go', '🚀'.repeat(1000))], { maxReplyChars: max });
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});
