// Herald client runtime: lifetimes, as VS Code's lifecycle.ts. Timers, sockets and listeners are
// disposables; a store disposes them together.

/** A resource with a lifetime; disposing twice is harmless. */
export interface IDisposable {
  dispose(): void;
}

/** A disposable that can also be called, so it fits React's effect cleanups: `return client.on(...)`. */
export type Disposer = IDisposable & (() => void);

/** Wraps `fn` so that it runs at most once, however often it is called or disposed. */
export function toDisposable(fn: () => void): Disposer {
  let done = false;
  const dispose = (() => {
    if (!done) {
      done = true;
      fn();
    }
  }) as Disposer;
  dispose.dispose = dispose;
  return dispose;
}

/** Disposables disposed together; one added after `dispose()` is disposed at once. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  add<T extends IDisposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.add(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    const items = [...this.items];
    this.items.clear();
    items.forEach((item) => item.dispose());
  }
}
