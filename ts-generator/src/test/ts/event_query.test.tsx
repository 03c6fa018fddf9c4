// @vitest-environment jsdom
// The TanStack Query hooks with a real QueryClient, and the client against a real `ws` server.
import { QueryClient, QueryClientProvider, type QueryKey } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { eventClient } from "../../main/ts/event_client";
import { useEventClientInit } from "../../main/ts/event_hooks";
import {
  useInvalidateOnEvents,
  useInvalidateOnGroupChange,
  type InvalidationMap,
} from "../../main/ts/event_query";
import { until } from "./until";

let server: WebSocketServer;
let sockets: import("ws").WebSocket[];
let queryClient: QueryClient;
let invalidated: (QueryKey | "everything")[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(event: string, data: object) {
  sockets[sockets.length - 1].send(JSON.stringify({ event, data, ts: 1 }));
}

beforeEach(async () => {
  server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  sockets = [];
  server.on("connection", (socket) => sockets.push(socket));
  const port = (server.address() as AddressInfo).port;
  eventClient.configure({
    url: `ws://127.0.0.1:${port}/api/events/ws`,
    WebSocket: WebSocket as never,
    baseDelayMs: 20,
    online: null,
    visibility: null,
  });
  queryClient = new QueryClient();
  invalidated = [];
  vi.spyOn(queryClient, "invalidateQueries").mockImplementation((filters) => {
    invalidated.push(filters?.queryKey ?? "everything");
    return Promise.resolve();
  });
});

afterEach(async () => {
  cleanup();
  eventClient.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function InvalidateOnEvents({ map }: { map: InvalidationMap }) {
  useEventClientInit();
  useInvalidateOnEvents(map, { delay: 30 });
  return null;
}

async function mount(map: InvalidationMap) {
  const view = render(
    <QueryClientProvider client={queryClient}>
      <InvalidateOnEvents map={map} />
    </QueryClientProvider>,
  );
  await until(() => sockets.length === 1 && eventClient.state === "open");
  return view;
}

describe("useInvalidateOnEvents", () => {
  it("invalidates each mapped key once per burst, with keys computed from the payload", async () => {
    await mount({ "fs.created": (data) => [["files", data.AssetID]], "asset.deleted": [["assets"]] });
    send("fs.created", { AssetID: "a", Path: "/1", IsDir: false });
    send("fs.created", { AssetID: "a", Path: "/2", IsDir: false });
    send("fs.created", { AssetID: "b", Path: "/3", IsDir: false });
    send("task.progress", { TaskID: "t", Total: 2, Done: 1 }); // not mapped

    await until(() => invalidated.length >= 2);
    await sleep(100);
    expect(invalidated).toEqual([
      ["files", "a"],
      ["files", "b"],
    ]);
  });

  it("invalidates every fixed key on the server's $resync", async () => {
    await mount({ "asset.deleted": [["assets"]], "fs.created": [["files"], ["tree"]] });
    sockets[0].send(JSON.stringify({ event: "$resync", ts: 1 }));

    await until(() => invalidated.length >= 3);
    await sleep(100);
    expect(invalidated).toEqual([["assets"], ["files"], ["tree"]]);
  });

  it("invalidates every query after a reconnect when an entry is a function", async () => {
    await mount({ "fs.created": (data) => [["files", data.AssetID]] });
    sockets[0].close();

    await until(() => sockets.length === 2 && eventClient.state === "open");
    await until(() => invalidated.length >= 1);
    await sleep(100);
    expect(invalidated).toEqual(["everything"]);
  });

  it("invalidates nothing once unmounted, while the client stays connected", async () => {
    function Page({ showList }: { showList: boolean }) {
      useEventClientInit();
      return showList ? <InvalidatingList /> : null;
    }
    function InvalidatingList() {
      useInvalidateOnEvents({ "asset.deleted": [["assets"]] }, { delay: 30 });
      return null;
    }
    const view = render(
      <QueryClientProvider client={queryClient}>
        <Page showList />
      </QueryClientProvider>,
    );
    await until(() => sockets.length === 1 && eventClient.state === "open");
    view.rerender(
      <QueryClientProvider client={queryClient}>
        <Page showList={false} />
      </QueryClientProvider>,
    );
    send("asset.deleted", { AssetID: "a" });
    sockets[0].send(JSON.stringify({ event: "$resync", ts: 1 }));

    await sleep(150);
    expect(eventClient.state).toBe("open");
    expect(invalidated).toEqual([]);
  });
});

function InvalidateOnFsChange({ assetId }: { assetId: string }) {
  useEventClientInit();
  useInvalidateOnGroupChange("fs", ["files", assetId], { delay: 30 }, "AssetID", assetId);
  return null;
}

describe("useInvalidateOnGroupChange", () => {
  it("invalidates its key for the group's events about its key value, and on $resync", async () => {
    render(
      <QueryClientProvider client={queryClient}>
        <InvalidateOnFsChange assetId="a" />
      </QueryClientProvider>,
    );
    await until(() => sockets.length === 1 && eventClient.state === "open");
    send("fs.created", { AssetID: "b", Path: "/x", IsDir: false });
    await sleep(100);
    expect(invalidated).toEqual([]);

    send("fs.changed", { AssetID: "a", Path: "/y" });
    send("fs.created", { AssetID: "a", Path: "/z", IsDir: false });
    await until(() => invalidated.length >= 1);
    sockets[0].send(JSON.stringify({ event: "$resync", ts: 1 }));
    await until(() => invalidated.length >= 2);
    await sleep(100);
    expect(invalidated).toEqual([
      ["files", "a"],
      ["files", "a"],
    ]);
  });
});

// Checked by `tsc --strict` (npm test), never run.
export function typeErrorsTheMapCatches(): void {
  useInvalidateOnEvents({
    // @ts-expect-error: not an event name
    "fs.nothing": [["x"]],
  });
  useInvalidateOnEvents({
    // @ts-expect-error: FsCreated has no Size
    "fs.created": (data) => [["files", data.Size]],
  });
  useInvalidateOnEvents({
    // @ts-expect-error: a query key is an array
    "asset.deleted": ["assets"],
  });
}

// Last: it leaves the shared client with a position, which later reconnects would resume from.
describe("useInvalidateOnEvents after a reconnect that resumed", () => {
  it("invalidates only what the replayed events name, and nothing globally", async () => {
    await mount({ "fs.created": (data) => [["files", data.AssetID]], "asset.deleted": [["assets"]] });
    sockets[0].send(JSON.stringify({ event: "$position", ts: 1, position: "e-7" }));
    await sleep(50);
    sockets[0].close();

    await until(() => sockets.length === 2 && eventClient.state === "open");
    sockets[1].send(JSON.stringify({ event: "fs.created", data: { AssetID: "a", Path: "/x", IsDir: false }, ts: 2, id: "e-8" }));
    sockets[1].send(JSON.stringify({ event: "$resumed", ts: 2, replayed: 1 }));

    await until(() => invalidated.length >= 1);
    await sleep(100);
    expect(invalidated).toEqual([["files", "a"]]);
  });
});
