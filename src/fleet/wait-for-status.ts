import type { SessionStatus } from '../protocol/messages.js';

export interface StatusSource {
  readonly status: SessionStatus;
  onStatus(cb: (status: SessionStatus, prev: SessionStatus) => void): { dispose(): void };
}

/**
 * Resolve with the first status that `accept` takes — the current one included — or null when
 * `timeoutMs` passes first. Event-driven: no polling.
 */
export function waitForStatus(
  source: StatusSource,
  accept: (status: SessionStatus) => boolean,
  timeoutMs: number,
): Promise<SessionStatus | null> {
  if (accept(source.status)) return Promise.resolve(source.status);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(null);
    }, timeoutMs);
    const sub = source.onStatus((status) => {
      if (!accept(status)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(status);
    });
  });
}
