import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// One definition of where a fleet's files are: src/fs/fleet-files.ts. Code elsewhere that
// spells one of their names builds the path a second time (comments may name them).
const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const LEAF = 'fs/fleet-files.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}

/** The names of the fleet's files as code would spell them when making a path. */
const SPELLINGS: RegExp[] = [
  /['"`](hangar\.sock|server\.pid|server\.log|events\.jsonl|SEQUENCE-COMPLETE|handoff\.json|budget\.json|watchers\.json|added-agents\.json|view\.json|usage\.jsonl|verdicts\.jsonl|timeline\.json|turn\.json|repo\.git|models\.json)['"`]/,
  /\}\.id`/,
  /`(kickoff|restarts|limited)-\$\{/,
  /'hangar', 'servers'/,
];

/** Code lines of a file: without `//` comments and the lines of block comments. */
function codeLines(text: string): string[] {
  return text.split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).map((line) => line.replace(/\s\/\/.*$/, ''));
}

/** `file:line: text` for each code line that spells a fleet file's name. */
function spellings(file: string, text: string): string[] {
  return codeLines(text).flatMap((line) => (SPELLINGS.some((re) => re.test(line)) ? [`${file}: ${line.trim()}`] : []));
}

describe('files on disk', () => {
  it('every path of a fleet file is built by src/fs/fleet-files.ts, nowhere else', () => {
    const found = sources(SRC)
      .filter((f) => relative(SRC, f) !== LEAF && !relative(SRC, f).startsWith('demo/'))
      .flatMap((f) => spellings(relative(SRC, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check sees a second definition (so the test above can fail)', () => {
    expect(spellings('x.ts', "const p = pathUnder(config.state_dir, `${name}.id`);\nreturn join(dir, 'hangar.sock');")).toHaveLength(2);
    expect(spellings('x.ts', ' * `<state_dir>/restarts-<session>.json`\n// hangar.sock')).toEqual([]);
    expect(spellings(LEAF, readFileSync(join(SRC, LEAF), 'utf8')).length).toBeGreaterThan(10);
  });
});
