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
