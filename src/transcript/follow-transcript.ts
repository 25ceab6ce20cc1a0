/**
 * `hangar transcript -f`: a session file followed as it grows. What is written is read when the
 * file's folder says it changed (fs.watch) and at least every LOOK_MS; the file to follow is
 * asked for again at every look, so a conversation that moves to another file (the agent
 * restarted into a new conversation, the file found only once the CLI wrote it) is followed
 * there. A file replaced or cut short under its name is read again from its start
 * (TranscriptFile's `file_reset`). Resolves on SIGINT or when `stop` aborts.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import type { TranscriptEntry } from './transcript-entry.js';
import { TranscriptFile } from './transcript-file.js';

/** How often the file is looked for and read when no change event came. */
const LOOK_MS = 1000;

export interface FollowHooks {
  /** the session file to follow now; null while there is none */
  locate(): Promise<string | null>;
  /** entries read; `from` is set when following moved to another file (its path) */
  emit(entries: TranscriptEntry[], from?: string): void;
}

export function followTranscript(file: TranscriptFile | null, hooks: FollowHooks, stop?: AbortSignal): Promise<void> {
  let current = file;
  let watcher: FSWatcher | null = null;
  let ended = false;
  let looking = false;

  const read = () => {
    if (ended || !current) return;
    const entries = current.read();
    if (entries.length > 0) hooks.emit(entries);
  };

  const watchFolder = () => {
    watcher?.close();
    watcher = null;
    if (!current) return;
    try {
      watcher = watch(dirname(current.path), () => read());
    } catch {
      // the folder is gone: the next look finds the file again
    }
  };

  const look = async () => {
    if (ended || looking) return;
    looking = true;
    try {
      const path = await hooks.locate().catch(() => current?.path ?? null);
      if (ended) return;
      if (path && path !== current?.path) {
        current = new TranscriptFile(path);
        watchFolder();
        const entries = current.read();
        hooks.emit(entries, path);
      } else read();
    } finally {
      looking = false;
    }
  };

  return new Promise((resolve) => {
    const timer = setInterval(() => void look(), LOOK_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      watcher?.close();
      process.off('SIGINT', end);
      stop?.removeEventListener('abort', end);
      resolve();
    };
    process.once('SIGINT', end);
    stop?.addEventListener('abort', end);
    watchFolder();
    read(); // anything written between the caller's read and the watch
  });
}
