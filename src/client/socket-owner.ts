import { dirname } from 'node:path';
import { checkPrivateDirectory, describeOwner, realOwnerView, type OwnerView } from '../fs/private-directory.js';

/**
 * Who listens on a fleet's socket, checked before a client connects and says hello (with
 * prompts to follow): the socket must be one the user owns, in a directory the user owns and
 * nobody else can write — or in a sticky directory (/tmp), where nobody but its owner (and
 * root) can rename or remove it: the socket sshd forwards back to an agent on another machine
 * (`-R /tmp/hangar-….sock:…`) is bound there before anything of hangar runs over there, so
 * it cannot be in a folder made for it. Another user who could rename or plant a socket
 * could otherwise take the client's requests. Node gives a client no peer credentials, so
 * the file's owner is the evidence; the server makes the directory 0700 when it listens.
 * A missing socket throws the lstat's ENOENT, as connecting would ("no server").
 */
/** S_ISVTX: in such a directory only a file's owner (and root) may rename or remove it. */
const STICKY = 0o1000;

export function checkSocketOwner(socketPath: string, view: OwnerView = realOwnerView): void {
  const facts = view.lstat(socketPath);
  if (!facts.isSocket()) throw new Error(`${socketPath} is not a socket; refusing to connect`);
  if (facts.uid !== view.uid) {
    throw new Error(
      `${socketPath} is owned by ${describeOwner(facts.uid)}, not by you (${describeOwner(view.uid)}); refusing to connect: another user may be listening`,
    );
  }
  const dir = dirname(socketPath);
  if ((view.lstat(dir).mode & STICKY) !== 0 && view.lstat(dir).isDirectory()) return;
  try {
    checkPrivateDirectory(dir, view, true);
  } catch (err) {
    throw new Error(`refusing to connect to ${socketPath}: ${(err as Error).message}`);
  }
}
