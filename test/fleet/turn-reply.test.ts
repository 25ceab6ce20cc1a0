import { describe, expect, it } from 'vitest';
import { extractTurnReply } from '../../src/fleet/turn-reply.js';

describe('extractTurnReply', () => {
  it('keeps the new lines of a redrawn TUI screen, without the prompt echo and the chrome', () => {
    const before = ['session: 1', '', '', '╭────╮', '│ >  │', '╰────╯', 'demo · model m'];
    const after = ['session: 1', '> write a.txt hi', '● Wrote a.txt (3 bytes)', '╭────╮', '│ >  │', '╰────╯', 'demo · model m'];
    expect(extractTurnReply(before, after, 'write a.txt hi')).toBe('● Wrote a.txt (3 bytes)');
  });

  it('drops a shell echo after its prompt sign and keeps multi-line output', () => {
    const before = ['user@host:~$ '];
    const after = ['user@host:~$ ls', 'a', '', 'b', 'user@host:~$ '];
    expect(extractTurnReply(before, after, 'ls')).toBe('a\n\nb');
  });

  it('counts repeated lines: a reply equal to an old line still shows when it is new', () => {
    expect(extractTurnReply(['ok', '$ '], ['ok', '$ echo ok', 'ok', '$ '], 'echo ok')).toBe('ok');
  });

  it('is empty when nothing new appeared', () => {
    expect(extractTurnReply(['a', 'b'], ['a', 'b'], 'x')).toBe('');
  });
});

describe('extractTurnReply with long and multi-line prompts', () => {
  it('drops an echo the screen wrapped, mid-word or at a space', () => {
    const prompt = 'please write the report about STATUS-p1.md today';
    const after = ['> please write the report about STATUS-', '  p1.md today', '● Done.'];
    expect(extractTurnReply([], after, prompt)).toBe('● Done.');
  });

  it('drops the echo of a multi-line prompt, blank lines included', () => {
    const after = ['> first line', '', '  second line', '● You said: "first line', '', 'second line"'];
    expect(extractTurnReply([], after, 'first line\n\nsecond line')).toBe('● You said: "first line\n\nsecond line"');
  });

  it('keeps everything when the first new line is not the echo', () => {
    expect(extractTurnReply([], ['● hello', '> hi'], 'hi')).toBe('● hello\n> hi');
  });
});
