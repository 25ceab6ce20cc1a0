import { describe, expect, it } from 'vitest';
import { NAME_MAX_LENGTH, nameProblem } from '../../src/config/name-rule.js';

describe('the name rule', () => {
  it('takes letters, digits, ".", "_" and "-"', () => {
    for (const name of ['builder', 'a', 'claude-3.5', 'my_agent.2', 'T2', '.hidden', 'x'.repeat(NAME_MAX_LENGTH)]) {
      expect(nameProblem(name), name).toBeNull();
    }
  });

  it('refuses what could leave log_dir, split a command line or be no name at all', () => {
    expect(nameProblem('')).toBe('it is empty');
    expect(nameProblem('.')).toBe('it is "."');
    expect(nameProblem('..')).toBe('it is ".."');
    expect(nameProblem('../../victimfile')).toMatch(/^it holds "\/"/);
    expect(nameProblem('a\\b')).toMatch(/^it holds "\\\\"/);
    expect(nameProblem('a b')).toMatch(/^it holds " "/);
    expect(nameProblem('a:b')).toMatch(/^it holds ":"/);
    expect(nameProblem('é')).toMatch(/^it holds "é"/);
    expect(nameProblem('a\x00')).toMatch(/^it holds "\\u0000"/);
    expect(nameProblem('-x')).toBe('it starts with "-"');
    expect(nameProblem('x'.repeat(NAME_MAX_LENGTH + 1))).toBe(`it is ${NAME_MAX_LENGTH + 1} characters long (at most ${NAME_MAX_LENGTH})`);
  });
});
