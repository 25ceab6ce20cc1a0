/**
 * A typed event source (xterm.js style): the owner keeps the Emitter private and exposes
 * `event` so listeners can subscribe and get a Disposable back.
 */
import type { Disposable } from './disposable.js';

export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<A extends unknown[]> implements Disposable {
  private listeners = new Set<Listener<A>>();

  /** Subscribe; dispose the result to unsubscribe. */
  readonly event = (listener: Listener<A>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(...args: A): void {
    for (const listener of [...this.listeners]) listener(...args);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
