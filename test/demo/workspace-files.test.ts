import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWorkspacePath, runFileCommand } from '../../src/demo/workspace-files.js';

describe('resolveWorkspacePath', () => {
  it('accepts paths inside the working dir', () => {
    expect(resolveWorkspacePath('/w', 'a/b.txt')).toEqual({ ok: true, absolute: '/w/a/b.txt' });
    expect(resolveWorkspacePath('/w', 'a/../b.txt')).toEqual({ ok: true, absolute: '/w/b.txt' });
  });

  it.each(['/etc/passwd', '~/x', '../x', 'a/../../x', '.', ''])('refuses %j', (path) => {
    expect(resolveWorkspacePath('/w', path).ok).toBe(false);
  });
});

describe('runFileCommand', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'hangar-demo-files-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('writes text and a newline, creating parent dirs, and overwrites', () => {
    expect(runFileCommand(cwd, { kind: 'write', path: 'deep/dir/notes.txt', text: 'hello' })).toBe('Wrote deep/dir/notes.txt (6 bytes)');
    expect(runFileCommand(cwd, { kind: 'write', path: 'deep/dir/notes.txt', text: 'bye' })).toBe('Wrote deep/dir/notes.txt (4 bytes)');
    expect(readFileSync(join(cwd, 'deep/dir/notes.txt'), 'utf8')).toBe('bye\n');
  });

  it('appends lines', () => {
    runFileCommand(cwd, { kind: 'append', path: 'log.txt', text: 'one' });
    expect(runFileCommand(cwd, { kind: 'append', path: 'log.txt', text: 'two' })).toBe('Appended to log.txt (4 bytes, now 8)');
    expect(readFileSync(join(cwd, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  it('removes files and reports errors as replies instead of throwing', () => {
    runFileCommand(cwd, { kind: 'write', path: 'gone.txt', text: '' });
    expect(runFileCommand(cwd, { kind: 'rm', path: 'gone.txt' })).toBe('Removed gone.txt');
    expect(existsSync(join(cwd, 'gone.txt'))).toBe(false);
    expect(runFileCommand(cwd, { kind: 'rm', path: 'gone.txt' })).toBe('Error: cannot rm gone.txt: ENOENT');
    mkdirSync(join(cwd, 'dir'));
    expect(runFileCommand(cwd, { kind: 'rm', path: 'dir' })).toMatch(/^Error: cannot rm dir: /);
    expect(runFileCommand(cwd, { kind: 'write', path: '/tmp/abs.txt', text: 'x' })).toBe('Error: refusing absolute path /tmp/abs.txt');
  });
});
