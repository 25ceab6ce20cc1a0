import { createReadStream, existsSync, mkdirSync, statSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The size of a file, 0 when it does not exist yet. */
export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** Read bytes [from, to) of a file as text, handing each chunk to `out`. */
export function readRange(path: string, from: number, to: number, out: (text: string) => void): Promise<void> {
  if (to <= from) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { start: from, end: to - 1, encoding: 'utf8' });
    stream.on('data', (chunk) => out(chunk as string));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
}

/**
 * Follow a file from `offset` as `tail -f` does: whatever is appended is handed to `out`, in
 * order; a truncated or replaced file is read again from its start. Works before the file
 * exists. Resolves on SIGINT.
 */
export function followFile(path: string, offset: number, out: (text: string) => void): Promise<void> {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return new Promise((resolve) => {
    let busy = Promise.resolve();
    const watcher = watch(dir, (_event, file) => {
      if (file && file.toString() !== basename(path)) return;
      busy = busy.then(async () => {
        const now = fileSize(path);
        if (now < offset) offset = 0;
        await readRange(path, offset, now, out);
        offset = now;
      });
    });
    process.once('SIGINT', () => {
      watcher.close();
      resolve();
    });
  });
}
