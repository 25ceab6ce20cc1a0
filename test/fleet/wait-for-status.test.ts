import { describe, expect, it } from 'vitest';
import { waitForStatus, type StatusSource } from '../../src/fleet/wait-for-status.js';
import type { SessionStatus } from '../../src/protocol/messages.js';

/** A status source that counts its listeners: a wait that ended must have left none. */
class CountingSource implements StatusSource {
  status: SessionStatus = 'working';
  readonly listeners = new Set<(s: SessionStatus, prev: SessionStatus) => void>();
  onStatus(cb: (s: SessionStatus, prev: SessionStatus) => void): { dispose(): void } {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }
  set(next: SessionStatus): void {
    const prev = this.status;
    this.status = next;
    for (const cb of [...this.listeners]) cb(next, prev);
  }
}

describe('waitForStatus', () => {
  it('resolves with the first accepted status and leaves no listener', async () => {
    const source = new CountingSource();
    const waiting = waitForStatus(source, (s) => s === 'idle', 600_000);
    source.set('needs-input');
    source.set('idle');
    expect(await waiting).toBe('idle');
    expect(source.listeners.size).toBe(0);
  });

  it('ends with null, leaving no listener behind, when whoever asked has gone (the signal aborts)', async () => {
    const source = new CountingSource();
    const gone = new AbortController();
    const waiting = waitForStatus(source, (s) => s === 'idle', 600_000, gone.signal);
    expect(source.listeners.size).toBe(1);
    gone.abort();
    expect(await waiting).toBeNull();
    expect(source.listeners.size).toBe(0);
    source.set('idle'); // too late: nothing listens
  });

  it('does not start waiting for a client that has already gone', async () => {
    const source = new CountingSource();
    const gone = new AbortController();
    gone.abort();
    expect(await waitForStatus(source, (s) => s === 'idle', 600_000, gone.signal)).toBeNull();
    expect(source.listeners.size).toBe(0);
  });
});
