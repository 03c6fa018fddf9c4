// An in-memory WebSocket double: records every socket the client opens and lets a test play the server.

import type { WebSocketLike } from "../../main/ts/event_client";

export class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];

  onopen: ((event: never) => void) | null = null;
  onclose: ((event: never) => void) | null = null;
  onmessage: ((event: never) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  closedWith: { code?: number; reason?: string } | undefined;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  static reset(): void {
    FakeSocket.instances = [];
  }

  static last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) {
      throw new Error("no socket was opened");
    }
    return socket;
  }

  /** The `events` query parameter, or null when the socket asked for everything. */
  get events(): string | null {
    return new URL(this.url).searchParams.get("events");
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
  }

  serverOpen(): void {
    (this.onopen as ((event: unknown) => void) | null)?.({});
  }

  serverSend(frame: unknown): void {
    const data = typeof frame === "string" ? frame : JSON.stringify(frame);
    (this.onmessage as ((event: { data: unknown }) => void) | null)?.({ data });
  }

  serverClose(code = 1006, reason = ""): void {
    (this.onclose as ((event: { code: number; reason: string }) => void) | null)?.({ code, reason });
  }
}
