import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fillPromptTemplate, renderTemplate, shellQuote, templateFields } from '../../src/config/template.js';

/** What the shell prints for a rendered command line. */
function runSh(line: string): string {
  return execFileSync('sh', ['-c', line], { encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: '/nonexistent-home' } });
}

const VALUES = [
  'abc-1.2/x',
  'two words',
  "it's",
  'say "hi"',
  '$HOME and ${PATH}',
  '`echo pwned` and $(echo pwned)',
  'line1\nline2',
  'back\\slash \\n \\',
  `all 'of' "them" $x \`y\` \\ ; | & > * ? ~ #`,
  '~/tilde',
  '*',
  '-n',
  '{x}',
  '',
];

/** [template, what printf should print around the value] */
const CONTEXTS: [string, (v: string) => string][] = [
  [`printf '%s\\n' {x}`, (v) => v],
  [`printf '%s\\n' '{x}'`, (v) => v],
  [`printf '%s\\n' 'pre {x} post'`, (v) => `pre ${v} post`],
  [`printf '%s\\n' "{x}"`, (v) => v],
  [`printf '%s\\n' "a {x} 'b'"`, (v) => `a ${v} 'b'`],
  [`printf '%s\\n' "$(printf '%s' '{x}')"`, (v) => v],
  [`printf '%s\\n' "$(printf '%s' {x})"`, (v) => v],
  [`printf '%s\\n' pre\\ {x}`, (v) => `pre ${v}`],
];

describe('renderTemplate', () => {
  for (const [template, expected] of CONTEXTS) {
    it(`survives the shell in ${template}`, () => {
      for (const value of VALUES) {
        const line = renderTemplate(template, { x: value });
        expect(runSh(line), `${JSON.stringify(value)} rendered as ${line}`).toBe(`${expected(value)}\n`);
      }
    });
  }

  it('quotes each of several fields for its own context', () => {
    const line = renderTemplate(`printf '%s\\n' --model '{model}' "{session}" {dir}`, {
      model: "o'pus", session: 'a "b" $c', dir: '/tmp/my dir',
    });
    expect(runSh(line)).toBe(`--model\no'pus\na "b" $c\n/tmp/my dir\n`);
  });

  it('inserts raw fields as written and leaves unknown fields alone', () => {
    const line = renderTemplate("{bin} '%s %s\\n' {x} '{unknown}'", { bin: 'printf', x: 'a b' }, { raw: ['bin'] });
    expect(line).toBe("printf '%s %s\\n' 'a b' '{unknown}'");
    expect(runSh(line)).toBe('a b {unknown}\n');
  });

  it('renders the agents.py arg-mode pieces', () => {
    expect(renderTemplate("--resume '{id}'", { id: 'abc-123' })).toBe("--resume 'abc-123'");
    expect(renderTemplate("--model '{model}'", { model: "x'y" })).toBe("--model 'x'\\''y'");
    expect(renderTemplate('{bin} --dir {dir}', { bin: 'opencode attach', dir: '/a b' }, { raw: ['bin'] })).toBe(
      "opencode attach --dir '/a b'",
    );
  });
});

describe('templateFields', () => {
  it('lists each field once, in order, in any quoting context, and nothing else in braces', () => {
    expect(templateFields("--resume {id} --at-turn '{turn}' \"{id}\" $(echo {model})")).toEqual(['id', 'turn', 'model']);
    expect(templateFields('--x {} {1a} { id } ${HOME}')).toEqual(['HOME']);
    expect(templateFields('')).toEqual([]);
  });

  it('matches what renderTemplate fills', () => {
    const template = "--resume {id} --at-turn '{turn}'";
    const fields = Object.fromEntries(templateFields(template).map((f) => [f, 'v']));
    expect(renderTemplate(template, fields)).toBe("--resume v --at-turn 'v'");
  });
});

describe('shellQuote', () => {
  it('leaves safe words alone and quotes the rest', () => {
    expect(shellQuote('abc-1.2/x')).toBe('abc-1.2/x');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    for (const v of VALUES) expect(runSh(`printf '%s\\n' ${shellQuote(v)}`)).toBe(`${v}\n`);
  });
});

describe('fillPromptTemplate', () => {
  it('fills every occurrence without quoting and leaves other braces', () => {
    expect(fillPromptTemplate('Phase {phase_id}: {plan} ({phase_id}) {other} "{role}"', {
      phase_id: 'p1', plan: "it's $plan", role: 'builder',
    })).toBe(`Phase p1: it's $plan (p1) {other} "builder"`);
  });
});
