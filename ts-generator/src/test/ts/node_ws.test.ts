// The client in Node against a real WebSocket server (the `ws` package) on loopback.
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { EventClient, type ConnectionState } from "../../main/ts/event_client";
import { Events } from "../../main/ts/events";
import { until } from "./until";

let server: WebSocketServer | undefined;
let client: EventClient | undefined;

afterEach(async () => {
  client?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("EventClient against a real server", () => {
  it("reconnects after the server drops it, resubscribes with its filter and fires onResync", async () => {
    server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server!.once("listening", resolve));
    const requests: string[] = [];
    const sockets: WebSocket[] = [];
    server.on("connection", (socket, request) => {
      requests.push(request.url ?? "");
      sockets.push(socket);
    });
    const port = (server.address() as AddressInfo).port;

    client = new EventClient({
      url: `ws://127.0.0.1:${port}/api/events/ws`,
      WebSocket,
      baseDelayMs: 20,
      online: null,
    });
    const states: ConnectionState[] = [];
    const resyncs: string[] = [];
    const received: string[] = [];
    client.onStateChange((state) => states.push(state));
    client.onResync((reason) => resyncs.push(reason));
    client.on(Events.FS_CREATED, (data) => received.push(data.Path));
    client.on(Events.TASK_PROGRESS, () => {});
    client.start();

    await until(() => sockets.length === 1 && client!.state === "open");
    sockets[0].send(JSON.stringify({ event: "fs.created", data: { AssetID: "a", Path: "/one", IsDir: false }, ts: 1 }));
    await until(() => received.length === 1);

    sockets[0].terminate(); // drop without a close frame
    await until(() => sockets.length === 2 && client!.state === "open");
    sockets[1].send(JSON.stringify({ event: "fs.created", data: { AssetID: "a", Path: "/two", IsDir: false }, ts: 2 }));
    await until(() => received.length === 2);

    expect(requests).toEqual([
      "/api/events/ws?events=fs.created%2Ctask.progress",
      "/api/events/ws?events=fs.created%2Ctask.progress",
    ]);
    expect(resyncs).toEqual(["reconnect"]);
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
    expect(received).toEqual(["/one", "/two"]);
  });

  it("keeps retrying while the server is down (connection refused), then connects", async () => {
    const probe = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => probe.once("listening", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    client = new EventClient({ url: `ws://127.0.0.1:${port}/api/events/ws`, WebSocket, baseDelayMs: 20, maxDelayMs: 100, online: null });
    client.on(Events.FS_CREATED, () => {});
    client.start();
    await until(() => client!.state === "reconnecting");
    await new Promise((resolve) => setTimeout(resolve, 300)); // several refused attempts, none may throw

    server = new WebSocketServer({ host: "127.0.0.1", port });
    await until(() => client!.state === "open");
  });
});

