import { describe, expect, it } from 'vitest';
import { displayPath, fileChanges, fsPath, parseDiffZ, planRestore, totalsOf, type RawChange } from '../../src/pilot/git-diff-parse.js';
import { hangarBranch, hangarRef, refComponentProblem } from '../../src/pilot/ref-names.js';

const Z = '0000000000000000000000000000000000000000';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const raw = (status: string, oldMode: string, newMode: string, ...paths: string[]) =>
  `:${oldMode} ${newMode} ${oldMode === '000000' ? Z : A} ${newMode === '000000' ? Z : B} ${status}\0${paths.join('\0')}\0`;
const change = (status: RawChange['status'], oldMode: string, newMode: string, path: string): RawChange =>
  ({ status, oldMode, newMode, oldSha: A, newSha: B, path });

describe('parseDiffZ', () => {
  it('reads raw and numstat records, renames with two paths, binaries as null counts', () => {
    const out = raw('M', '100644', '100755', 'bin/run.sh')
      + raw('R087', '100644', '100644', 'old name.txt', 'new name.txt')
      + raw('A', '000000', '120000', 'link')
      + '0\t0\tbin/run.sh\0'
      + '3\t1\t\0old name.txt\0new name.txt\0'
      + '-\t-\tlink\0';
    const { raw: r, numstat } = parseDiffZ(Buffer.from(out, 'latin1'));
    expect(r).toEqual([
      { status: 'M', oldMode: '100644', newMode: '100755', oldSha: A, newSha: B, path: 'bin/run.sh' },
      { status: 'R', oldMode: '100644', newMode: '100644', oldSha: A, newSha: B, path: 'new name.txt', oldPath: 'old name.txt' },
      { status: 'A', oldMode: '000000', newMode: '120000', oldSha: Z, newSha: B, path: 'link' },
    ]);
    expect(numstat).toEqual([
      { path: 'bin/run.sh', insertions: 0, deletions: 0 },
      { path: 'new name.txt', oldPath: 'old name.txt', insertions: 3, deletions: 1 },
      { path: 'link', insertions: null, deletions: null },
    ]);
    const files = fileChanges(r, numstat);
    expect(files).toEqual([
      { path: 'bin/run.sh', status: 'modified', insertions: 0, deletions: 0, binary: false },
      { path: 'new name.txt', oldPath: 'old name.txt', status: 'renamed', insertions: 3, deletions: 1, binary: false },
      { path: 'link', status: 'added', insertions: 0, deletions: 0, binary: true },
    ]);
    expect(totalsOf(files)).toEqual({ added: 1, removed: 0, changed: 2, insertions: 3, deletions: 1 });
  });

  it('keeps names byte for byte, tabs and newlines included', () => {
    const name = Buffer.from('dir/fi\tle\nü.txt', 'utf8');
    const out = Buffer.concat([Buffer.from(`:100644 100644 ${A} ${B} M\0`), name, Buffer.from('\0'), Buffer.from('1\t2\t'), name, Buffer.from('\0')]);
    const { raw: r, numstat } = parseDiffZ(out);
    expect(fsPath(r[0]!.path).equals(name)).toBe(true);
    expect(displayPath(r[0]!.path)).toBe('dir/fi\tle\nü.txt');
    expect(fileChanges(r, numstat)[0]).toMatchObject({ path: 'dir/fi\tle\nü.txt', insertions: 1, deletions: 2 });
  });

  it('rejects output it does not understand', () => {
    expect(() => parseDiffZ('garbage\0')).toThrow(/unexpected git diff output \(numstat line\): "garbage"/);
    expect(() => parseDiffZ(`:100644 100644 ${A} ${B} R100\0only-one\0`)).toThrow(/rename target/);
  });

  it('reads empty output as no changes', () => {
    expect(parseDiffZ('')).toEqual({ raw: [], numstat: [] });
  });
});

describe('planRestore', () => {
  it('removes what the target lacks and writes what differs', () => {
    expect(planRestore([
      change('D', '100644', '000000', 'gone.txt'),
      change('A', '000000', '100755', 'new.sh'),
      change('M', '100644', '100644', 'changed.txt'),
      change('T', '120000', '100644', 'was-a-link'),
    ])).toEqual({ remove: ['gone.txt'], write: ['new.sh', 'changed.txt', 'was-a-link'] });
  });

  it('leaves submodules and embedded repositories alone', () => {
    expect(planRestore([
      change('D', '160000', '000000', 'vendor/lib'),
      change('A', '000000', '160000', 'vendor/new'),
      change('M', '160000', '160000', 'vendor/moved'),
      change('T', '160000', '100644', 'vendor/now-a-file'),
      change('T', '100644', '160000', 'file-then-repo'),
    ])).toEqual({ remove: ['file-then-repo'], write: [] });
  });

  it('refuses a diff read with rename detection', () => {
    expect(() => planRestore([{ ...change('R', '100644', '100644', 'b'), oldPath: 'a' }])).toThrow(/without rename detection/);
  });
});

describe('ref names', () => {
  it('builds refs and branches from agent and label', () => {
    expect(hangarRef('builder', 'T3')).toBe('refs/hangar/builder/T3');
    expect(hangarBranch('builder', 'T3')).toBe('hangar/builder-T3');
  });

  it.each([
    ['my agent', /holds " "/],
    ['a/b', /holds "\/"/],
    ['.hidden', /starts with/],
    ['x.lock', /ends with/],
    ['a..b', /holds "\.\."/],
    ['', /empty/],
    ['a~1', /holds "~"/],
  ])('%j cannot be a ref component', (name, why) => {
    expect(refComponentProblem(name)).toMatch(why);
    expect(() => hangarRef(name, 'T1')).toThrow(`pilot: agent ${JSON.stringify(name)} cannot be used in a git ref name`);
  });

  it('accepts the names hangar agents use', () => {
    for (const name of ['builder', 'adversary-2', 'claude_1', 'A.b', 'ünï']) expect(refComponentProblem(name)).toBeNull();
  });
});
