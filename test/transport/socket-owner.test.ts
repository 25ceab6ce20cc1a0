import { chmodSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSocket } from '../../src/client/socket-client.js';
import { realOwnerView, type OwnerView } from '../../src/fs/private-directory.js';
import { ProtocolServer } from '../../src/server/protocol-server.js';
import { identityFor, makeTempDir, RecordingHandler } from './harness.js';

/** Clients check who listens before they connect: the socket's owner and its directory. */

let tmp: ReturnType<typeof makeTempDir>;
let server: ProtocolServer | null = null;
let socketPath: string;

beforeEach(async () => {
  tmp = makeTempDir();
  socketPath = join(tmp.dir, 'logs', 'hangar.sock');
  server = new ProtocolServer(new RecordingHandler(), identityFor(socketPath));
  await server.listen(socketPath);
});

afterEach(async () => {
  await server?.close();
  tmp.cleanup();
});

/** The real file system, except that `owners` say another uid owns these paths. */
function owned(owners: Record<string, number>): OwnerView {
  const as = (p: string, facts: ReturnType<OwnerView['lstat']>) => (p in owners ? Object.assign(Object.create(facts) as typeof facts, { uid: owners[p] }) : facts);
  return { uid: realOwnerView.uid, lstat: (p) => as(p, lstatSync(p)), stat: (p) => as(p, realOwnerView.stat(p)) };
}

describe('who listens', () => {
  it('connects to a socket of ours in a 0700 directory of ours', async () => {
    const c = await connectSocket(socketPath, { clientName: 'x' });
    expect(await c.call('echo')).toMatchObject({ verb: 'echo' });
    c.close();
  });

  it('refuses a socket another user owns, naming the socket and the owner', async () => {
    const view = owned({ [socketPath]: 4242 });
    await expect(connectSocket(socketPath, { clientName: 'x', ownerView: view })).rejects.toThrow(
      `${socketPath} is owned by uid 4242, not by you (uid ${realOwnerView.uid}`,
    );
    expect(server!.connectionCount).toBe(0);
  });

  it('refuses a socket in a directory another user owns', async () => {
    const view = owned({ [join(tmp.dir, 'logs')]: 4242 });
    await expect(connectSocket(socketPath, { clientName: 'x', ownerView: view })).rejects.toThrow(
      `refusing to connect to ${socketPath}: ${join(tmp.dir, 'logs')} is owned by uid 4242`,
    );
    expect(server!.connectionCount).toBe(0);
  });

  it('refuses a socket in a directory other users can write (the server made it 0700; someone changed that)', async () => {
    chmodSync(join(tmp.dir, 'logs'), 0o773);
    await expect(connectSocket(socketPath, { clientName: 'x' })).rejects.toThrow(
      `refusing to connect to ${socketPath}: ${join(tmp.dir, 'logs')} can be written by other users (mode 773); refusing to use it`,
    );
    expect(server!.connectionCount).toBe(0);
  });

  it('refuses what is not a socket; a missing socket is still "no server" (ENOENT)', async () => {
    const dir = join(tmp.dir, 'other');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'hangar.sock'), '');
    await expect(connectSocket(join(dir, 'hangar.sock'), { clientName: 'x' })).rejects.toThrow(`${join(dir, 'hangar.sock')} is not a socket; refusing to connect`);
    await expect(connectSocket(join(dir, 'none.sock'), { clientName: 'x' })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('connects through a socket of ours in a sticky directory (/tmp: where ssh forwards it back from another machine); one another user owns there is still refused', async () => {
    const sticky = join(tmp.dir, 'sticky');
    mkdirSync(sticky);
    chmodSync(sticky, 0o1777);
    const there = join(sticky, 'hangar-x.sock');
    const other = new ProtocolServer(new RecordingHandler(), identityFor(there));
    await other.listen(there);
    try {
      chmodSync(sticky, 0o1777); // listen makes the folder 0700, as the server's own; sshd does not
      const c = await connectSocket(there, { clientName: 'x' });
      expect(await c.call('echo')).toMatchObject({ verb: 'echo' });
      c.close();
      // the same folder without its sticky bit: anyone could rename our socket away and plant theirs
      chmodSync(sticky, 0o777);
      await expect(connectSocket(there, { clientName: 'x' })).rejects.toThrow('can be written by other users (mode 777)');
      chmodSync(sticky, 0o1777);
      await expect(connectSocket(there, { clientName: 'x', ownerView: owned({ [there]: 4242 }) })).rejects.toThrow(`${there} is owned by uid 4242`);
    } finally {
      await other.close();
    }
  });
});
