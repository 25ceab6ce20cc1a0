import { describe, expect, it } from 'vitest';
import { continuedScript, parsePromptScript } from '../../src/demo/prompt-script.js';

describe('parsePromptScript (the demo\'s scripted turns)', () => {
  it('is no script for one line or for lines with no command: those stay one command or prose', () => {
    expect(parsePromptScript('/tool list {}')).toBeNull();
    expect(parsePromptScript('write notes.txt hello')).toBeNull();
    expect(parsePromptScript('first line\nsecond line\n  - a list')).toBeNull();
  });

  it('is no script when only the first line is a command: a write or append takes every line after it as its text (a loop kickoff)', () => {
    expect(parsePromptScript('append STATUS-p1.md ## DONE\nYou build.\n')).toBeNull();
    expect(parsePromptScript('write notes.txt first\nsecond')).toBeNull();
    expect(parsePromptScript('write a.txt x\nwrite b.txt y')?.steps.map((s) => s.kind)).toEqual(['write', 'write']);
  });

  it('runs command lines in order as steps and keeps the other lines as prose', () => {
    const script = parsePromptScript('Plan first.\nwrite PLAN.md a plan\n/tool delegate {"name": "w1"}\nThen check.\nrm old.txt');
    expect(script).toEqual({
      steps: [
        { kind: 'write', path: 'PLAN.md', text: 'a plan' },
        { kind: 'tool', name: 'delegate', args: { name: 'w1' } },
        { kind: 'rm', path: 'old.txt' },
      ],
      later: [],
      prose: 'Plan first.\nThen check.',
    });
  });

  it('keeps a malformed command line as a step that says what is wrong (the script goes on)', () => {
    const script = parsePromptScript('/tool delegate {not json\n/tool list');
    expect(script?.steps[0]).toMatchObject({ kind: 'invalid', message: expect.stringContaining('usage: /tool NAME {json arguments}') });
    expect(script?.steps[1]).toEqual({ kind: 'tool', name: 'list', args: {} });
  });

  it('/next-turn keeps the lines after it for the next prompt, which becomes their prose', () => {
    const script = parsePromptScript('write a.txt 1\n/next-turn\n/tool list {}\n\n/next-turn\nappend a.txt 2');
    expect(script).toMatchObject({ steps: [{ kind: 'write' }], later: ['/tool list {}', '/next-turn', 'append a.txt 2'], prose: '' });
    const next = continuedScript(script!.later, 'a nudge');
    expect(next).toEqual({ steps: [{ kind: 'tool', name: 'list', args: {} }], later: ['append a.txt 2'], prose: 'a nudge' });
    expect(continuedScript(next.later, 'again')).toEqual({ steps: [{ kind: 'append', path: 'a.txt', text: '2' }], later: [], prose: 'again' });
  });
});
