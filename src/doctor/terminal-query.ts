/**
 * Asking the terminal whether it has DEC 2026 synchronized output: DECRQM `CSI ? 2026 $ p`,
 * followed by DA1 `CSI c`, which every terminal answers — so a terminal that ignores DECRQM
 * is known as soon as its DA1 answer arrives, and the time bound is only for one that answers
 * nothing at all.
 */
import type { TerminalAnswer } from './facts.js';

export const SYNC_QUERY = '\x1b[?2026$p\x1b[c';

/** How long a terminal that answers nothing is waited for. */
const NO_ANSWER_MS = 1000;

/**
 * What the terminal's input says: DECRQM's answer `CSI ? 2026 ; Ps $ y` (Ps 1–4: the mode is
 * known; 0: not recognized), read once DA1's `CSI ? … c` has come — it is answered last, so
 * nothing of the answers is left for the shell to read after doctor exits; DA1 alone means
 * DECRQM was not understood. null: keep reading. `timedOut`: no DA1 will come; take what came.
 */
export function syncAnswer(input: string, timedOut = false): TerminalAnswer | null {
  const mode = /\x1b\[\?2026;(\d+)\$y/.exec(input);
  const verdict: TerminalAnswer = mode ? (Number(mode[1]) >= 1 && Number(mode[1]) <= 4 ? 'supported' : 'unsupported') : 'unsupported';
  if (/\x1b\[\?[\d;]*c/.test(input)) return verdict;
  if (timedOut) return mode ? verdict : 'unknown';
  return null;
}

interface Tty {
  isTTY?: boolean;
}
type TtyIn = NodeJS.ReadableStream & Tty & { setRawMode?(raw: boolean): unknown; isRaw?: boolean };
type TtyOut = NodeJS.WritableStream & Tty;

/** The terminal's answer to SYNC_QUERY; 'unknown' when it gave none within NO_ANSWER_MS. */
export function askSynchronizedOutput(stdin: TtyIn, stdout: TtyOut): Promise<TerminalAnswer> {
  return new Promise((resolve) => {
    const wasRaw = stdin.isRaw === true;
    let input = '';
    const finish = (answer: TerminalAnswer) => {
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      input += chunk.toString();
      const answer = syncAnswer(input);
      if (answer) finish(answer);
    };
    const timer = setTimeout(() => finish(syncAnswer(input, true)!), NO_ANSWER_MS);
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
    stdout.write(SYNC_QUERY);
  });
}
