import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { readLockfile, writeLockfile } from '../../src/server/lockfile.js';
import { identityFor, makeTempDir } from './harness.js';

describe('server lockfile', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  it('round-trips the server identity', () => {
    const path = join(tmp.dir, 'state', 'server.pid');
    const identity = { ...identityFor('/run/hangar.sock'), pid: 1234 };
    writeLockfile(path, identity);
    expect(readLockfile(path)).toEqual(identity);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('overwrites a previous server record', () => {
    const path = join(tmp.dir, 'server.pid');
    writeLockfile(path, { ...identityFor('/a.sock'), pid: 1 });
    writeLockfile(path, { ...identityFor('/b.sock'), pid: 2 });
    expect(readLockfile(path)).toMatchObject({ pid: 2, socket: '/b.sock' });
  });

  it('returns null when there is no lockfile', () => {
    expect(readLockfile(join(tmp.dir, 'server.pid'))).toBeNull();
  });

  it('names the file when it is not a server record', () => {
    const path = join(tmp.dir, 'server.pid');
    writeFileSync(path, '12345\n');
    expect(() => readLockfile(path)).toThrow(path);
    writeFileSync(path, '{"pid": 1}');
    expect(() => readLockfile(path)).toThrow(/missing fields/);
  });
});
