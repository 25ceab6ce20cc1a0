/**
 * The real terminal the cockpit runs in: raw input, size changes, and — whatever happens —
 * the terminal given back as it was (main screen, cursor shown, modes off, cooked input):
 * on quit, on detach, on SIGTERM/SIGHUP/SIGINT and on a crash of the cockpit.
 */

import { markKey } from '../base/key-trace.js';

export interface TerminalIo {
  readonly cols: number;
  readonly rows: number;
  write(data: string): void;
  onInput(cb: (chunk: string) => void): void;
  onResize(cb: () => void): void;
  /** restore the terminal (idempotent) */
  restore(): void;
}

export interface TerminalIoOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** written once on start: alternate screen, modes */
  enter: string;
  /** written on restore: the inverse of `enter` */
  leave: string;
  /** called after a signal or crash restored the terminal, with the exit code to use */
  onFatal(code: number, reason: string): void;
}

export function openTerminal(opts: TerminalIoOptions): TerminalIo {
  const { stdin, stdout } = opts;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      stdout.write(opts.leave);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    } catch {
      // the terminal may already be gone (SIGHUP)
    }
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off('uncaughtException', onCrash);
    process.off('exit', restore);
  };
  const handlers: Array<[NodeJS.Signals, () => void]> = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map((signal) => [
    signal,
    () => {
      restore();
      opts.onFatal(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15), signal);
    },
  ]);
  const onCrash = (err: Error) => {
    restore();
    process.stderr.write(`hangar: the cockpit crashed: ${err.stack ?? err}\n`);
    opts.onFatal(1, 'crash');
  };
  for (const [signal, handler] of handlers) process.on(signal, handler);
  process.on('uncaughtException', onCrash);
  process.on('exit', restore);

  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  stdout.write(opts.enter);

  return {
    get cols() {
      return stdout.columns || 80;
    },
    get rows() {
      return stdout.rows || 24;
    },
    write: (data) => {
      if (!restored && data) stdout.write(data);
    },
    onInput: (cb) =>
      stdin.on('data', (chunk: string) => {
        markKey('cockpit.stdin');
        cb(chunk);
      }),
    onResize: (cb) => stdout.on('resize', cb),
    restore,
  };
}
