import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ownerName } from '../../src/fs/owner-name.js';
import {
  checkPrivateDirectory, prepareRealDirectory, preparePrivateDirectory, privateDirectoryProblem,
  realOwnerView, type FileFacts, type OwnerView,
} from '../../src/fs/private-directory.js';

const ME = 31337;
const OTHER = 4242;

function facts(kind: 'dir' | 'link' | 'file' | 'socket', uid: number, mode = 0o700): FileFacts {
  return {
    uid,
    mode,
    isDirectory: () => kind === 'dir',
    isSymbolicLink: () => kind === 'link',
    isSocket: () => kind === 'socket',
  };
}

/** A file system where `files` say who owns what: lstat sees links, stat what they name. */
function view(files: Record<string, { link?: FileFacts; target: FileFacts }>): OwnerView {
  const get = (p: string) => {
    const f = files[p];
    if (!f) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    return f;
  };
  return { uid: ME, lstat: (p) => get(p).link ?? get(p).target, stat: (p) => get(p).target };
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hangar-private-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('privateDirectoryProblem', () => {
  it('takes a directory of ours', () => {
    expect(privateDirectoryProblem('/d', facts('dir', ME), facts('dir', ME), ME)).toBeNull();
  });

  it('refuses a directory another user owns, naming the path and the owner', () => {
    expect(privateDirectoryProblem('/srv/logs', facts('dir', OTHER), facts('dir', OTHER), ME)).toBe(
      `/srv/logs is owned by uid ${OTHER}, not by you (uid ${ME}); refusing to use it (choose another log_dir)`,
    );
  });

  it('takes a symlink of ours to a directory of ours, refuses a link another user planted', () => {
    expect(privateDirectoryProblem('/d', facts('link', ME), facts('dir', ME), ME)).toBeNull();
    expect(privateDirectoryProblem('/d', facts('link', OTHER), facts('dir', ME), ME)).toMatch(/^\/d is a symlink owned by uid 4242, not by you/);
    expect(privateDirectoryProblem('/d', facts('link', ME), facts('dir', OTHER), ME)).toMatch(/^\/d is owned by uid 4242/);
  });

  it('refuses a file; in strict mode (clients) a directory others can write', () => {
    expect(privateDirectoryProblem('/d', facts('file', ME), facts('file', ME), ME)).toBe('/d is not a directory');
    expect(privateDirectoryProblem('/d', facts('dir', ME, 0o777), facts('dir', ME, 0o777), ME)).toBeNull();
    expect(privateDirectoryProblem('/d', facts('dir', ME, 0o770), facts('dir', ME, 0o770), ME, true)).toBe(
      '/d can be written by other users (mode 770); refusing to use it',
    );
    expect(privateDirectoryProblem('/d', facts('dir', ME, 0o755), facts('dir', ME, 0o755), ME, true)).toBeNull();
  });

  it('names the owner by login name where /etc/passwd knows it', () => {
    const dir = tempDir();
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, 'root:x:0:0::/root:/bin/sh\nalice:x:4242:4242::/home/alice:/bin/sh\n');
    expect(ownerName(4242, passwd)).toBe('alice');
    expect(ownerName(7, passwd)).toBeNull();
    expect(ownerName(7, join(dir, 'none'))).toBeNull();
  });
});

describe('preparePrivateDirectory', () => {
  it('makes a missing directory 0700, and tightens one of ours', () => {
    const dir = join(tempDir(), 'a', 'log');
    preparePrivateDirectory(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    preparePrivateDirectory(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses (before any chmod) a directory another user owns, as the injected view says', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const foreign: OwnerView = { ...realOwnerView, uid: realOwnerView.uid + 1 };
    expect(() => preparePrivateDirectory(dir, foreign)).toThrow(`${dir} is owned by uid ${realOwnerView.uid}`);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a directory that really belongs to another user (chown, as root)', () => {
    const dir = join(tempDir(), 'log');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    chownSync(dir, OTHER, OTHER);
    expect(() => preparePrivateDirectory(dir)).toThrow(new RegExp(`^${dir} is owned by uid ${OTHER}.*not by you \\(uid 0 \\(root\\)\\)`));
    expect(statSync(dir).mode & 0o777).toBe(0o777);
  });

  it('follows a symlink the user made to a directory the user owns', () => {
    const base = tempDir();
    mkdirSync(join(base, 'real'));
    symlinkSync(join(base, 'real'), join(base, 'log'));
    preparePrivateDirectory(join(base, 'log'));
    expect(statSync(join(base, 'real')).mode & 0o777).toBe(0o700);
  });

  it('refuses a symlink another user owns, whatever it names (injected owners)', () => {
    const v = view({ '/x/log': { link: facts('link', OTHER), target: facts('dir', ME) } });
    expect(() => checkPrivateDirectory('/x/log', v)).toThrow(/symlink owned by uid 4242/);
  });
});

describe('prepareRealDirectory (state/)', () => {
  it('makes the folder, and refuses a symlink planted in its place', () => {
    const base = tempDir();
    prepareRealDirectory(join(base, 'state'));
    expect(lstatSync(join(base, 'state')).isDirectory()).toBe(true);
    mkdirSync(join(base, 'elsewhere'));
    symlinkSync(join(base, 'elsewhere'), join(base, 'planted'));
    expect(() => prepareRealDirectory(join(base, 'planted'))).toThrow(`${join(base, 'planted')} is a symlink; refusing to write through it`);
  });
});
