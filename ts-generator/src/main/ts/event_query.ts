// Herald TanStack Query hooks: events mark query keys stale. The processor writes this file (option
// herald.ts.tanstack=true) followed by one useInvalidateOn<Group>Change per event group.

import { useEffect, useRef } from "react";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { TimeoutTimer, type IDisposable } from "./async";
import { eventClient } from "./event_client";
import { keyFilter, type EventGroup, type EventKeyValue } from "./event_hooks";
import { EventGroups, type EventName, type EventPayloads } from "./events";

/** For each event name, the query keys it makes stale: a list, or a function of the event's payload. */
export type InvalidationMap = {
  readonly [N in EventName]?: readonly QueryKey[] | ((data: EventPayloads[N]) => readonly QueryKey[]);
};

export interface InvalidateOptions {
  /** Ms from the first event of a burst to the invalidation; each key once per burst. Default 100. */
  delay?: number;
}

/**
 * Collects the keys a burst of events makes stale and invalidates each once, `delay` ms after the
 * first event (later ones do not postpone it, so a steady stream cannot starve it). Prefix
 * matching is TanStack's: `["files"]` covers `["files", id]`.
 */
class Invalidator implements IDisposable {
  private readonly pending = new Map<string, QueryKey>();
  private everything = false;
  private readonly timer = new TimeoutTimer();

  constructor(
    private readonly client: QueryClient,
    private readonly delay: number,
  ) {}

  add(keys: readonly QueryKey[]): void {
    for (const key of keys) {
      this.pending.set(JSON.stringify(key), key);
    }
    this.schedule();
  }

  /** Every query, when which keys are stale cannot be known. */
  addEverything(): void {
    this.everything = true;
    this.schedule();
  }

  dispose(): void {
    this.timer.dispose();
    this.pending.clear();
  }

  private schedule(): void {
    if (!this.timer.isSet) {
      this.timer.set(() => this.flush(), this.delay);
    }
  }

  private flush(): void {
    if (this.everything) {
      void this.client.invalidateQueries();
    } else {
      for (const queryKey of this.pending.values()) {
        void this.client.invalidateQueries({ queryKey });
      }
    }
    this.everything = false;
    this.pending.clear();
  }
}

/**
 * Invalidates TanStack Query keys when events arrive, typed by the events' payloads:
 *
 * ```ts
 * useInvalidateOnEvents({
 *   "fs.created": (data) => [["files", data.AssetID]],
 *   "asset.deleted": [["assets"]],
 * });
 * ```
 *
 * A burst gives one invalidation per key. The server's `$resync`, or a reconnect that could not
 * resume (events may have been missed), invalidates every key of the map; when an entry is a function, the keys a missed
 * event would have named cannot be known, so it invalidates every query. Nothing after unmount.
 */
export function useInvalidateOnEvents(map: InvalidationMap, options: InvalidateOptions = {}): void {
  const client = useQueryClient();
  const mapRef = useRef(map);
  mapRef.current = map;
  const names = Object.keys(map).sort().join(",");
  const delay = options.delay ?? 100;
  useEffect(() => {
    const invalidator = new Invalidator(client, delay);
    const subscriptions = (names === "" ? [] : (names.split(",") as EventName[])).map((name) =>
      eventClient.on(name, (data) => {
        const entry = mapRef.current[name] as readonly QueryKey[] | ((data: unknown) => readonly QueryKey[]) | undefined;
        if (entry !== undefined) {
          invalidator.add(typeof entry === "function" ? entry(data) : entry);
        }
      }),
    );
    const resync = eventClient.onResync(() => {
      const entries = Object.values(mapRef.current) as (readonly QueryKey[] | ((data: never) => unknown))[];
      if (entries.some((entry) => typeof entry === "function")) {
        invalidator.addEverything();
      } else {
        invalidator.add((entries as (readonly QueryKey[])[]).flat());
      }
    });
    return () => {
      subscriptions.forEach((dispose) => dispose());
      resync();
      invalidator.dispose();
    };
  }, [client, names, delay]);
}

/**
 * What every generated `useInvalidateOn<Group>Change` does: invalidates `queryKey` when one of the
 * group's events arrives (only those whose `keyField` equals `key` when the group is keyed), and
 * after a resync.
 */
export function useInvalidateOnGroupChange(
  group: EventGroup,
  queryKey: QueryKey,
  options: InvalidateOptions = {},
  keyField?: string,
  key?: EventKeyValue,
): void {
  const client = useQueryClient();
  const queryKeyRef = useRef(queryKey);
  queryKeyRef.current = queryKey;
  const queryKeyJson = JSON.stringify(queryKey);
  const delay = options.delay ?? 100;
  useEffect(() => {
    const invalidator = new Invalidator(client, delay);
    const filter = keyField === undefined ? undefined : keyFilter(keyField, key);
    const subscriptions = EventGroups[group].map((name) =>
      eventClient.on(name, (_data, msg) => {
        if (!filter || filter(msg as never)) {
          invalidator.add([queryKeyRef.current]);
        }
      }),
    );
    const resync = eventClient.onResync(() => invalidator.add([queryKeyRef.current]));
    return () => {
      subscriptions.forEach((dispose) => dispose());
      resync();
      invalidator.dispose();
    };
  }, [client, group, queryKeyJson, delay, keyField, key]);
}
