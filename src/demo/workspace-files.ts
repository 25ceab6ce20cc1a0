import { appendFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export type ResolvedPath = { ok: true; absolute: string } | { ok: false; error: string };

/**
 * Where a path given in a prompt points, refusing anything outside the working dir.
 * Pure: looks at the strings only (a symlink inside cwd is trusted, as an agent would trust it).
 */
export function resolveWorkspacePath(cwd: string, path: string): ResolvedPath {
  if (path === '') return { ok: false, error: 'empty path' };
  if (isAbsolute(path) || path.startsWith('~')) return { ok: false, error: `refusing absolute path ${path}` };
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { ok: false, error: `refusing path outside the working dir: ${path}` };
  }
  return { ok: true, absolute };
}

export type FileCommand =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'append'; path: string; text: string }
  | { kind: 'rm'; path: string };

/** Perform a file command in cwd and say what happened. Never throws: failures become the reply. */
export function runFileCommand(cwd: string, command: FileCommand): string {
  const target = resolveWorkspacePath(cwd, command.path);
  if (!target.ok) return `Error: ${target.error}`;
  try {
    switch (command.kind) {
      case 'write': {
        const data = Buffer.from(`${command.text}\n`);
        mkdirSync(dirname(target.absolute), { recursive: true });
        writeFileSync(target.absolute, data);
        return `Wrote ${command.path} (${data.length} bytes)`;
      }
      case 'append': {
        const data = Buffer.from(`${command.text}\n`);
        mkdirSync(dirname(target.absolute), { recursive: true });
        appendFileSync(target.absolute, data);
        return `Appended to ${command.path} (${data.length} bytes, now ${statSync(target.absolute).size})`;
      }
      case 'rm': {
        // rmSync without recursive refuses directories, which is what an agent deleting "a file" should do.
        rmSync(target.absolute);
        return `Removed ${command.path}`;
      }
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `Error: cannot ${command.kind} ${command.path}: ${e.code ?? e.message}`;
  }
}
