import { chmodSync, lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { ownerName } from './owner-name.js';

/**
 * hangar's log_dir holds the socket, every agent's output and the state the server trusts, so
 * it must be the user's own: a directory another user owns (or can write into) lets them plant
 * a symlink where hangar writes, or a socket where clients connect. A symlink as log_dir is
 * taken only when the link itself and the directory it names are both the user's — so a
 * `.hangar -> /fast/disk/hangar` the user made works, and a link someone else planted does not.
 */

/** What the checks read of a file: a `Stats` in real use, a plain object in unit tests. */
export type FileFacts = Pick<Stats, 'uid' | 'mode' | 'isDirectory' | 'isSymbolicLink' | 'isSocket'>;

/** The file system as the checks see it (injected by unit tests to play another owner). */
export interface OwnerView {
  /** the current user's uid */
  uid: number;
  lstat(path: string): FileFacts;
  stat(path: string): FileFacts;
}

export const realOwnerView: OwnerView = {
  uid: process.getuid?.() ?? 0,
  lstat: (p) => lstatSync(p),
  stat: (p) => statSync(p),
};

/** `uid 1001 (alice)` — who owns a file, for messages. */
export function describeOwner(uid: number): string {
  const name = ownerName(uid);
  return name ? `uid ${uid} (${name})` : `uid ${uid}`;
}

/**
 * Why `dir` cannot be hangar's private directory, or null when it can. `link` is its lstat,
 * `target` its stat (the same file unless `dir` is a symlink). Group or other write access
 * is judged only when `strictMode` (clients: the server has made it 0700 already).
 */
export function privateDirectoryProblem(dir: string, link: FileFacts, target: FileFacts, uid: number, strictMode = false): string | null {
  if (link.isSymbolicLink() && link.uid !== uid) {
    return `${dir} is a symlink owned by ${describeOwner(link.uid)}, not by you (${describeOwner(uid)}); refusing to use it`;
  }
  if (!target.isDirectory()) return `${dir} is not a directory`;
  if (target.uid !== uid) {
    return `${dir} is owned by ${describeOwner(target.uid)}, not by you (${describeOwner(uid)}); refusing to use it (choose another log_dir)`;
  }
  if (strictMode && (target.mode & 0o022) !== 0) {
    return `${dir} can be written by other users (mode ${(target.mode & 0o777).toString(8)}); refusing to use it`;
  }
  return null;
}

/** Throws when `dir` exists and is not the user's own directory (see privateDirectoryProblem). */
export function checkPrivateDirectory(dir: string, view: OwnerView = realOwnerView, strictMode = false): void {
  const link = view.lstat(dir);
  const target = link.isSymbolicLink() ? view.stat(dir) : link;
  const problem = privateDirectoryProblem(dir, link, target, view.uid, strictMode);
  if (problem) throw new Error(problem);
}

/**
 * Makes `dir` (and its parents) when missing, refuses it when it is not the user's own, and
 * makes it 0700 — mkdir's mode is filtered by the umask and does nothing for a directory that
 * exists. Only the owner can chmod, so the check comes first and the error says who owns it.
 */
export function preparePrivateDirectory(dir: string, view: OwnerView = realOwnerView): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkPrivateDirectory(dir, view);
  if ((view.stat(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Makes `dir` when missing and refuses it when it is a symlink or not a directory: for the
 * folders hangar makes itself inside log_dir (`state/`), where a link can only have been
 * planted (a repository that ships `.hangar/state -> ~/.ssh`, say) and must not be followed.
 */
export function prepareRealDirectory(dir: string, view: OwnerView = realOwnerView): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const facts = view.lstat(dir);
  if (facts.isSymbolicLink()) throw new Error(`${dir} is a symlink; refusing to write through it (hangar makes this folder itself: remove the link)`);
  if (!facts.isDirectory()) throw new Error(`${dir} is not a directory`);
  if (facts.uid !== view.uid) throw new Error(`${dir} is owned by ${describeOwner(facts.uid)}, not by you (${describeOwner(view.uid)}); refusing to use it`);
}
