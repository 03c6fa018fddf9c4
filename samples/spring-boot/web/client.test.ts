// The generated TypeScript client in Node against the running sample app, on the app's own port,
// admitted by the session cookie of a form login. GeneratedClientTest (Java) starts the app and runs
// this; samples/webflux's ReactivePageTest runs it against the reactive app.
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { EventClient, type EventClientError } from "@/events/event_client";
import { Events, type EventPayloads } from "@/events/events";

const base = `http://127.0.0.1:${process.env.HERALD_PORT}`;

async function login(user: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `username=${user}&password=secret`,
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  // A servlet app's session cookie, or a reactive one's (WebFlux: SESSION).
  if (!cookie || !/^(JSESSIONID|SESSION)=/.test(cookie)) throw new Error(`login failed: ${response.status}`);
  return cookie;
}

/** `ws` with the session cookie on the upgrade request, as a browser sends it. */
function withCookie(cookie: string | undefined) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, cookie ? { headers: { Cookie: cookie } } : {});
    }
  };
}

function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error("timed out"));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe("the generated client against the Spring Boot sample", () => {
  it("gets typed events for the logged-in user's notes", async () => {
    const cookie = await login("alice");
    const client = new EventClient({ url: `ws://127.0.0.1:${process.env.HERALD_PORT}/api/events/ws`, WebSocket: withCookie(cookie), online: null });
    const created: EventPayloads[typeof Events.NOTE_CREATED][] = [];
    client.on(Events.NOTE_CREATED, (data) => created.push(data));
    client.start();
    await until(() => client.state === "open");

    const response = await fetch(`${base}/api/notes`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({ title: "from node" }),
    });
    expect(response.status).toBe(201);
    await until(() => created.length === 1);
    expect(created[0]).toMatchObject({ owner: "alice", title: "from node" });
    client.stop();
  });

  it("is refused with 4401 without a login, and does not retry", async () => {
    const client = new EventClient({ url: `ws://127.0.0.1:${process.env.HERALD_PORT}/api/events/ws`, WebSocket: withCookie(undefined), online: null });
    const errors: EventClientError[] = [];
    client.onError((error) => errors.push(error));
    client.on(Events.NOTE_CREATED, () => undefined); // a client connects for what it listens to
    client.start();
    await until(() => errors.length > 0);
    expect(errors[0]).toEqual({ kind: "refused", code: 4401, reason: "not authenticated" });
    expect(client.state).toBe("closed");
    client.stop();
  });
});
