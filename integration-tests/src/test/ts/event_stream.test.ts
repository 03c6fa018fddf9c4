// The generated client over Server-Sent Events, in Node against the endpoint in embedded Tomcat:
// typed events over the event stream; a restart ends the stream with 1012 and the client comes
// back; and with transport "auto", a proxy that refuses WebSocket upgrades makes it fall back to
// the event stream at once.
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { EventClient, type ConnectionState } from "@/api/event_client";
import { Events, type EventName } from "@/api/events";
import { JavaServer } from "./java_server";

let java: JavaServer;
const until = (condition: () => boolean, timeoutMs?: number) => java.until(condition, timeoutMs);
const command = (text: string, answer: string) => java.command(text, answer);

beforeAll(async () => {
  java = await JavaServer.start("dev.herald.it.e2e.ContainerServer");
});

afterAll(() => java.stop());

describe("generated client over Server-Sent Events, against the endpoint in Tomcat", () => {
  it("receives all 15 seed events typed, and comes back after a restart", async () => {
    const client = new EventClient({ url: `http://127.0.0.1:${java.port}/api/events/ws`, transport: "sse", online: null });
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
    client.start();
    await until(() => client.state === "open");
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.size === 15);
    expect(received.get("fs.created")).toEqual({ AssetID: "asset-123", Path: "/home/user/newfile.txt", IsDir: false });
    expect(received.get("task.completed")).toEqual({ TaskID: "task-1", Success: true, Error: null });
    expect(client.lastEventId).toMatch(/^[a-z0-9]+-\d+$/);

    // The stream ends with the server's 1012; the client is back within the restart spread, and a
    // single node's restart is a new numbering: $resync with its reason.
    await command("restart", "RESTARTED");
    await until(() => states.includes("reconnecting") && client.state === "open");
    await until(() => resyncs.length === 1);
    expect(resyncs).toEqual(["server:epoch"]);
    received.clear();
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.size === 15);
    client.stop();
  }, 60_000);

  it("auto: behind a proxy that answers every WebSocket upgrade with 403, it takes the event stream", async () => {
    const proxy = new UpgradeRefusingProxy(java.port);
    const proxyPort = await proxy.listen();
    const client = new EventClient({ url: `ws://127.0.0.1:${proxyPort}/api/events/ws`, WebSocket, online: null });
    const received: string[] = [];
    client.on(Events.FS_CREATED, (data) => received.push(data.Path));
    client.start();
    const started = Date.now();
    await until(() => client.state === "open");
    await command("await", "CONNECTED");
    await command("emit", "EMITTED");
    await until(() => received.length === 1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(proxy.refusedUpgrades).toBe(1);
    expect(proxy.streams).toBe(1);
    client.stop();
    proxy.close();
  }, 60_000);
});

/**
 * An HTTP proxy as some corporate ones are: a request that asks for a WebSocket upgrade gets 403,
 * anything else goes through to the server.
 */
class UpgradeRefusingProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  refusedUpgrades = 0;
  streams = 0;

  constructor(private readonly target: number) {
    this.server = createServer((inbound) => {
      this.sockets.add(inbound);
      inbound.on("close", () => this.sockets.delete(inbound));
      inbound.on("error", () => inbound.destroy());
      inbound.once("data", (head: Buffer) => {
        const request = head.toString("latin1");
        if (/^upgrade:\s*websocket/im.test(request)) {
          this.refusedUpgrades++;
          inbound.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          return;
        }
        if (/^accept:.*text\/event-stream/im.test(request)) {
          this.streams++;
        }
        const outbound = connect(this.target, "127.0.0.1");
        this.sockets.add(outbound);
        outbound.on("close", () => this.sockets.delete(outbound));
        outbound.on("error", () => outbound.destroy());
        outbound.write(head);
        inbound.pipe(outbound).pipe(inbound);
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => resolve((this.server.address() as AddressInfo).port)));
  }

  close(): void {
    this.sockets.forEach((socket) => socket.destroy());
    this.server.close();
  }
}
