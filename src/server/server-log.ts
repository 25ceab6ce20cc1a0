/**
 * `<log_dir>/server.log` (fs/fleet-files.ts `serverLogPath`), capped and rotated like the other logs. The CLI that starts the
 * server points the process's stdout and stderr at server.log (cli/ensure-server.ts) so that
 * whatever Node prints before any of hangar runs — a crash at load, a bad flag — is there for
 * "the fleet server did not start". From here on everything the process writes through
 * process.stdout/stderr (console.*, warnings) goes through the rotating file instead; only what
 * Node itself writes to fd 2 at a fatal error still goes to that first file.
 */
import { RotatingFile, type LogCap } from '../fs/rotating-file.js';

/** Send this process's stdout and stderr writes to a rotating `path`. */
export function captureServerLog(path: string, cap: LogCap): RotatingFile {
  const file = new RotatingFile(path, cap);
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | ((err?: Error | null) => void), done?: (err?: Error | null) => void): boolean => {
      const encoding = typeof encodingOrDone === 'string' ? encodingOrDone : 'utf8';
      file.write(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof stream.write;
  }
  return file;
}
