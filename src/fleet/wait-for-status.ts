import type { SessionStatus } from '../protocol/messages.js';

export interface StatusSource {
  readonly status: SessionStatus;
  onStatus(cb: (status: SessionStatus, prev: SessionStatus) => void): { dispose(): void };
}

/**
 * Resolve with the first status that `accept` takes — the current one included — or null when
 * `timeoutMs` passes first, or `signal` aborts (whoever asked has gone). Event-driven: no polling.
 */
export function waitForStatus(
  source: StatusSource,
  accept: (status: SessionStatus) => boolean,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<SessionStatus | null> {
  if (accept(source.status)) return Promise.resolve(source.status);
  if (signal?.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const finish = (status: SessionStatus | null) => {
      clearTimeout(timer);
      sub.dispose();
      signal?.removeEventListener('abort', abandon);
      resolve(status);
    };
    const abandon = () => finish(null);
    const timer = setTimeout(abandon, timeoutMs);
    const sub = source.onStatus((status) => {
      if (accept(status)) finish(status);
    });
    signal?.addEventListener('abort', abandon, { once: true });
  });
}
