import { describe, expect, it } from 'vitest';
import { initialAgentState, type AgentState } from '../../src/demo/agent-state.js';
import { parsePromptCommand } from '../../src/demo/prompt-command.js';
import { conversationLines, renderScreen, statusLine, wrapLine } from '../../src/demo/render.js';
import { frameToAnsi } from '../../src/demo/terminal-codes.js';

const base = (): AgentState => initialAgentState({ id: 'sid', model: 'demo-1', cwd: '/w', turns: [] });
const size = { columns: 40, rows: 12 };

describe('renderScreen', () => {
  it('lays out conversation, status line, input box and footer, exactly rows x columns', () => {
    const state: AgentState = { ...base(), input: 'hi' };
    const frame = renderScreen(state, size, 0);
    expect(frame.lines).toHaveLength(12);
    expect(frame.lines[0]).toBe('session: sid');
    expect(frame.lines[6]).toBe('');
    expect(frame.lines[7]).toBe('');
    expect(frame.lines[8]).toBe(`╭${'─'.repeat(38)}╮`);
    expect(frame.lines[9]).toBe(`│ > hi${' '.repeat(33)}│`);
    expect(frame.lines[10]).toBe(`╰${'─'.repeat(38)}╯`);
    expect(frame.lines[11]).toBe('demo · model demo-1 · session sid');
    expect(frame.cursor).toEqual({ row: 9, col: 6 });
    for (const line of frame.lines) expect(Array.from(line).length).toBeLessThanOrEqual(40);
  });

  it('scrolls so the newest lines are visible', () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ kind: 'reply' as const, text: `reply ${i}` }));
    const frame = renderScreen({ ...base(), entries }, size, 0);
    expect(frame.lines.slice(0, 7)).toEqual(['● reply 13', '● reply 14', '● reply 15', '● reply 16', '● reply 17', '● reply 18', '● reply 19']);
  });

  it('shows the spinner with elapsed seconds while thinking', () => {
    const state: AgentState = { ...base(), mode: { kind: 'thinking', prompt: 'p', command: parsePromptCommand('p'), startedAt: 1000 } };
    expect(statusLine(state, 1000)).toBe('⠋ Thinking… (0s · esc to interrupt)');
    expect(statusLine(state, 3250)).toBe('⠹ Thinking… (2s · esc to interrupt)');
  });

  it('shows the question while asking and the banner while limited, nothing when idle', () => {
    expect(statusLine({ ...base(), mode: { kind: 'asking', prompt: '/ask Go?', question: 'Go?' } }, 0)).toBe('? Go? [y/n]');
    const limitedUntil = new Date(2025, 0, 1, 22, 42).getTime();
    const limited = { ...base(), limitedUntil };
    expect(statusLine(limited, limitedUntil - 1)).toBe("You've hit your usage limit · resets 10:42pm");
    expect(statusLine(limited, limitedUntil)).toBe('');
    expect(statusLine(base(), 0)).toBe('');
  });

  it('shows pasted newlines flattened in the box and the end of a long input', () => {
    const frame = renderScreen({ ...base(), input: 'one\ntwo' }, size, 0);
    expect(frame.lines[9]).toContain('│ > one two ');
    const long = 'x'.repeat(50) + 'END';
    const longFrame = renderScreen({ ...base(), input: long }, size, 0);
    expect(longFrame.lines[9]).toMatch(/^│ > x+END  │$/);
    expect(longFrame.lines[9]).toHaveLength(40);
    expect(longFrame.cursor).toEqual({ row: 9, col: 37 });
  });

  it('survives a tiny terminal', () => {
    const frame = renderScreen({ ...base(), input: 'hello' }, { columns: 5, rows: 2 }, 0);
    expect(frame.lines).toHaveLength(2);
    for (const line of frame.lines) expect(Array.from(line).length).toBeLessThanOrEqual(5);
    expect(frame.cursor.row).toBeLessThan(2);
    expect(frame.cursor.col).toBeLessThan(5);
  });
});

describe('conversationLines', () => {
  it('marks prompts and replies, indents their continuation lines, and separates turns', () => {
    const lines = conversationLines(
      [
        { kind: 'info', text: 'session: s' },
        { kind: 'prompt', text: 'a\nb' },
        { kind: 'reply', text: 'c' },
      ],
      40,
    );
    expect(lines).toEqual(['session: s', '', '> a', '  b', '● c']);
  });

  it('wraps long lines to the width', () => {
    const lines = conversationLines([{ kind: 'reply', text: 'aaaa bbbb cccc' }], 8);
    expect(lines).toEqual(['● aaaa', '  bbbb', '  cccc']);
  });
});

describe('wrapLine', () => {
  it('breaks at spaces when it can and hard otherwise', () => {
    expect(wrapLine('hello wide world', 10)).toEqual(['hello wide', 'world']);
    expect(wrapLine('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapLine('', 4)).toEqual(['']);
  });
});

describe('frameToAnsi', () => {
  it('paints every row inside one synchronized-output block and places the cursor', () => {
    const out = frameToAnsi({ lines: ['ab', 'cdef'], cursor: { row: 1, col: 2 } }, 4);
    expect(out.startsWith('\x1b[?2026h')).toBe(true);
    expect(out.endsWith('\x1b[?2026l')).toBe(true);
    expect(out).toContain('\x1b[1;1Hab\x1b[K');
    // A full-width row is not followed by an erase.
    expect(out).toContain('\x1b[2;1Hcdef\x1b[2;3H');
    expect(out).not.toContain('\x1b[2J');
    expect(frameToAnsi({ lines: [], cursor: { row: 0, col: 0 } }, 4, true)).toContain('\x1b[2J');
  });
});
