// End to end: the Java emitter -> EventWebSocketServer -> the generated TypeScript client in Node,
// typed by the generated typings, for all 15 seed events; then a server restart.
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { RefreshController } from "@/api/async";
import { EventClient, type ConnectionState } from "@/api/event_client";
import { Events, type EventName, type EventPayloads } from "@/api/events";
import { JavaServer } from "./java_server";

let java: JavaServer;
const until = (condition: () => boolean, timeoutMs?: number) => java.until(condition, timeoutMs);
const command = (text: string, answer: string) => java.command(text, answer);

beforeAll(async () => {
  java = await JavaServer.start("dev.herald.it.e2e.EmitterServer");
});

afterAll(() => java.stop());

describe("generated client against the Java server", () => {
  it("receives all 15 seed events typed, then reconnects, resubscribes and refreshes after a restart", async () => {
    const port = java.port;
    const client = new EventClient({ url: `ws://127.0.0.1:${port}/api/events/ws`, WebSocket, baseDelayMs: 50, online: null });
    const received = new Map<string, unknown>();
    const states: ConnectionState[] = [];
    const resyncs: string[] = [];
    client.onStateChange((state) => states.push(state));
    client.onResync((reason, detail) => resyncs.push(`${reason}:${detail}`));
    client.onError((error) => {
      throw new Error(`client error: ${JSON.stringify(error)}`);
    });
    for (const name of Object.values(Events) as EventName[]) {
      client.on(name, (data, msg) => received.set(msg.event, data));
    }
    let created: EventPayloads["fs.created"] | undefined;
    client.on(Events.FS_CREATED, (data) => {
      created = data;
    });
    let fetches = 0;
    const controller = new RefreshController(
      async () => ++fetches,
      () => {},
      { delay: 0 },
    );
    client.onResync(() => controller.notify());
    client.start();

    await until(() => client.state === "open");
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.size === 15);

    expect([...received.keys()].sort()).toEqual(Object.values(Events).sort());
    expect(created).toEqual({ AssetID: "asset-123", Path: "/home/user/newfile.txt", IsDir: false });
    expect(received.get("task.progress")).toEqual({ TaskID: "task-1", Total: 100, Done: 42, Unit: "bytes", Note: "halfway" });
    expect(received.get("task.completed")).toEqual({ TaskID: "task-1", Success: true, Error: null });
    expect(received.get("fs.renamed")).toEqual({ AssetID: "asset-1", OldPath: "/a.txt", NewPath: "/b.txt" });

    // A restart of a single node is a new numbering: the client's position cannot be resumed from.
    await command("restart", "RESTARTED");
    await until(() => states.includes("reconnecting") && client.state === "open");
    await until(() => fetches === 1);
    expect(resyncs).toEqual(["server:epoch"]);

    received.clear();
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.size === 15);
    client.stop();
    controller.dispose();
  }, 60_000);

  it("resumes after a dropped connection: the missed events, $resumed, and no re-fetch", async () => {
    const port = java.port;
    const proxy = new CuttableProxy(port);
    const proxyPort = await proxy.listen();
    const client = new EventClient({ url: `ws://127.0.0.1:${proxyPort}/api/events/ws`, WebSocket, baseDelayMs: 300, online: null });
    const received: string[] = [];
    const resyncs: string[] = [];
    const resumed: number[] = [];
    client.onResync((reason, detail) => resyncs.push(`${reason}:${detail}`));
    client.onResume((replayed) => resumed.push(replayed));
    for (const name of Object.values(Events) as EventName[]) {
      client.on(name, (_data, msg) => received.push(msg.event));
    }
    client.start();
    await until(() => client.state === "open");
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.length === 15);
    const since = client.lastEventId;
    expect(since).toMatch(/^[a-z0-9]+-\d+$/);

    proxy.cut();
    await until(() => client.state === "reconnecting");
    await command("emit", "EMITTED"); // while it is away
    await until(() => client.state === "open");
    await until(() => resumed.length === 1);

    expect(received).toHaveLength(30);
    expect(resumed).toEqual([15]);
    expect(resyncs).toEqual([]);
    expect(client.lastEventId).not.toBe(since);
    client.stop();
    proxy.close();
  }, 60_000);
});

/** A TCP proxy to the server whose connections the test can drop, as a flaky network does. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(private readonly target: number) {
    this.server = createServer((inbound) => {
      const outbound = connect(this.target, "127.0.0.1");
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      inbound.pipe(outbound).pipe(inbound);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => resolve((this.server.address() as AddressInfo).port)));
  }

  /** Drops every connection through it, without a close frame; new ones are accepted at once. */
  cut(): void {
    this.sockets.forEach((socket) => socket.destroy());
  }

  close(): void {
    this.cut();
    this.server.close();
  }
}
