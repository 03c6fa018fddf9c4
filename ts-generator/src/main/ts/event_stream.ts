// Herald client runtime: the event stream (Server-Sent Events) as a socket the event client can use.

import type { WebSocketConstructor, WebSocketLike } from "./event_client";

/** What the event stream needs of `fetch`; the browser's and Node's (18 and later) both fit. */
export type FetchLike = (
  url: string,
  init: {
    headers: Record<string, string>;
    credentials: "same-origin";
    cache: "no-store";
    signal: unknown;
  },
) => Promise<StreamResponse>;

export interface StreamResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly body: { getReader(): StreamReader } | null;
  text(): Promise<string>;
}

interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

interface Abort {
  readonly signal: unknown;
  abort(): void;
}

interface Decoder {
  decode(bytes?: Uint8Array, options?: { stream: boolean }): string;
}

/** The close code a refused event stream stands for: the same as a refused WebSocket's. */
export function closeCodeOf(status: number): number {
  switch (status) {
    case 400:
      return 4400;
    case 401:
      return 4401;
    case 403:
      return 4403;
    case 429:
      return 4429;
    case 503:
      return 1012;
    default:
      return 1006;
  }
}

/**
 * Reads a `text/event-stream` as it arrives, in pieces of any size: `data:` lines up to a blank line
 * make one message; `id:`, `retry:` and other fields are not needed (each Herald frame carries its
 * id in its JSON). A comment `: closed <code> <reason>` (the server's last words when it stops)
 * is kept as the close the stream's end stands for.
 */
export class EventStreamParser {
  private pending = "";
  private data: string[] = [];
  /** The close the server announced, if any. */
  closedWith: { code: number; reason: string } | undefined;

  constructor(private readonly onMessage: (data: string) => void) {}

  push(text: string): void {
    this.pending += text;
    for (;;) {
      const end = this.lineEnd();
      if (end < 0) {
        return;
      }
      const line = this.pending.slice(0, end);
      const crlf = this.pending[end] === "\r" && this.pending[end + 1] === "\n";
      this.pending = this.pending.slice(end + (crlf ? 2 : 1));
      this.line(line);
    }
  }

  /** Where the first complete line ends; a `\r` at the very end may still be half of `\r\n`. */
  private lineEnd(): number {
    for (let i = 0; i < this.pending.length; i++) {
      const c = this.pending[i];
      if (c === "\n") {
        return i;
      }
      if (c === "\r") {
        return i + 1 < this.pending.length ? i : -1;
      }
    }
    return -1;
  }

  private line(line: string): void {
    if (line === "") {
      if (this.data.length > 0) {
        const message = this.data.join("\n");
        this.data = [];
        this.onMessage(message);
      }
      return;
    }
    if (line.startsWith(":")) {
      const closed = /^: ?closed (\d+) ?(.*)$/.exec(line);
      if (closed) {
        this.closedWith = { code: Number(closed[1]), reason: closed[2] ?? "" };
      }
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "data") {
      this.data.push(value);
    }
  }
}

/**
 * An event stream read with `fetch`, shaped like a WebSocket for the event client: `onopen` once
 * the server answered 200, `onmessage` per event, `onclose` when the stream ends (with the code the
 * server announced, 1012 when it stops) or was refused (its HTTP status as the WebSocket close code
 * it stands for: 401 as 4401 and so on, the body as the reason). `fetch` rather than `EventSource`:
 * it shows the status of a refusal, and the client decides when to reconnect.
 */
export function eventStreamSocket(fetchImpl?: FetchLike): WebSocketConstructor {
  return class EventStreamSocket implements WebSocketLike {
    onopen: ((event: never) => void) | null = null;
    onclose: ((event: never) => void) | null = null;
    onmessage: ((event: never) => void) | null = null;
    onerror: ((event: never) => void) | null = null;
    private readonly abort: Abort | undefined;
    private ended = false;

    constructor(url: string) {
      const Controller = (globalThis as { AbortController?: new () => Abort }).AbortController;
      this.abort = Controller ? new Controller() : undefined;
      const fetcher = fetchImpl ?? (globalThis as { fetch?: FetchLike }).fetch;
      if (!fetcher) {
        queueMicrotask(() => this.end(1006, "no fetch implementation"));
        return;
      }
      void this.read(fetcher, url);
    }

    close(code?: number, reason?: string): void {
      this.abort?.abort();
      queueMicrotask(() => this.end(code ?? 1000, reason ?? ""));
    }

    private async read(fetcher: FetchLike, url: string): Promise<void> {
      let response: StreamResponse;
      try {
        response = await fetcher(url, {
          headers: { Accept: "text/event-stream" },
          credentials: "same-origin",
          cache: "no-store",
          signal: this.abort?.signal,
        });
      } catch (error) {
        this.end(1006, String(error));
        return;
      }
      if (!response.ok || !response.body) {
        const reason = await response.text().catch(() => "");
        this.end(closeCodeOf(response.status), reason.trim());
        return;
      }
      if (this.ended) {
        return;
      }
      (this.onopen as ((event: unknown) => void) | null)?.({});
      const parser = new EventStreamParser((data) => {
        if (!this.ended) {
          (this.onmessage as ((event: { data: string }) => void) | null)?.({ data });
        }
      });
      const Text = (globalThis as { TextDecoder?: new (label: string) => Decoder }).TextDecoder;
      const decoder = Text ? new Text("utf-8") : undefined;
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || this.ended) {
            break;
          }
          if (value && decoder) {
            parser.push(decoder.decode(value, { stream: true }));
          }
        }
      } catch (error) {
        this.end(1006, String(error));
        return;
      }
      const closed = parser.closedWith;
      this.end(closed?.code ?? 1006, closed?.reason ?? "the stream ended");
    }

    private end(code: number, reason: string): void {
      if (this.ended) {
        return;
      }
      this.ended = true;
      (this.onclose as ((event: { code: number; reason: string }) => void) | null)?.({ code, reason });
    }
  };
}
