import { describe, expect, it } from 'vitest';
import { isImmediate, parsePromptCommand } from '../../src/demo/prompt-command.js';

describe('parsePromptCommand', () => {
  it.each([
    ['hello there', { kind: 'say', prompt: 'hello there' }],
    ['write notes.txt hello   world', { kind: 'write', path: 'notes.txt', text: 'hello   world' }],
    ['write empty.txt', { kind: 'write', path: 'empty.txt', text: '' }],
    ['append log.txt one more\nline', { kind: 'append', path: 'log.txt', text: 'one more\nline' }],
    ['rm old.txt', { kind: 'rm', path: 'old.txt' }],
    ['/crash', { kind: 'crash', code: 1 }],
    ['/crash 3', { kind: 'crash', code: 3 }],
    ['/hang', { kind: 'hang' }],
    ['/limit 2', { kind: 'limit', seconds: 2 }],
    ['/wait 60', { kind: 'wait', seconds: 60 }],
    ['/history', { kind: 'history' }],
    ['/ask Delete  the branch?', { kind: 'ask', question: 'Delete  the branch?' }],
    ['  /crash 4  ', { kind: 'crash', code: 4 }],
    ['writer of things', { kind: 'say', prompt: 'writer of things' }],
    ['/unknown thing', { kind: 'say', prompt: '/unknown thing' }],
  ])('reads %j', (prompt, command) => {
    expect(parsePromptCommand(prompt)).toEqual(command);
  });

  it.each(['write', 'rm', 'rm a b', '/crash x', '/crash 300', '/hang now', '/limit', '/limit soon', '/wait -1', '/ask', '/history 3'])(
    'calls %j malformed',
    (prompt) => {
      expect(parsePromptCommand(prompt).kind).toBe('invalid');
    },
  );

  it('answers slash commands at once and thinks about everything else', () => {
    expect(isImmediate(parsePromptCommand('/wait 1'))).toBe(true);
    expect(isImmediate(parsePromptCommand('/crash'))).toBe(true);
    expect(isImmediate(parsePromptCommand('/history'))).toBe(true);
    expect(isImmediate(parsePromptCommand('write a b'))).toBe(false);
    expect(isImmediate(parsePromptCommand('hi'))).toBe(false);
  });
});

describe('/tool', () => {
  it('is a tool call by name with a JSON object of arguments (none: {}), and takes its time like a file command', () => {
    expect(parsePromptCommand('/tool delegate {"name": "w1", "prompt": "write a b"}')).toEqual({ kind: 'tool', name: 'delegate', args: { name: 'w1', prompt: 'write a b' } });
    expect(parsePromptCommand('/tool list')).toEqual({ kind: 'tool', name: 'list', args: {} });
    expect(isImmediate(parsePromptCommand('/tool list'))).toBe(false);
  });

  it('says what is wrong with its arguments', () => {
    expect(parsePromptCommand('/tool')).toEqual({ kind: 'invalid', message: 'usage: /tool NAME {json arguments}' });
    expect(parsePromptCommand('/tool list [1]')).toEqual({ kind: 'invalid', message: 'usage: /tool NAME {json arguments}: the arguments must be a JSON object' });
    expect(parsePromptCommand('/tool list {nope')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^usage: \/tool NAME \{json arguments\}: .*JSON/) });
  });
});
