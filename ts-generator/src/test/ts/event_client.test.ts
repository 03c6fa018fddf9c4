import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EventClient, type ConnectionState, type EventClientError } from "../../main/ts/event_client";
import { Events } from "../../main/ts/events";
import { FakePage } from "./fake_page";
import { FakeSocket } from "./fake_socket";

const URL_BASE = "ws://backend.test/api/events/ws";

/** A fake window for `online` events. */
class FakeOnline {
  private listeners = new Set<() => void>();
  addEventListener(_type: "online", listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "online", listener: () => void) {
    this.listeners.delete(listener);
  }
  fire() {
    this.listeners.forEach((listener) => listener());
  }
}

let online: FakeOnline;
let page: FakePage;

/** A WebSocket client (the transport tests below choose their own). */
function client(random = () => 0.5) {
  return new EventClient({ url: URL_BASE, transport: "websocket", WebSocket: FakeSocket, random, online, visibility: page });
}

/** An event stream double: a FakeSocket whose URL says which transport opened it. */
class FakeStream extends FakeSocket {}

/** A started client subscribed to fs.created, once its socket exists. */
async function subscribedClient(): Promise<EventClient> {
  const c = client();
  c.start();
  c.on(Events.FS_CREATED, () => {});
  await vi.advanceTimersByTimeAsync(0);
  return c;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.reset();
  online = new FakeOnline();
  page = new FakePage();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("EventClient subscriptions", () => {
  it("asks for the sorted, de-duplicated union of subscribed names, batched into one socket", async () => {
    const c = client();
    c.start();
    c.on(Events.TASK_PROGRESS, () => {});
    c.on(Events.FS_CREATED, () => {});
    c.on(Events.FS_CREATED, () => {});
    c.on(Events.ASSET_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);

    expect(FakeSocket.instances).toHaveLength(1);
    expect(FakeSocket.last().events).toBe("asset.created,fs.created,task.progress");
    expect(c.state).toBe("connecting");
    FakeSocket.last().serverOpen();
    expect(c.state).toBe("open");
  });

  it("uses the list given to start() as is", async () => {
    const c = client();
    c.start([Events.FS_CREATED, Events.ASSET_CREATED, Events.FS_CREATED]);
    c.on(Events.TASK_PROGRESS, () => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last().events).toBe("asset.created,fs.created");
  });

  it("asks for everything while an onAny handler exists", async () => {
    const c = client();
    c.start();
    c.on(Events.FS_CREATED, () => {});
    c.onAny(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last().events).toBeNull();
  });

  it("opens no socket while nothing is subscribed", async () => {
    const c = client();
    c.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it("reconnects once for a new name, and keeps the socket when a name goes away", async () => {
    const c = client();
    c.start();
    const fs = c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();

    c.on(Events.TASK_PROGRESS, () => {});
    c.on(Events.TASK_COMPLETED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.instances[0].closedWith?.code).toBe(1000);
    expect(FakeSocket.last().events).toBe("fs.created,task.completed,task.progress");

    fs.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(2);
  });
});

describe("EventClient delivery", () => {
  it("delivers typed data to the handlers of the name, then to onAny", async () => {
    const c = client();
    const got: string[] = [];
    c.start();
    c.on(Events.FS_CREATED, (data, msg) => got.push(`fs ${data.AssetID} ${data.IsDir} ${msg.ts}`));
    c.on(Events.TASK_PROGRESS, () => got.push("task"));
    c.onAny((msg) => got.push(`any ${msg.event}`));
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();

    FakeSocket.last().serverSend({ event: "fs.created", data: { AssetID: "a1", Path: "/x", IsDir: false }, ts: 5 });

    expect(got).toEqual(["fs a1 false 5", "any fs.created"]);
  });

  it("reports malformed frames and unknown names to onError, and never throws", async () => {
    const c = client();
    const errors: EventClientError[] = [];
    const got: unknown[] = [];
    c.onError((error) => errors.push(error));
    c.start();
    c.on(Events.FS_CREATED, (data) => got.push(data));
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();

    expect(() => {
      socket.serverSend("not json");
      socket.serverSend("[1,2]");
      socket.serverSend({ data: {} });
      socket.serverSend({ event: "fs.created", data: 3 });
      socket.serverSend({ event: "brand.new", data: {} });
      socket.serverSend({ event: "$future", ts: 1 });
    }).not.toThrow();

    expect(errors.map((e) => e.kind)).toEqual(["malformed", "malformed", "malformed", "malformed", "unknown-event"]);
    expect(got).toEqual([]);
  });

  it("keeps delivering when a handler throws, and reports it", async () => {
    const c = client();
    const errors: EventClientError[] = [];
    const got: string[] = [];
    c.onError((error) => errors.push(error));
    c.start();
    c.on(Events.FS_CREATED, () => {
      throw new Error("handler bug");
    });
    c.on(Events.FS_CREATED, () => got.push("second"));
    c.onAny(() => got.push("any"));
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    FakeSocket.last().serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/", IsDir: true }, ts: 1 });

    expect(got).toEqual(["second", "any"]);
    expect(errors).toEqual([{ kind: "handler", event: "fs.created", error: new Error("handler bug") }]);
  });

  it("a disposed handler gets nothing more", async () => {
    const c = client();
    const handler = vi.fn();
    c.start();
    c.onAny(() => {});
    const subscription = c.on(Events.FS_CREATED, handler);
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    subscription();
    FakeSocket.last().serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/", IsDir: true }, ts: 1 });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("EventClient reconnect", () => {
  it("backs off exponentially within the jitter bounds up to the cap, and resets after an open", async () => {
    const randoms = [0, 0.999, 0, 0.999, 0, 0.999, 0, 0.999, 0.5, 0.5];
    let call = 0;
    const c = client(() => randoms[call++ % randoms.length]);
    const states: ConnectionState[] = [];
    c.onStateChange((state) => states.push(state));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);

    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const before = FakeSocket.instances.length;
      FakeSocket.last().serverClose(1006);
      let waited = 0;
      while (FakeSocket.instances.length === before) {
        await vi.advanceTimersByTimeAsync(1);
        waited++;
      }
      delays.push(waited);
    }
    // ceilings 500, 1000, 2000, 4000, 8000, 10000 (cap), 10000, 10000; delay in [ceiling/2, ceiling]
    const ceilings = [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(ceilings[i] / 2);
      expect(delay).toBeLessThanOrEqual(ceilings[i]);
    });
    expect(states).toContain("reconnecting");

    FakeSocket.last().serverOpen();
    FakeSocket.last().serverClose(1006);
    let waited = 0;
    const before = FakeSocket.instances.length;
    while (FakeSocket.instances.length === before) {
      await vi.advanceTimersByTimeAsync(1);
      waited++;
    }
    expect(waited).toBeLessThanOrEqual(500);
  });

  it("fires onResync on a reconnect without a position and on a $resync frame, not on the first open", async () => {
    const c = client();
    const reasons: string[] = [];
    c.onResync((reason) => reasons.push(reason));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    expect(reasons).toEqual([]);

    FakeSocket.last().serverSend({ event: "$resync", ts: 1 });
    FakeSocket.last().serverClose(1006, "");
    await vi.advanceTimersByTimeAsync(1000);
    FakeSocket.last().serverOpen();

    expect(reasons).toEqual(["server", "reconnect"]);
    expect(FakeSocket.last().events).toBe("fs.created");
  });

  it.each([4400, 4401, 4403])("does not retry after close code %i, and reports it", async (code) => {
    const c = client();
    const errors: EventClientError[] = [];
    c.onError((error) => errors.push(error));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverClose(code, "no");
    await vi.advanceTimersByTimeAsync(60_000);

    expect(FakeSocket.instances).toHaveLength(1);
    expect(c.state).toBe("closed");
    expect(errors).toEqual([{ kind: "refused", code, reason: "no" }]);
  });

  it("retries 4429 and 4008 like any other close", async () => {
    for (const code of [4429, 4008]) {
      FakeSocket.reset();
      const c = client();
      c.start();
      c.on(Events.FS_CREATED, () => {});
      await vi.advanceTimersByTimeAsync(0);
      FakeSocket.last().serverClose(code);
      await vi.advanceTimersByTimeAsync(600);
      expect(FakeSocket.instances).toHaveLength(2);
      c.stop();
    }
  });

  it("retries at once when the browser comes back online", async () => {
    await subscribedClient();
    FakeSocket.last().serverClose(1006);
    expect(FakeSocket.instances).toHaveLength(1);

    online.fire();
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it("reconnects at once when the page is shown again after its socket dropped while hidden", async () => {
    const c = await subscribedClient();
    FakeSocket.last().serverOpen();
    page.hide();
    FakeSocket.last().serverClose(1006);
    expect(c.state).toBe("reconnecting");
    expect(FakeSocket.instances).toHaveLength(1);

    page.show();
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it("showing the page leaves an open socket alone, and is not heard after stop()", async () => {
    const c = await subscribedClient();
    FakeSocket.last().serverOpen();
    page.hide();
    page.show();
    expect(FakeSocket.instances).toHaveLength(1);
    c.stop();
    expect(page.listenerCount).toBe(0);
  });

  it("dispose() closes the socket, forgets every handler and starts no more", async () => {
    const c = client();
    const seen: string[] = [];
    const states: ConnectionState[] = [];
    c.on(Events.FS_CREATED, (data) => seen.push(data.Path));
    c.onStateChange((state) => states.push(state));
    c.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();

    c.dispose();
    expect(socket.closedWith?.code).toBe(1000);
    socket.serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/x", IsDir: false }, ts: 1 });
    c.on(Events.FS_CREATED, (data) => seen.push(data.Path));
    c.start();
    online.fire();
    page.show();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([]);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(states.at(-1)).toBe("closed");
    expect(page.listenerCount).toBe(0);
  });

  it("never reconnects after stop()", async () => {
    const c = client();
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();
    c.stop();
    socket.serverClose(1000);
    online.fire();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(socket.closedWith?.code).toBe(1000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(c.state).toBe("closed");
  });

  it("start() then stop() in the same tick opens no socket (React StrictMode)", async () => {
    const c = client();
    c.on(Events.FS_CREATED, () => {});
    c.start();
    c.stop();
    c.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});

describe("EventClient resume", () => {
  const since = (socket: FakeSocket) => new URL(socket.url).searchParams.get("since");

  it("reconnects with the id of the last event processed, and $resumed means no re-fetch", async () => {
    const c = client();
    const resyncs: string[] = [];
    const resumed: number[] = [];
    const seen: string[] = [];
    c.onResync((reason) => resyncs.push(reason));
    c.onResume((replayed) => resumed.push(replayed));
    c.start();
    c.on(Events.FS_CREATED, (data) => seen.push(data.Path));
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeSocket.last();
    first.serverOpen();
    expect(since(first)).toBeNull();
    first.serverSend({ event: "$position", ts: 1, position: "e1-4" });
    first.serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/1", IsDir: false }, ts: 1, id: "e1-5" });

    first.serverClose(1006);
    await vi.advanceTimersByTimeAsync(1000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    expect(since(second)).toBe("e1-5");
    expect(second.events).toBe("fs.created");
    second.serverOpen();
    second.serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/2", IsDir: false }, ts: 2, id: "e1-7" });
    second.serverSend({ event: "$resumed", ts: 2, replayed: 1 });

    expect(seen).toEqual(["/1", "/2"]);
    expect(resumed).toEqual([1]);
    expect(resyncs).toEqual([]);
    expect(c.lastEventId).toBe("e1-7");
  });

  it("fires onResync with the server's reason when the position cannot be resumed from", async () => {
    const c = client();
    const resyncs: [string, string | undefined][] = [];
    c.onResync((reason, detail) => resyncs.push([reason, detail]));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    FakeSocket.last().serverSend({ event: "$position", ts: 1, position: "old-9" });
    FakeSocket.last().serverClose(1006);
    await vi.advanceTimersByTimeAsync(1000);
    expect(since(FakeSocket.last())).toBe("old-9");
    FakeSocket.last().serverOpen();
    FakeSocket.last().serverSend({ event: "$resync", ts: 2, reason: "epoch" });
    FakeSocket.last().serverSend({ event: "$position", ts: 2, position: "new-3" });

    expect(resyncs).toEqual([["server", "epoch"]]);
    expect(c.lastEventId).toBe("new-3");
  });

  it("takes a position only after the handlers ran, so a throwing handler still moves it on", async () => {
    const c = client();
    c.onError(() => {});
    c.start();
    c.on(Events.FS_CREATED, () => {
      throw new Error("handler bug");
    });
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    FakeSocket.last().serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/", IsDir: false }, ts: 1, id: "e-1" });
    expect(c.lastEventId).toBe("e-1");
  });

  it("after close 1012 (a deploy) reconnects within 0 to 2 s, spread by the random source, whatever the backoff", async () => {
    for (const [random, expected] of [
      [0, 0],
      [0.5, 1000],
      [0.999, 1998],
    ] as const) {
      FakeSocket.reset();
      const c = client(() => random);
      c.start();
      c.on(Events.FS_CREATED, () => {});
      await vi.advanceTimersByTimeAsync(0);
      for (let i = 0; i < 5; i++) {
        // a backoff that grew: a restart still comes back within 2 s
        FakeSocket.last().serverClose(1006);
        await vi.advanceTimersByTimeAsync(20_000);
      }
      const before = FakeSocket.instances.length;
      FakeSocket.last().serverOpen();
      FakeSocket.last().serverClose(1012, "service restart");
      expect(c.state).toBe("reconnecting");
      if (expected > 0) {
        await vi.advanceTimersByTimeAsync(expected - 1);
        expect(FakeSocket.instances.length).toBe(before);
      }
      await vi.advanceTimersByTimeAsync(2);
      expect(FakeSocket.instances.length).toBe(before + 1);
      c.dispose();
    }
  });
});

describe("EventClient transports", () => {
  function autoClient(transport?: "auto" | "sse") {
    return new EventClient({
      url: URL_BASE,
      transport,
      WebSocket: FakeSocket,
      EventStream: FakeStream,
      random: () => 0.5,
      online,
      visibility: page,
    });
  }

  it("auto: a WebSocket that never opens gives way at once to the event stream, which then stays", async () => {
    const c = autoClient();
    const states: ConnectionState[] = [];
    c.onStateChange((state) => states.push(state));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    const upgrade = FakeSocket.last();
    expect(upgrade).not.toBeInstanceOf(FakeStream);
    expect(upgrade.url).toBe(`${URL_BASE}?events=fs.created`);

    upgrade.serverClose(1006); // a proxy answered the upgrade with 403
    await vi.advanceTimersByTimeAsync(0);
    const stream = FakeSocket.last();
    expect(stream).toBeInstanceOf(FakeStream);
    expect(stream.url).toBe("http://backend.test/api/events/ws?events=fs.created");
    stream.serverOpen();
    const got: string[] = [];
    c.on(Events.FS_CREATED, (data) => got.push(data.Path));
    stream.serverSend({ event: "fs.created", data: { AssetID: "a", Path: "/x", IsDir: false }, ts: 1, id: "e-1" });
    expect(got).toEqual(["/x"]);

    stream.serverClose(1006); // the stream dropped after it opened: the backoff, then the stream again
    await vi.advanceTimersByTimeAsync(10_000);
    const again = FakeSocket.last();
    expect(again).toBeInstanceOf(FakeStream);
    expect(again.url).toContain("since=e-1");
    expect(states).toEqual(["connecting", "reconnecting", "open", "reconnecting"]);
  });

  it("auto: a WebSocket that opened once stays the transport, even when a reconnect fails", async () => {
    const c = autoClient();
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverOpen();
    FakeSocket.last().serverClose(1006);
    await vi.advanceTimersByTimeAsync(10_000);
    FakeSocket.last().serverClose(1006); // never opened, but the socket worked before: the server is down
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.instances.some((socket) => socket instanceof FakeStream)).toBe(false);
  });

  it("auto: when the event stream fails too, it tries the WebSocket again after the backoff", async () => {
    const c = autoClient();
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last()).toBeInstanceOf(FakeStream);
    FakeSocket.last().serverClose(1006); // the server is down
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.last()).not.toBeInstanceOf(FakeStream);
  });

  it("sse: the event stream from the start, at the endpoint's path over http, and its refusals are final", async () => {
    const c = autoClient("sse");
    const errors: EventClientError[] = [];
    c.onError((error) => errors.push(error));
    c.start();
    c.on(Events.FS_CREATED, () => {});
    await vi.advanceTimersByTimeAsync(0);
    const stream = FakeSocket.last();
    expect(stream).toBeInstanceOf(FakeStream);
    expect(stream.url).toBe("http://backend.test/api/events/ws?events=fs.created");

    stream.serverClose(4401, "not authenticated"); // the event stream's 401
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(errors).toEqual([{ kind: "refused", code: 4401, reason: "not authenticated" }]);
    expect(c.state).toBe("closed");
  });

  it("an https page's event stream is https, and its socket wss", async () => {
    const c = new EventClient({
      url: "wss://secure.test/api/events/ws",
      transport: "sse",
      EventStream: FakeStream,
      online,
      visibility: page,
    });
    c.start(["fs.created"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last().url).toBe("https://secure.test/api/events/ws?events=fs.created");
  });
});
