import type { Timers, VisibilitySource } from "../../main/ts/async";

/** A fake `document` for `visibilitychange`: shown by default. */
export class FakePage implements VisibilitySource {
  visibilityState = "visible";
  private readonly listeners = new Set<() => void>();

  addEventListener(_type: "visibilitychange", listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: "visibilitychange", listener: () => void): void {
    this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  hide(): void {
    this.visibilityState = "hidden";
    this.listeners.forEach((listener) => listener());
  }

  show(): void {
    this.visibilityState = "visible";
    this.listeners.forEach((listener) => listener());
  }
}

/** Timers of a hidden tab that the browser holds back: they fire only when the test says so. */
export class HeldTimers implements Timers {
  private readonly held = new Map<number, () => void>();
  private next = 0;

  setTimeout(callback: () => void): unknown {
    this.held.set(++this.next, callback);
    return this.next;
  }

  clearTimeout(handle: unknown): void {
    this.held.delete(handle as number);
  }

  get pending(): number {
    return this.held.size;
  }

  /** Fires every held timer, late, as the browser finally does. */
  fireAll(): void {
    const callbacks = [...this.held.values()];
    this.held.clear();
    callbacks.forEach((callback) => callback());
  }
}
