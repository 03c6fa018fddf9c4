// Herald client runtime: timing utilities with VS Code's async.ts semantics.
// Small classes, exact semantics, disposables. No framework; the DOM only through injectable sources.
// Lifetimes are in lifecycle.ts and events in event.ts; both are exported from here too.

import { toDisposable, type Disposer, type IDisposable } from "./lifecycle";

export * from "./lifecycle";
export * from "./event";

/** Rejection reason of work that was cancelled or disposed before it ran. */
export class CancellationError extends Error {
  constructor() {
    super("Canceled");
    this.name = "CancellationError";
  }
}

export function isCancellationError(error: unknown): error is CancellationError {
  return error instanceof CancellationError;
}

/**
 * Whether the page is visible, and a `visibilitychange` event when that changes: `document` in a
 * browser. Hidden tabs get their timers throttled (to once a minute after a while in Chrome), so
 * what fell due while hidden must run when the tab is shown again.
 */
export interface VisibilitySource {
  readonly visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

/** `document` when there is one. */
export function defaultVisibility(): VisibilitySource | null {
  return (globalThis as { document?: VisibilitySource }).document ?? null;
}

/** Calls `listener` each time `source` becomes visible, until disposed. No source: never. */
export function onBecameVisible(listener: () => void, source: VisibilitySource | null): Disposer {
  if (source === null) {
    return toDisposable(() => undefined);
  }
  const handler = () => {
    if (source.visibilityState === "visible") {
      listener();
    }
  };
  source.addEventListener("visibilitychange", handler);
  return toDisposable(() => source.removeEventListener("visibilitychange", handler));
}

/** Timer functions, injectable so that tests and non-browser hosts can drive time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * One timer slot, as VS Code's `TimeoutTimer`: `set` replaces the pending callback, `cancel` drops
 * it; nothing runs after `dispose()`.
 */
export class TimeoutTimer implements IDisposable {
  private handle: unknown = undefined;
  private disposed = false;

  constructor(private readonly timers: () => Timers = () => defaultTimers) {}

  get isSet(): boolean {
    return this.handle !== undefined;
  }

  set(callback: () => void, ms: number): void {
    this.cancel();
    if (this.disposed) {
      return;
    }
    this.handle = this.timers().setTimeout(() => {
      this.handle = undefined;
      callback();
    }, ms);
  }

  cancel(): void {
    if (this.handle !== undefined) {
      this.timers().clearTimeout(this.handle);
      this.handle = undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}

/**
 * Delays a task until `delay` ms have passed without another trigger (debounce).
 *
 * - The last triggered task wins: earlier ones never run.
 * - Every caller since the last run shares one promise, which settles with the task's result.
 * - `cancel()` rejects that promise with `CancellationError`; a later `trigger()` works again.
 */
export class Delayer<T> implements IDisposable {
  private timeout: unknown = undefined;
  private task: (() => T | Promise<T>) | undefined;
  private pending:
    | { promise: Promise<T>; resolve: (value: T | Promise<T>) => void; reject: (reason: unknown) => void }
    | undefined;

  constructor(
    public defaultDelay: number,
    private readonly timers: Timers = defaultTimers,
  ) {}

  trigger(task: () => T | Promise<T>, delay: number = this.defaultDelay): Promise<T> {
    this.task = task;
    this.clearTimer();
    if (!this.pending) {
      let resolve!: (value: T | Promise<T>) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.pending = { promise, resolve, reject };
    }
    this.timeout = this.timers.setTimeout(() => {
      this.timeout = undefined;
      const pending = this.pending!;
      const run = this.task!;
      this.pending = undefined;
      this.task = undefined;
      try {
        pending.resolve(run());
      } catch (error) {
        pending.reject(error);
      }
    }, delay);
    return this.pending.promise;
  }

  /** Whether a task waits for its timer. */
  isTriggered(): boolean {
    return this.timeout !== undefined;
  }

  /** Drops the waiting task; its callers get `CancellationError`. */
  cancel(): void {
    this.clearTimer();
    this.task = undefined;
    if (this.pending) {
      const pending = this.pending;
      this.pending = undefined;
      pending.reject(new CancellationError());
    }
  }

  dispose(): void {
    this.cancel();
  }

  private clearTimer(): void {
    if (this.timeout !== undefined) {
      this.timers.clearTimeout(this.timeout);
      this.timeout = undefined;
    }
  }
}

/**
 * Runs at most one task at a time; while one runs, only the most recently queued factory runs
 * next, and every caller that queued meanwhile gets that run's result.
 */
export class Throttler implements IDisposable {
  private active: Promise<unknown> | undefined;
  private queued:
    | { factory: () => Promise<unknown>; promise: Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
    | undefined;
  private disposed = false;

  queue<T>(factory: () => Promise<T>): Promise<T> {
    if (this.disposed) {
      return Promise.reject(new CancellationError());
    }
    if (!this.active) {
      return this.run(factory);
    }
    if (this.queued) {
      this.queued.factory = factory; // newest wins
    } else {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.queued = { factory, promise, resolve, reject };
    }
    return this.queued.promise as Promise<T>;
  }

  /** Rejects queued callers with `CancellationError`; the running task finishes on its own. */
  dispose(): void {
    this.disposed = true;
    const queued = this.queued;
    this.queued = undefined;
    queued?.reject(new CancellationError());
  }

  private run<T>(factory: () => Promise<T>): Promise<T> {
    let promise: Promise<T>;
    try {
      promise = Promise.resolve(factory());
    } catch (error) {
      promise = Promise.reject(error);
    }
    this.active = promise;
    const next = () => {
      this.active = undefined;
      const queued = this.queued;
      if (queued && !this.disposed) {
        this.queued = undefined;
        this.run(queued.factory).then(queued.resolve, queued.reject);
      }
    };
    promise.then(next, next);
    return promise;
  }
}

/** A `Delayer` in front of a `Throttler`: debounced, and never two runs at once. */
export class ThrottledDelayer<T> implements IDisposable {
  private readonly delayer: Delayer<T>;
  private readonly throttler = new Throttler();

  constructor(defaultDelay: number, timers: Timers = defaultTimers) {
    this.delayer = new Delayer<T>(defaultDelay, timers);
  }

  trigger(factory: () => Promise<T>, delay?: number): Promise<T> {
    return this.delayer.trigger(() => this.throttler.queue(factory), delay);
  }

  isTriggered(): boolean {
    return this.delayer.isTriggered();
  }

  cancel(): void {
    this.delayer.cancel();
  }

  dispose(): void {
    this.delayer.dispose();
    this.throttler.dispose();
  }
}

/** Runs tasks strictly one after another; a rejected task does not stop the ones after it. */
export class Sequencer {
  private last: Promise<unknown> = Promise.resolve();

  queue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.last.then(task, task);
    this.last = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

export interface RefreshControllerOptions {
  /** Debounce for `notify()`, in ms. Default 0: the next macrotask. */
  delay?: number;
  /** A fetch failed (not called for aborted or superseded fetches). */
  onError?: (error: unknown) => void;
  /** Whether a fetch is in flight. */
  onLoading?: (loading: boolean) => void;
  timers?: Timers;
  /** Where `visibilitychange` comes from. Default `document` when there is one; `null`: none. */
  visibility?: VisibilitySource | null;
}

/**
 * Keeps data fresh when events say it changed: the pattern of the original design.
 *
 * - A burst of `notify()` gives one fetch, `delay` ms after the first of them: a steady stream of
 *   events (progress every 100 ms) cannot postpone the fetch forever, as a pure debounce would.
 * - A `notify()` while a fetch is in flight gives exactly one follow-up fetch after it, however
 *   many arrive, so data fetched before the change is replaced.
 * - `refresh()` fetches now. A response older than an applied newer one is never applied.
 * - A fetch that fell due while the page was hidden (the browser throttles hidden timers) runs as
 *   soon as the page is visible again.
 * - After `dispose()` nothing fetches or applies; the in-flight fetch is aborted.
 */
export class RefreshController<T> implements IDisposable {
  private readonly timers: Timers;
  private readonly delay: number;
  private readonly visible: Disposer;
  private timer: unknown = undefined;
  /** When the scheduled fetch is due (`Date.now()` time). */
  private dueAt = 0;
  private inFlight = 0;
  private dirty = false;
  private requested = 0;
  private applied = 0;
  private disposed = false;
  private readonly aborts = new Set<AbortController>();

  constructor(
    private readonly fetch: (signal: AbortSignal) => Promise<T>,
    private readonly apply: (value: T) => void,
    private readonly options: RefreshControllerOptions = {},
  ) {
    this.timers = options.timers ?? defaultTimers;
    this.delay = options.delay ?? 0;
    this.visible = onBecameVisible(
      () => this.runIfDue(),
      options.visibility !== undefined ? options.visibility : defaultVisibility(),
    );
  }

  /** Something changed: fetch again within `delay` ms, or right after the fetch in flight. */
  notify(): void {
    if (this.disposed) {
      return;
    }
    if (this.inFlight > 0) {
      this.dirty = true;
      return;
    }
    this.schedule();
  }

  /** Fetches now and applies the result unless a newer one was applied first. */
  refresh(): Promise<void> {
    if (this.disposed) {
      return Promise.reject(new CancellationError());
    }
    this.cancelTimer();
    this.dirty = false;
    const id = ++this.requested;
    const abort = new AbortController();
    this.aborts.add(abort);
    this.setInFlight(+1);
    let result: Promise<T>;
    try {
      result = Promise.resolve(this.fetch(abort.signal));
    } catch (error) {
      result = Promise.reject(error);
    }
    return result.then(
      (value) => {
        this.finish(abort);
        if (this.disposed) {
          throw new CancellationError();
        }
        if (id > this.applied) {
          this.applied = id;
          this.apply(value);
        }
        this.followUp();
      },
      (error: unknown) => {
        this.finish(abort);
        if (this.disposed) {
          throw new CancellationError();
        }
        if (id > this.applied && !abort.signal.aborted) {
          this.options.onError?.(error);
        }
        this.followUp();
        throw error;
      },
    );
  }

  /** Whether a debounced fetch is waiting for its timer. */
  isScheduled(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.cancelTimer();
    this.visible.dispose();
    for (const abort of this.aborts) {
      abort.abort();
    }
    this.aborts.clear();
  }

  private finish(abort: AbortController): void {
    this.aborts.delete(abort);
    this.setInFlight(-1);
  }

  private followUp(): void {
    if (this.dirty && this.inFlight === 0 && !this.disposed) {
      this.dirty = false;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      return; // the scheduled fetch will see this change too
    }
    this.dueAt = Date.now() + this.delay;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.refresh().catch(() => undefined); // reported through onError
    }, this.delay);
  }

  /** The page is visible again: a fetch whose timer the browser held back runs now. */
  private runIfDue(): void {
    if (this.timer !== undefined && Date.now() >= this.dueAt) {
      this.refresh().catch(() => undefined); // cancels the timer; reported through onError
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private setInFlight(delta: number): void {
    const before = this.inFlight;
    this.inFlight += delta;
    if ((before === 0) !== (this.inFlight === 0) && !this.disposed) {
      this.options.onLoading?.(this.inFlight > 0);
    }
  }
}
