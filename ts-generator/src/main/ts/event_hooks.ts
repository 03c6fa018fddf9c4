// Herald React hooks: the generic hooks. The processor writes this file followed by one
// useOn<Group>Change and use<Group>Refresh per event group.

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Delayer, RefreshController, isCancellationError } from "./async";
import { eventClient, type ConnectionState, type EventClientOptions, type MessageOf } from "./event_client";
import { EventGroups, type EventName, type EventPayloads } from "./events";

export { Events, EventGroups, EventKeys } from "./events";
export type { EventMessage, EventName, EventPayloads } from "./events";
export { createEventClient, eventClient } from "./event_client";
export type { ConnectionState, EventClientError, MessageOf } from "./event_client";

/** Starts the shared event client while the calling component is mounted; returns its state. */
export function useEventClientInit(events?: readonly EventName[], options?: EventClientOptions): ConnectionState {
  const eventsKey = events ? [...events].sort().join(",") : "";
  const optionsRef = useRef(options);
  optionsRef.current = options;
  useEffect(() => {
    if (optionsRef.current) {
      eventClient.configure(optionsRef.current);
    }
    eventClient.start(eventsKey ? (eventsKey.split(",") as EventName[]) : undefined);
    return () => eventClient.stop();
  }, [eventsKey]);
  return useConnectionState();
}

/** The shared client's connection state, re-rendering on change. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (onChange) => eventClient.onStateChange(onChange),
    () => eventClient.state,
    () => "connecting",
  );
}

/** Calls `handler` with every event named `name`. The latest handler is used; no resubscribe per render. */
export function useEvent<N extends EventName>(
  name: N,
  handler: (data: EventPayloads[N], msg: MessageOf<N>) => void,
): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => eventClient.on(name, (data, msg) => handlerRef.current(data, msg)), [name]);
}

/** Calls `handler` with every event of the given names. */
export function useEvents<N extends EventName>(names: readonly N[], handler: (msg: MessageOf<N>) => void): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const namesKey = [...names].sort().join(",");
  useEffect(() => {
    const subscriptions = (namesKey.split(",") as N[]).map((name) =>
      eventClient.on(name, (_data, msg) => handlerRef.current(msg as MessageOf<N>)),
    );
    return () => subscriptions.forEach((dispose) => dispose());
  }, [namesKey]);
}

export interface OnEventOptions<N extends EventName> {
  /** Debounce in ms: a burst of events calls `onEvent` once. Default 0. */
  delay?: number;
  /** Only events for which this returns true count. */
  filter?: (msg: MessageOf<N>) => boolean;
}

/**
 * Calls `onEvent` (debounced) when one of `names` arrives, and after a resync (the server's
 * `$resync`, or a reconnect that could not resume), since events may have been missed then. A
 * reconnect that resumed replays what was missed: those events call it like live ones.
 */
export function useOnEvent<N extends EventName>(
  names: readonly N[],
  onEvent: () => void,
  options: OnEventOptions<N> = {},
): void {
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const filterRef = useRef(options.filter);
  filterRef.current = options.filter;
  const namesKey = [...names].sort().join(",");
  const delay = options.delay ?? 0;
  useEffect(() => {
    const delayer = new Delayer<void>(delay);
    const trigger = () => {
      delayer.trigger(() => onEventRef.current()).catch((error: unknown) => {
        if (!isCancellationError(error)) {
          console.warn("[herald] onEvent handler failed:", error);
        }
      });
    };
    const subscriptions = (namesKey.split(",") as N[]).map((name) =>
      eventClient.on(name, (_data, msg) => {
        const filter = filterRef.current;
        if (!filter || filter(msg as MessageOf<N>)) {
          trigger();
        }
      }),
    );
    const resync = eventClient.onResync(trigger);
    return () => {
      subscriptions.forEach((dispose) => dispose());
      resync();
      delayer.dispose();
    };
  }, [namesKey, delay]);
}

export interface RefreshOptions<N extends EventName> extends OnEventOptions<N> {
  /** When this changes (an asset id), the data is fetched afresh. */
  key?: string | number | boolean | null;
}

export interface RefreshState<T> {
  /** The last fetched data; `undefined` until the first fetch succeeds. */
  readonly data: T | undefined;
  readonly loading: boolean;
  /** The last fetch's error, cleared by the next success. */
  readonly error: unknown;
  /** Fetches now. */
  readonly refresh: () => Promise<void>;
}

/**
 * Fetches on mount and again whenever one of `names` arrives (debounced, filtered) or the client
 * resyncs, with the races handled by `RefreshController`: one follow-up fetch for events during a
 * fetch, stale responses dropped, nothing fetched or applied after unmount.
 */
export function useRefresh<T, N extends EventName>(
  names: readonly N[],
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: RefreshOptions<N> = {},
): RefreshState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const filterRef = useRef(options.filter);
  filterRef.current = options.filter;
  const controllerRef = useRef<RefreshController<T> | undefined>(undefined);
  const namesKey = [...names].sort().join(",");
  const delay = options.delay ?? 0;
  const key = options.key;

  useEffect(() => {
    const controller = new RefreshController<T>(
      (signal) => fetcherRef.current(signal),
      (value) => {
        setData(value);
        setError(undefined);
      },
      { delay, onError: setError, onLoading: setLoading },
    );
    controllerRef.current = controller;
    controller.refresh().catch(() => undefined); // reported through onError
    const subscriptions = (namesKey.split(",") as N[]).map((name) =>
      eventClient.on(name, (_data, msg) => {
        const filter = filterRef.current;
        if (!filter || filter(msg as MessageOf<N>)) {
          controller.notify();
        }
      }),
    );
    const resync = eventClient.onResync(() => controller.notify());
    return () => {
      subscriptions.forEach((dispose) => dispose());
      resync();
      controller.dispose();
      if (controllerRef.current === controller) {
        controllerRef.current = undefined;
      }
    };
  }, [namesKey, delay, key]);

  const refresh = useCallback(() => controllerRef.current?.refresh() ?? Promise.resolve(), []);
  return { data, loading, error, refresh };
}

/** A filter for events whose `field` (an `@EventKey`) equals `key`. */
export function keyFilter<N extends EventName>(field: string, key: unknown): (msg: MessageOf<N>) => boolean {
  return (msg) => (msg.data as unknown as Record<string, unknown>)[field] === key;
}

/** An event group: the part of event names before the first dot. */
export type EventGroup = keyof typeof EventGroups;

/** A value an `@EventKey` can have. */
export type EventKeyValue = string | number | boolean | null;

export interface GroupRefreshOptions {
  /** Debounce in ms for bursts of events. Default 0. */
  delay?: number;
}

/**
 * What every generated `use<Group>Refresh` does: `useRefresh` over the group's events, only those
 * whose `keyField` equals `key` when the group is keyed.
 */
export function useGroupRefresh<T>(
  group: EventGroup,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: GroupRefreshOptions = {},
  keyField?: string,
  key?: EventKeyValue,
): RefreshState<T> {
  return useRefresh(EventGroups[group], fetcher, {
    delay: options.delay,
    key,
    filter: keyField === undefined ? undefined : keyFilter(keyField, key),
  });
}

/** What every generated `useOn<Group>Change` does: `useOnEvent` over the group's events. */
export function useOnGroupChange(
  group: EventGroup,
  onChange: () => void,
  delayMs?: number,
  keyField?: string,
  key?: EventKeyValue,
): void {
  useOnEvent(EventGroups[group], onChange, {
    delay: delayMs,
    filter: keyField === undefined ? undefined : keyFilter(keyField, key),
  });
}
