import { describe, expect, it } from "vitest";
import { EventStreamParser, closeCodeOf, eventStreamSocket, type FetchLike, type StreamResponse } from "../../main/ts/event_stream";

describe("EventStreamParser", () => {
  it("joins data lines up to a blank line, across pieces of any size and any line ending", () => {
    const got: string[] = [];
    const parser = new EventStreamParser((data) => got.push(data));
    const text = 'retry: 1500\n\nid: e-1\ndata: {"a":1}\n\n:\n\ndata: one\r\ndata: two\r\n\r\nid: e-2\rdata: {"b":2}\r\r:\n'; // a lone \r at the very end may be half of \r\n: a line follows
    for (const piece of text.split("")) {
      parser.push(piece);
    }
    expect(got).toEqual(['{"a":1}', "one\ntwo", '{"b":2}']);
    expect(parser.closedWith).toBeUndefined();
  });

  it("keeps the close the server announced in its last comment", () => {
    const parser = new EventStreamParser(() => undefined);
    parser.push(": closed 1012 service restart\n\n");
    expect(parser.closedWith).toEqual({ code: 1012, reason: "service restart" });
  });

  it("maps refusals to the WebSocket close codes they stand for", () => {
    expect([400, 401, 403, 429, 503, 500, 404].map(closeCodeOf)).toEqual([4400, 4401, 4403, 4429, 1012, 1006, 1006]);
  });
});

/** A response whose body the test writes. */
function streamed(status: number, chunks: string[], body = ""): StreamResponse {
  const encoder = new TextEncoder();
  let index = 0;
  return {
    ok: status === 200,
    status,
    text: async () => body,
    body: {
      getReader: () => ({
        read: async () =>
          index < chunks.length ? { done: false, value: encoder.encode(chunks[index++]) } : { done: true },
        cancel: async () => undefined,
      }),
    },
  };
}

function open(fetcher: FetchLike) {
  const Socket = eventStreamSocket(fetcher);
  const events: string[] = [];
  const socket = new Socket("http://test/api/events/ws?events=a.b");
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.onclose = ((event: { code: number; reason: string }) => resolve(event)) as (event: never) => void;
  });
  socket.onopen = (() => events.push("open")) as (event: never) => void;
  socket.onmessage = ((event: { data: string }) => events.push(event.data)) as (event: never) => void;
  return { socket, events, closed };
}

describe("eventStreamSocket", () => {
  it("asks for text/event-stream, opens on 200, delivers each event, and ends with the announced close", async () => {
    let asked: { url: string; accept: string } | undefined;
    const { events, closed } = open(async (url, init) => {
      asked = { url, accept: init.headers.Accept! };
      return streamed(200, ["retry: 900\n\nid: e-1\ndata: {\"x\"", ":1}\n\n", ": closed 1012 service restart\n\n"]);
    });
    expect(await closed).toEqual({ code: 1012, reason: "service restart" });
    expect(events).toEqual(["open", '{"x":1}']);
    expect(asked).toEqual({ url: "http://test/api/events/ws?events=a.b", accept: "text/event-stream" });
  });

  it("a refusal closes with its code and the body as the reason, without opening", async () => {
    const { events, closed } = open(async () => streamed(401, [], "not authenticated\n"));
    expect(await closed).toEqual({ code: 4401, reason: "not authenticated" });
    expect(events).toEqual([]);
  });

  it("a stream that ends without a word, or a fetch that fails, closes with 1006", async () => {
    expect(await open(async () => streamed(200, ["data: 1\n\n"])).closed).toEqual({ code: 1006, reason: "the stream ended" });
    const failed = await open(async () => {
      throw new TypeError("network down");
    }).closed;
    expect(failed.code).toBe(1006);
    expect(failed.reason).toContain("network down");
  });

  it("close() aborts the request and closes with the given code", async () => {
    let signal: { aborted: boolean } | undefined;
    const { socket, closed } = open((_url, init) => {
      signal = init.signal as { aborted: boolean };
      return new Promise(() => undefined); // never answers
    });
    socket.close(1000, "client stopped");
    expect(await closed).toEqual({ code: 1000, reason: "client stopped" });
    expect(signal?.aborted).toBe(true);
  });
});
