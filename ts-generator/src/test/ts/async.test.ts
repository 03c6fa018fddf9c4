import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CancellationError,
  Delayer,
  DisposableStore,
  Emitter,
  TimeoutTimer,
  RefreshController,
  Sequencer,
  ThrottledDelayer,
  Throttler,
  isCancellationError,
  toDisposable,
} from "../../main/ts/async";
import { FakePage, HeldTimers } from "./fake_page";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A promise with its resolve and reject, for fetches the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("toDisposable", () => {
  it("runs once however often it is called or disposed", () => {
    const fn = vi.fn();
    const disposer = toDisposable(fn);
    disposer();
    disposer.dispose();
    disposer();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("Delayer", () => {
  it("runs three rapid triggers once, and all three promises get its value", async () => {
    const delayer = new Delayer<number>(100);
    const task = vi.fn(() => 42);
    const promises = [delayer.trigger(task), delayer.trigger(task), delayer.trigger(task)];
    expect(delayer.isTriggered()).toBe(true);

    await vi.advanceTimersByTimeAsync(99);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    expect(task).toHaveBeenCalledTimes(1);
    await expect(Promise.all(promises)).resolves.toEqual([42, 42, 42]);
    expect(delayer.isTriggered()).toBe(false);
  });

  it("runs the last triggered task only", async () => {
    const delayer = new Delayer<string>(50);
    const first = vi.fn(() => "first");
    const last = vi.fn(() => "last");
    const a = delayer.trigger(first);
    const b = delayer.trigger(last);
    await vi.advanceTimersByTimeAsync(50);

    expect(first).not.toHaveBeenCalled();
    await expect(a).resolves.toBe("last");
    await expect(b).resolves.toBe("last");
  });

  it("restarts the timer on every trigger (debounce)", async () => {
    const delayer = new Delayer<void>(100);
    const task = vi.fn();
    delayer.trigger(task);
    await vi.advanceTimersByTimeAsync(80);
    delayer.trigger(task);
    await vi.advanceTimersByTimeAsync(80);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("cancel() rejects with CancellationError, and a later trigger() works", async () => {
    const delayer = new Delayer<number>(10);
    const task = vi.fn(() => 1);
    const cancelled = delayer.trigger(task);
    delayer.cancel();

    await expect(cancelled).rejects.toBeInstanceOf(CancellationError);
    expect(delayer.isTriggered()).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(task).not.toHaveBeenCalled();

    const again = delayer.trigger(() => 2);
    await vi.advanceTimersByTimeAsync(10);
    await expect(again).resolves.toBe(2);
  });

  it("passes a task's failure to its callers", async () => {
    const delayer = new Delayer<number>(0);
    const result = delayer.trigger(() => {
      throw new Error("boom");
    });
    const assertion = expect(result).rejects.toThrow("boom");
    await vi.advanceTimersByTimeAsync(0);
    await assertion;
  });

  it("dispose() before and after triggering leaves nothing running", async () => {
    const delayer = new Delayer<void>(10);
    const task = vi.fn();
    const pending = delayer.trigger(task);
    delayer.dispose();
    await expect(pending).rejects.toSatisfy(isCancellationError);
    delayer.dispose();
    await vi.advanceTimersByTimeAsync(50);
    expect(task).not.toHaveBeenCalled();
  });
});

describe("Throttler", () => {
  it("runs five synchronous queue() calls in two runs; the waiters get the second run's result", async () => {
    const throttler = new Throttler();
    let runs = 0;
    const factory = (label: string) => () => {
      runs++;
      return Promise.resolve(label);
    };
    const results = Promise.all([
      throttler.queue(factory("1")),
      throttler.queue(factory("2")),
      throttler.queue(factory("3")),
      throttler.queue(factory("4")),
      throttler.queue(factory("5")),
    ]);

    await expect(results).resolves.toEqual(["1", "5", "5", "5", "5"]);
    expect(runs).toBe(2);
  });

  it("never runs two tasks at once", async () => {
    const throttler = new Throttler();
    let running = 0;
    let maxRunning = 0;
    const factory = () => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
    };
    const all = Promise.all([throttler.queue(factory()), throttler.queue(factory()), throttler.queue(factory())]);
    await vi.advanceTimersByTimeAsync(50);
    await all;
    expect(maxRunning).toBe(1);
  });

  it("dispose() rejects queued callers and new work with CancellationError", async () => {
    const throttler = new Throttler();
    const first = deferred<number>();
    const running = throttler.queue(() => first.promise);
    const queued = throttler.queue(() => Promise.resolve(2));
    throttler.dispose();
    first.resolve(1);

    await expect(running).resolves.toBe(1);
    await expect(queued).rejects.toBeInstanceOf(CancellationError);
    await expect(throttler.queue(() => Promise.resolve(3))).rejects.toBeInstanceOf(CancellationError);
  });

  it("a failing task does not block the next", async () => {
    const throttler = new Throttler();
    const failing = throttler.queue(() => Promise.reject(new Error("no")));
    const next = throttler.queue(() => Promise.resolve("yes"));
    await expect(failing).rejects.toThrow("no");
    await expect(next).resolves.toBe("yes");
  });
});

describe("ThrottledDelayer", () => {
  it("debounces, then throttles", async () => {
    const throttled = new ThrottledDelayer<number>(100);
    const factory = vi.fn(() => Promise.resolve(7));
    const a = throttled.trigger(factory);
    const b = throttled.trigger(factory);
    expect(throttled.isTriggered()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("cancel() rejects the waiting callers", async () => {
    const throttled = new ThrottledDelayer<number>(100);
    const waiting = throttled.trigger(() => Promise.resolve(1));
    throttled.cancel();
    await expect(waiting).rejects.toBeInstanceOf(CancellationError);
  });
});

describe("Sequencer", () => {
  it("runs tasks one after another, in order, even after a rejection", async () => {
    const sequencer = new Sequencer();
    const order: string[] = [];
    const slow = sequencer.queue(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push("slow");
      return "slow";
    });
    const failing = sequencer.queue(async () => {
      order.push("failing");
      throw new Error("fails");
    });
    const fast = sequencer.queue(async () => {
      order.push("fast");
      return "fast";
    });
    const failingSettled = failing.catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(30);

    await expect(slow).resolves.toBe("slow");
    await expect(failingSettled).resolves.toBe("fails");
    await expect(fast).resolves.toBe("fast");
    expect(order).toEqual(["slow", "failing", "fast"]);
  });
});

describe("Emitter", () => {
  it("calls every listener; one that throws is reported and the others still run", () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.event((n) => seen.push(`a${n}`));
    emitter.event(() => {
      throw new Error("boom");
    });
    emitter.event((n) => seen.push(`c${n}`));
    emitter.fire(1);
    expect(seen).toEqual(["a1", "c1"]);
    expect(errors).toHaveLength(1);
  });

  it("tells when an unsubscribe leaves it without listeners, once per time, never on dispose", () => {
    let lastGone = 0;
    const emitter = new Emitter<number>({ onDidRemoveLastListener: () => lastGone++ });
    const a = emitter.event(() => undefined);
    const b = emitter.event(() => undefined);
    a();
    expect(lastGone).toBe(0);
    b();
    b(); // idempotent
    expect(lastGone).toBe(1);
    const c = emitter.event(() => undefined);
    c();
    expect(lastGone).toBe(2);
    emitter.event(() => undefined);
    emitter.dispose();
    expect(lastGone).toBe(2);
  });

  it("skips a listener removed during a fire and calls one added during it only next time", () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    let second: () => void = () => undefined;
    emitter.event(() => {
      seen.push("first");
      second();
      emitter.event(() => seen.push("late"));
    });
    second = emitter.event(() => seen.push("second"));
    emitter.fire(1);
    expect(seen).toEqual(["first"]);
    emitter.fire(2);
    expect(seen).toEqual(["first", "first", "late"]);
  });

  it("calls a function subscribed twice twice, and each unsubscribe removes one", () => {
    const emitter = new Emitter<number>();
    let calls = 0;
    const listener = () => calls++;
    const one = emitter.event(listener);
    emitter.event(listener);
    emitter.fire(0);
    one();
    emitter.fire(0);
    expect(calls).toBe(3);
  });

  it("has no listeners after dispose() and subscribes nothing later", () => {
    const emitter = new Emitter<number>();
    let calls = 0;
    emitter.event(() => calls++);
    emitter.dispose();
    emitter.event(() => calls++);
    emitter.fire(0);
    expect(calls).toBe(0);
    expect(emitter.hasListeners).toBe(false);
  });
});

describe("DisposableStore", () => {
  it("disposes everything once, and what is added afterwards at once", () => {
    const store = new DisposableStore();
    let disposed = 0;
    store.add(toDisposable(() => disposed++));
    store.add(toDisposable(() => disposed++));
    store.dispose();
    store.dispose();
    expect(disposed).toBe(2);
    store.add(toDisposable(() => disposed++));
    expect(disposed).toBe(3);
  });
});

describe("TimeoutTimer", () => {
  it("runs the last callback set, not a cancelled one, and nothing after dispose()", () => {
    const timer = new TimeoutTimer();
    const runs: string[] = [];
    timer.set(() => runs.push("first"), 100);
    timer.set(() => runs.push("second"), 100);
    expect(timer.isSet).toBe(true);
    vi.advanceTimersByTime(100);
    expect(runs).toEqual(["second"]);
    expect(timer.isSet).toBe(false);

    timer.set(() => runs.push("cancelled"), 100);
    timer.cancel();
    timer.set(() => runs.push("disposed"), 100);
    timer.dispose();
    timer.set(() => runs.push("after"), 100);
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual(["second"]);
  });
});

describe("RefreshController in a tab that is hidden and shown again", () => {
  function setup(page: FakePage, timers: HeldTimers) {
    const fetches: string[] = [];
    const controller = new RefreshController<string>(
      () => {
        fetches.push("fetch");
        return Promise.resolve("data");
      },
      () => undefined,
      { delay: 100, timers, visibility: page },
    );
    return { controller, fetches };
  }

  it("runs a fetch that fell due while hidden as soon as the page is visible, once", async () => {
    const page = new FakePage();
    const timers = new HeldTimers();
    const { controller, fetches } = setup(page, timers);
    page.hide();
    controller.notify();
    vi.advanceTimersByTime(60_000); // the clock moves on; the browser holds the hidden tab's timer

    page.show();
    expect(fetches).toHaveLength(1);
    expect(timers.pending).toBe(0); // the held timer was cancelled, so it cannot fetch again
    timers.fireAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches).toHaveLength(1);
  });

  it("leaves a fetch that is not due yet to its timer", () => {
    const page = new FakePage();
    const timers = new HeldTimers();
    const { controller, fetches } = setup(page, timers);
    page.hide();
    controller.notify();
    vi.advanceTimersByTime(50);

    page.show();
    expect(fetches).toHaveLength(0);
    timers.fireAll();
    expect(fetches).toHaveLength(1);
  });

  it("does nothing on visibility with nothing scheduled, and stops listening once disposed", () => {
    const page = new FakePage();
    const { controller, fetches } = setup(page, new HeldTimers());
    page.hide();
    page.show();
    expect(fetches).toHaveLength(0);
    expect(page.listenerCount).toBe(1);
    controller.dispose();
    expect(page.listenerCount).toBe(0);
  });
});

describe("RefreshController", () => {
  function setup(delay = 100) {
    const fetches: ReturnType<typeof deferred<string>>[] = [];
    const signals: AbortSignal[] = [];
    const applied: string[] = [];
    const errors: unknown[] = [];
    const loading: boolean[] = [];
    const controller = new RefreshController<string>(
      (signal) => {
        const fetch = deferred<string>();
        fetches.push(fetch);
        signals.push(signal);
        return fetch.promise;
      },
      (value) => applied.push(value),
      { delay, onError: (error) => errors.push(error), onLoading: (value) => loading.push(value) },
    );
    return { controller, fetches, signals, applied, errors, loading };
  }

  it("fetches once for a steady stream of notify(), delay ms after the first: no starvation", async () => {
    const { controller, fetches } = setup(100);
    for (let i = 0; i < 10; i++) {
      controller.notify();
      await vi.advanceTimersByTimeAsync(30); // faster than the delay, as task progress events are
    }
    expect(fetches.length).toBeGreaterThanOrEqual(1);
  });

  it("fetches once for a burst of notify()", async () => {
    const { controller, fetches } = setup();
    controller.notify();
    controller.notify();
    await vi.advanceTimersByTimeAsync(50);
    controller.notify();
    expect(controller.isScheduled()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetches).toHaveLength(1);
  });

  it("gives exactly one follow-up fetch for three notify() during one fetch", async () => {
    const { controller, fetches, applied } = setup(0);
    const first = controller.refresh();
    controller.notify();
    controller.notify();
    controller.notify();
    await vi.advanceTimersByTimeAsync(10);
    expect(fetches).toHaveLength(1); // nothing while in flight

    fetches[0].resolve("before the change");
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches).toHaveLength(2);
    fetches[1].resolve("after the change");
    await vi.advanceTimersByTimeAsync(10);

    expect(fetches).toHaveLength(2);
    expect(applied).toEqual(["before the change", "after the change"]);
  });

  it("drops a response older than an applied newer one", async () => {
    const { controller, fetches, applied } = setup(0);
    const older = controller.refresh();
    const newer = controller.refresh();
    fetches[1].resolve("new");
    await newer;
    fetches[0].resolve("old");
    await older;

    expect(applied).toEqual(["new"]);
  });

  it("applies responses in order when they arrive in order", async () => {
    const { controller, fetches, applied } = setup(0);
    const a = controller.refresh();
    const b = controller.refresh();
    fetches[0].resolve("a");
    await a;
    fetches[1].resolve("b");
    await b;
    expect(applied).toEqual(["a", "b"]);
  });

  it("reports failures, and a later fetch recovers", async () => {
    const { controller, fetches, applied, errors, loading } = setup(0);
    const failed = controller.refresh();
    fetches[0].reject(new Error("offline"));
    await expect(failed).rejects.toThrow("offline");
    expect(errors).toHaveLength(1);

    const ok = controller.refresh();
    fetches[1].resolve("data");
    await ok;
    expect(applied).toEqual(["data"]);
    expect(loading).toEqual([true, false, true, false]);
  });

  it("after dispose() nothing fetches or applies, and the fetch in flight is aborted", async () => {
    const { controller, fetches, signals, applied } = setup(50);
    const inFlight = controller.refresh();
    controller.notify();
    controller.dispose();
    fetches[0].resolve("late");

    await expect(inFlight).rejects.toBeInstanceOf(CancellationError);
    expect(signals[0].aborted).toBe(true);
    controller.notify();
    await vi.advanceTimersByTimeAsync(500);
    expect(fetches).toHaveLength(1);
    expect(applied).toEqual([]);
    await expect(controller.refresh()).rejects.toBeInstanceOf(CancellationError);
  });
});
