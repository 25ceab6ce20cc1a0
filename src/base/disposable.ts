/**
 * Ownership of releasable things (xterm.js Lifecycle style): whatever creates a pty, timer,
 * stream or listener registers its release with its owner, and the owner releases them all
 * in one place.
 */

export interface Disposable {
  dispose(): void;
}

export function toDisposable(release: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      release();
    },
  };
}

/** Collects disposables and releases them together, newest first. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Registers an item; if the store is already disposed the item is released at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const item of items) item.dispose();
  }
}

/**
 * Holds at most one disposable (a timer, a subscription to the current session): setting a
 * new value releases the old one, and disposing releases the one held (xterm.js's MutableDisposable).
 */
export class MutableDisposable<T extends Disposable = Disposable> implements Disposable {
  private current: T | undefined;

  get value(): T | undefined {
    return this.current;
  }

  set value(next: T | undefined) {
    if (next === this.current) return;
    const old = this.current;
    this.current = next;
    old?.dispose();
  }

  dispose(): void {
    this.value = undefined;
  }
}
