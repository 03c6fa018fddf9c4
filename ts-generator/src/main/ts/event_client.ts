// Herald client runtime: the event client, over WebSocket or Server-Sent Events. Framework-free; typed by ./events.

import {
  DisposableStore,
  Emitter,
  TimeoutTimer,
  defaultTimers,
  defaultVisibility,
  onBecameVisible,
  toDisposable,
  type Disposer,
  type Timers,
  type VisibilitySource,
} from "./async";
import { eventStreamSocket } from "./event_stream";
import { Events, type EventMessage, type EventName, type EventPayloads } from "./events";

export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

/**
 * How the client reaches the server: `websocket`; `sse` (Server-Sent Events at the same path, for
 * networks whose proxies refuse WebSocket upgrades); `auto`, WebSocket first and the event stream
 * when the upgrade fails before it ever opened, then whichever opened first for the page's life.
 */
export type Transport = "auto" | "websocket" | "sse";

/** The message of one event name: `{ event, data, ts }`. */
export type MessageOf<N extends EventName> = Extract<EventMessage, { readonly event: N }>;

/**
 * Why `onResync` fired: a reconnect that could not resume (the client had no position yet), or the
 * server's `$resync` (events were dropped, or the position could not be resumed from; its reason
 * comes as the handler's second argument).
 */
export type ResyncReason = "reconnect" | "server";

/** A delay after which the client reconnects to a server that is restarting (close 1012), in ms. */
const RESTART_SPREAD_MS = 2000;

export type EventClientError =
  | { readonly kind: "malformed"; readonly frame: string; readonly detail: string }
  | { readonly kind: "unknown-event"; readonly event: string }
  | { readonly kind: "refused"; readonly code: number; readonly reason: string }
  | { readonly kind: "handler"; readonly event: string; readonly error: unknown }
  | { readonly kind: "unavailable"; readonly detail: string };

/** What the client needs of a WebSocket; the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  onopen: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Something that fires `online` when the network comes back, such as `window`. */
export interface OnlineSource {
  addEventListener(type: "online", listener: () => void): void;
  removeEventListener(type: "online", listener: () => void): void;
}

export interface EventClientOptions {
  /** The endpoint without query, such as `wss://api.example.com/api/events/ws`. Default: this page's host. */
  url?: string;
  /** Path used when `url` is not given. Default `/api/events/ws`. */
  path?: string;
  /** Default `auto`. */
  transport?: Transport;
  WebSocket?: WebSocketConstructor;
  /** The event stream's socket; default one that reads with the global `fetch`. */
  EventStream?: WebSocketConstructor;
  timers?: Timers;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
  /** First reconnect delay in ms. Default 500. */
  baseDelayMs?: number;
  /** Longest reconnect delay in ms. Default 10,000. */
  maxDelayMs?: number;
  /** Where `online` events come from. Default `window` when there is one. */
  online?: OnlineSource | null;
  /** Where `visibilitychange` comes from. Default `document` when there is one. */
  visibility?: VisibilitySource | null;
}

/** Close codes after which reconnecting cannot help: bad request, not authenticated, forbidden. */
const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403]);
/** The server is restarting (a deploy): reconnect after a random pause within `RESTART_SPREAD_MS`. */
const SERVICE_RESTART = 1012;

interface Resync {
  readonly reason: ResyncReason;
  readonly detail: string | undefined;
}
const KNOWN_EVENTS: ReadonlySet<string> = new Set<string>(Object.values(Events));

type AnyHandler = (data: never, msg: never) => void;

/**
 * One connection to the Herald endpoint, shared by every subscriber: a WebSocket, or the event
 * stream (Server-Sent Events) at the same path where WebSocket upgrades do not get through (see
 * `Transport`); everything below holds for both.
 *
 * - The socket asks only for the subscribed names (`?events=` is their sorted union), unless
 *   `start(events)` fixed the list or an `onAny` handler wants everything. Changes are batched to the
 *   next macrotask, so mounting many components reconnects once, and a socket is kept while it still
 *   covers what is wanted.
 * - Reconnects with exponential backoff (500 ms doubling to 10 s, with jitter), reset by a
 *   successful open, retried at once when the browser comes back online or the page becomes
 *   visible (a hidden tab's timers are throttled); never after `stop()` or a
 *   close with 4400, 4401 or 4403 (reported, state `closed`).
 * - Resumes: it remembers the position of the last event it processed (or the server's
 *   `$position`) and reconnects with `?since=`; the server replays what was missed, and those events
 *   reach the handlers like live ones, then `$resumed` (`onResume`). No global re-fetch then.
 * - `onResync` fires when events may have been missed and were not replayed: the server's `$resync`
 *   (with its reason), or a reconnect without a position to resume from. Re-fetch then.
 * - A close with 1012 (the server restarting) reconnects after a random 0 to 2 s, so that a deploy's
 *   clients do not all arrive at once.
 * - Malformed frames, unknown names and throwing handlers go to `onError`; nothing throws.
 * - `dispose()` stops it for good and forgets every handler.
 */
export class EventClient {
  private options: EventClientOptions;
  /** Per event name; an emitter without listeners is removed, so the keys are what is subscribed. */
  private readonly byName = new Map<string, Emitter<EventMessage>>();
  private readonly onAnyEmitter = new Emitter<EventMessage>();
  private readonly stateEmitter = new Emitter<ConnectionState>((error) => this.handlerFailed("$state", error));
  private readonly resyncEmitter = new Emitter<Resync>((error) => this.handlerFailed("$resync", error));
  private readonly resumeEmitter = new Emitter<number>((error) => this.handlerFailed("$resumed", error));
  private readonly errorEmitter = new Emitter<EventClientError>((failure) =>
    console.warn("[herald] onError handler failed:", failure),
  );
  private readonly syncTimer = new TimeoutTimer(() => this.timers());
  private readonly reconnectTimer = new TimeoutTimer(() => this.timers());
  private readonly disposables = new DisposableStore();
  private disposed = false;

  private started = false;
  private fixedFilter: readonly string[] | undefined;
  private socket: WebSocketLike | undefined;
  /** Names the current socket asked for; `null` means all. */
  private socketFilter: readonly string[] | null = null;
  private currentState: ConnectionState = "closed";
  private attempt = 0;
  private openedBefore = false;
  /** With `transport: "auto"`: the transport that opened first, used from then on. */
  private pinned: "websocket" | "sse" | undefined;
  /** With `transport: "auto"` and nothing pinned: the next attempt takes the event stream. */
  private tryStream = false;
  /** The position of the last event processed, or the server's `$position`: where a reconnect resumes. */
  private position: string | undefined;
  /** Back online, or the page shown again: a waiting reconnect goes now. */
  private readonly onWake = () => this.reconnectNow();
  private onlineSource: OnlineSource | null = null;
  private visibleListener: Disposer | undefined;

  constructor(options: EventClientOptions = {}) {
    this.options = options;
    for (const item of [
      this.onAnyEmitter,
      this.stateEmitter,
      this.resyncEmitter,
      this.resumeEmitter,
      this.errorEmitter,
      this.syncTimer,
      this.reconnectTimer,
    ]) {
      this.disposables.add(item);
    }
  }

  /** Changes options; takes effect on the next connection. */
  configure(options: EventClientOptions): void {
    this.options = { ...this.options, ...options };
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Connects (on the next macrotask). `events` fixes the filter; without it the subscriptions decide. */
  start(events?: readonly EventName[]): void {
    if (this.disposed) {
      return;
    }
    this.fixedFilter = events ? sortedUnique(events) : undefined;
    if (!this.started) {
      this.started = true;
      this.openedBefore = false;
      this.attempt = 0;
      this.listenOnline();
      if (this.currentState !== "open") {
        this.setState("connecting");
      }
    }
    this.scheduleSync();
  }

  /** Closes the socket and stops reconnecting. Subscriptions stay for the next `start()`. */
  stop(): void {
    if (!this.started) {
      return;
    }
    this.started = false;
    this.syncTimer.cancel();
    this.reconnectTimer.cancel();
    this.unlistenOnline();
    this.closeSocket(1000, "client stopped");
    this.setState("closed");
  }

  on<N extends EventName>(name: N, handler: (data: EventPayloads[N], msg: MessageOf<N>) => void): Disposer {
    if (this.disposed) {
      return toDisposable(() => undefined);
    }
    let emitter = this.byName.get(name);
    if (!emitter) {
      const created = new Emitter<EventMessage>({
        onListenerError: (error) => this.handlerFailed(name, error),
        // The keys of byName are what the socket asks for: a name nobody listens to leaves.
        onDidRemoveLastListener: () => {
          if (this.byName.get(name) === created) {
            this.byName.delete(name);
          }
        },
      });
      emitter = created;
      this.byName.set(name, created);
    }
    const typed = handler as unknown as AnyHandler;
    const subscription = emitter.event((msg) => typed(msg.data as never, msg as never));
    this.scheduleSync();
    return toDisposable(() => {
      subscription.dispose();
      this.scheduleSync();
    });
  }

  /** Every event; while any such handler exists the socket asks for all events. */
  onAny(handler: (msg: EventMessage) => void): Disposer {
    const subscription = this.onAnyEmitter.event((msg) => {
      try {
        handler(msg);
      } catch (error) {
        this.handlerFailed(msg.event, error);
      }
    });
    this.scheduleSync();
    return toDisposable(() => {
      subscription.dispose();
      this.scheduleSync();
    });
  }

  onStateChange(handler: (state: ConnectionState) => void): Disposer {
    return this.stateEmitter.event(handler);
  }

  /** Events may have been missed: re-fetch. `detail` is the server's reason for its `$resync`. */
  onResync(handler: (reason: ResyncReason, detail?: string) => void): Disposer {
    return this.resyncEmitter.event((resync) => handler(resync.reason, resync.detail));
  }

  /** A reconnect resumed: the `replayed` events it missed were delivered before this, nothing else to re-fetch. */
  onResume(handler: (replayed: number) => void): Disposer {
    return this.resumeEmitter.event(handler);
  }

  /** Where a reconnect would resume from: the last event's `id`, or `undefined` before the first. */
  get lastEventId(): string | undefined {
    return this.position;
  }

  onError(handler: (error: EventClientError) => void): Disposer {
    return this.errorEmitter.event(handler);
  }

  /** Stops for good: closes the socket, cancels timers, forgets every handler. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.stop();
    this.disposed = true;
    this.byName.forEach((emitter) => emitter.dispose());
    this.byName.clear();
    this.disposables.dispose();
  }

  /** The names the socket should ask for now: `null` for all, `[]` for none (no socket). */
  private wanted(): readonly string[] | null {
    if (this.fixedFilter) {
      return this.fixedFilter;
    }
    if (this.onAnyEmitter.hasListeners) {
      return null;
    }
    return [...this.byName.keys()].sort();
  }

  private scheduleSync(): void {
    if (!this.started || this.syncTimer.isSet) {
      return;
    }
    this.syncTimer.set(() => this.sync(), 0);
  }

  private sync(): void {
    if (!this.started || this.currentState === "closed" || this.reconnectTimer.isSet) {
      return; // refused for good, or a reconnect is already scheduled and will use the new filter
    }
    const wanted = this.wanted();
    if (wanted !== null && wanted.length === 0) {
      this.closeSocket(1000, "nothing subscribed");
      return;
    }
    if (this.socket && covers(this.socketFilter, wanted)) {
      return;
    }
    this.closeSocket(1000, "resubscribing");
    this.connect(wanted);
  }

  private get chosenTransport(): Transport {
    return this.options.transport ?? "auto";
  }

  /** The transport of the next connection. */
  private transport(): "websocket" | "sse" {
    const chosen = this.chosenTransport;
    if (chosen !== "auto") {
      return chosen;
    }
    return this.pinned ?? (this.tryStream ? "sse" : "websocket");
  }

  private connect(filter: readonly string[] | null): void {
    const transport = this.transport();
    const Socket =
      transport === "sse"
        ? (this.options.EventStream ?? eventStreamSocket())
        : (this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket);
    const base = this.baseUrl(transport);
    if (!Socket || base === undefined) {
      this.report({ kind: "unavailable", detail: !Socket ? "no WebSocket implementation" : "no url and no page location" });
      this.setState("closed");
      return;
    }
    const query: string[] = [];
    if (filter !== null) {
      query.push(`events=${encodeURIComponent(filter.join(","))}`);
    }
    if (this.position !== undefined) {
      query.push(`since=${encodeURIComponent(this.position)}`);
    }
    const url = query.length === 0 ? base : `${base}?${query.join("&")}`;
    let socket: WebSocketLike;
    try {
      socket = new Socket(url);
    } catch (error) {
      this.report({ kind: "unavailable", detail: String(error) });
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.socketFilter = filter;
    let opened = false;
    socket.onopen = (() => {
      if (this.socket !== socket) {
        return;
      }
      opened = true;
      if (this.chosenTransport === "auto") {
        this.pinned ??= transport;
      }
      this.attempt = 0;
      const reconnected = this.openedBefore;
      this.openedBefore = true;
      this.setState("open");
      // With a position the server answers `$resumed` or `$resync`; without one, nothing can be replayed.
      if (reconnected && this.position === undefined) {
        this.fireResync("reconnect", undefined);
      }
    }) as (event: never) => void;
    socket.onmessage = ((event: { data: unknown }) => {
      if (this.socket === socket) {
        this.dispatch(event.data);
      }
    }) as (event: never) => void;
    socket.onclose = ((event: { code: number; reason: string }) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = undefined;
      if (!this.started) {
        return;
      }
      if (FINAL_CLOSE_CODES.has(event.code)) {
        this.report({ kind: "refused", code: event.code, reason: event.reason });
        this.setState("closed");
        return;
      }
      if (!opened && this.pinned === undefined && this.chosenTransport === "auto") {
        // Never opened: a proxy that refuses WebSocket upgrades fails this way, and so does a
        // server that is down. The other transport next: at once after a failed upgrade, after
        // the backoff when the event stream failed too.
        this.tryStream = transport === "websocket";
        if (this.tryStream) {
          this.setState("reconnecting");
          this.reconnectTimer.set(() => this.sync(), 0);
          return;
        }
      }
      if (event.code === SERVICE_RESTART) {
        // Another instance (or this one, restarted) takes it at once; the spread keeps a deploy's
        // clients from arriving in the same instant.
        this.setState("reconnecting");
        this.reconnectTimer.set(() => this.sync(), this.random() * RESTART_SPREAD_MS);
        return;
      }
      this.scheduleReconnect();
    }) as (event: never) => void;
    // A failed connection is reported by the close that follows; the handler must exist all the
    // same, because Node's `ws` throws an 'error' event that nobody listens to.
    socket.onerror = (() => undefined) as (event: never) => void;
  }

  private scheduleReconnect(): void {
    this.setState("reconnecting");
    this.reconnectTimer.set(() => this.sync(), this.backoff(this.attempt++));
  }

  /** Equal jitter: half the exponential delay fixed, half random. */
  private backoff(attempt: number): number {
    const base = this.options.baseDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 10_000;
    const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  private random(): number {
    return (this.options.random ?? Math.random)();
  }

  private reconnectNow(): void {
    if (this.started && this.currentState === "reconnecting" && this.reconnectTimer.isSet) {
      this.reconnectTimer.cancel();
      this.sync();
    }
  }

  private dispatch(frame: unknown): void {
    if (typeof frame !== "string") {
      this.report({ kind: "malformed", frame: String(frame), detail: "not a text frame" });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch (error) {
      this.report({ kind: "malformed", frame, detail: String(error) });
      return;
    }
    if (!isObject(message) || typeof message.event !== "string") {
      this.report({ kind: "malformed", frame, detail: "no event name" });
      return;
    }
    const name = message.event;
    if (name.startsWith("$")) {
      this.control(name, message);
      return;
    }
    if (!KNOWN_EVENTS.has(name)) {
      this.report({ kind: "unknown-event", event: name });
      return;
    }
    if (!isObject(message.data)) {
      this.report({ kind: "malformed", frame, detail: "no data object" });
      return;
    }
    const msg = message as unknown as EventMessage;
    this.byName.get(name)?.fire(msg);
    this.onAnyEmitter.fire(msg);
    // After the handlers: a reconnect resumes after what was processed.
    if (typeof message.id === "string") {
      this.position = message.id;
    }
  }

  private control(name: string, message: Record<string, unknown>): void {
    switch (name) {
      case "$resync":
        this.fireResync("server", typeof message.reason === "string" ? message.reason : undefined);
        break;
      case "$resumed":
        this.resumeEmitter.fire(typeof message.replayed === "number" ? message.replayed : 0);
        break;
      case "$position":
        if (typeof message.position === "string") {
          this.position = message.position;
        }
        break;
      default:
        break; // for newer clients
    }
  }

  /** A handler threw: reported, and the other handlers still run. */
  private handlerFailed(event: string, error: unknown): void {
    this.report({ kind: "handler", event, error });
  }

  private fireResync(reason: ResyncReason, detail: string | undefined): void {
    this.resyncEmitter.fire({ reason, detail });
  }

  private report(error: EventClientError): void {
    if (!this.errorEmitter.hasListeners) {
      console.warn("[herald] event client:", error);
      return;
    }
    this.errorEmitter.fire(error);
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) {
      return;
    }
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private closeSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  /** The endpoint's URL for `transport`: `ws(s)://` for the socket, `http(s)://` for the event stream, at the same path. */
  private baseUrl(transport: "websocket" | "sse"): string | undefined {
    let url = this.options.url;
    if (!url) {
      const location = (globalThis as { location?: { protocol: string; host: string } }).location;
      if (!location) {
        return undefined;
      }
      url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${this.options.path ?? "/api/events/ws"}`;
    }
    return transport === "sse" ? url.replace(/^ws(s?):/, "http$1:") : url.replace(/^http(s?):/, "ws$1:");
  }

  private timers(): Timers {
    return this.options.timers ?? defaultTimers;
  }

  private listenOnline(): void {
    const source =
      this.options.online !== undefined
        ? this.options.online
        : ((globalThis as { window?: OnlineSource }).window ?? null);
    this.onlineSource = source;
    source?.addEventListener("online", this.onWake);
    this.visibleListener = onBecameVisible(
      this.onWake,
      this.options.visibility !== undefined ? this.options.visibility : defaultVisibility(),
    );
  }

  private unlistenOnline(): void {
    this.onlineSource?.removeEventListener("online", this.onWake);
    this.onlineSource = null;
    this.visibleListener?.dispose();
    this.visibleListener = undefined;
  }
}

export function createEventClient(options: EventClientOptions = {}): EventClient {
  return new EventClient(options);
}

/** The client the React hooks use; configure it before `start()` if the defaults do not fit. */
export const eventClient: EventClient = createEventClient();

function sortedUnique(names: readonly string[]): readonly string[] {
  return [...new Set(names)].sort();
}

/** Whether a socket that asked for `have` (null: all) delivers everything in `want`. */
function covers(have: readonly string[] | null, want: readonly string[] | null): boolean {
  if (have === null) {
    return true;
  }
  if (want === null) {
    return false;
  }
  const set = new Set(have);
  return want.every((name) => set.has(name));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
