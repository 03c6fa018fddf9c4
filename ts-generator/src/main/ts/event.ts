// Herald client runtime: typed events, as VS Code's event.ts.

import { toDisposable, type Disposer, type IDisposable } from "./lifecycle";

/**
 * A typed event, as VS Code's `Emitter`: `event(listener)` subscribes and returns the unsubscribe,
 * `fire(value)` calls the listeners subscribed when it began, except one unsubscribed before its
 * turn (a component that unmounts while an event is dispatched hears no more); one subscribed
 * during a fire hears the next. What a listener throws goes to `onListenerError` and the others
 * still run. After `dispose()` it has no listeners and `event` subscribes nothing.
 */
export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>();
  private readonly onListenerError: (error: unknown) => void;
  private readonly onDidRemoveLastListener: (() => void) | undefined;
  private disposed = false;

  /** Takes its options, or just where listener errors go (default `console.warn`). */
  constructor(options: EmitterOptions | ((error: unknown) => void) = {}) {
    const resolved = typeof options === "function" ? { onListenerError: options } : options;
    this.onListenerError = resolved.onListenerError ?? reportListenerError;
    this.onDidRemoveLastListener = resolved.onDidRemoveLastListener;
  }

  readonly event = (listener: (value: T) => void): Disposer => {
    if (this.disposed) {
      return toDisposable(() => undefined);
    }
    // A wrapper per subscription, so that the same function subscribed twice is called twice.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => {
      if (this.listeners.delete(entry) && this.listeners.size === 0 && !this.disposed) {
        this.onDidRemoveLastListener?.();
      }
    });
  };

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) {
        continue; // unsubscribed by an earlier listener of this fire
      }
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

/** What an `Emitter` does with a listener's exception, and when its last listener goes (VS Code's `EmitterOptions`). */
export interface EmitterOptions {
  /** Where a listener's exception goes; default `console.warn`. */
  onListenerError?: (error: unknown) => void;
  /** Called when an unsubscribe leaves it without listeners (not on `dispose()`). */
  onDidRemoveLastListener?: () => void;
}

function reportListenerError(error: unknown): void {
  console.warn("[herald] listener failed:", error);
}
