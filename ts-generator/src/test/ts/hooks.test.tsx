// @vitest-environment jsdom
import { act, cleanup, render } from "@testing-library/react";
import { StrictMode, useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eventClient } from "../../main/ts/event_client";
import {
  Events,
  keyFilter,
  useConnectionState,
  useEvent,
  useEventClientInit,
  useOnEvent,
  useRefresh,
} from "../../main/ts/event_hooks";
import { FakeSocket } from "./fake_socket";

async function flush(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function send(event: string, data: object) {
  act(() => FakeSocket.last().serverSend({ event, data, ts: 1 }));
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.reset();
  eventClient.configure({ url: "ws://backend.test/api/events/ws", WebSocket: FakeSocket, online: null });
});

afterEach(async () => {
  cleanup();
  await vi.runOnlyPendingTimersAsync();
  vi.useRealTimers();
});

function Status() {
  return <span data-testid="state">{useConnectionState()}</span>;
}

describe("useEventClientInit and useEvent", () => {
  it("opens one socket under StrictMode's double mount", async () => {
    const handler = vi.fn();
    function App() {
      useEventClientInit();
      useEvent(Events.FS_CREATED, handler);
      return <Status />;
    }
    const view = render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    await flush();

    expect(FakeSocket.instances).toHaveLength(1);
    act(() => FakeSocket.last().serverOpen());
    expect(view.getByTestId("state").textContent).toBe("open");
    send("fs.created", { AssetID: "a", Path: "/", IsDir: false });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("does not resubscribe on re-render, and calls the latest handler", async () => {
    const onSpy = vi.spyOn(eventClient, "on");
    const seen: string[] = [];
    function App({ label }: { label: string }) {
      useEventClientInit();
      useEvent(Events.FS_CREATED, (data) => seen.push(`${label}:${data.Path}`));
      return null;
    }
    const view = render(<App label="first" />);
    await flush();
    act(() => FakeSocket.last().serverOpen());
    view.rerender(<App label="second" />);
    view.rerender(<App label="third" />);
    await flush();
    send("fs.created", { AssetID: "a", Path: "/p", IsDir: false });

    expect(onSpy).toHaveBeenCalledTimes(1);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(seen).toEqual(["third:/p"]);
    onSpy.mockRestore();
  });

  it("leaves no timer, listener or socket behind after unmount", async () => {
    function App() {
      useEventClientInit();
      useEvent(Events.FS_CREATED, () => {});
      useOnEvent([Events.FS_CREATED], () => {}, { delay: 100 });
      useRefresh([Events.FS_CREATED], () => Promise.resolve(1), { delay: 100 });
      return null;
    }
    const view = render(<App />);
    await flush();
    act(() => FakeSocket.last().serverOpen());
    send("fs.created", { AssetID: "a", Path: "/", IsDir: false });
    view.unmount();
    await flush();

    expect(vi.getTimerCount()).toBe(0);
    expect(FakeSocket.last().closedWith?.code).toBe(1000);
    expect(eventClient.state).toBe("closed");
    // no handler is left: starting again with no subscribers opens nothing
    eventClient.start();
    await flush();
    expect(FakeSocket.instances).toHaveLength(1);
    eventClient.stop();
  });
});

describe("useRefresh", () => {
  it("fetches on mount, again (debounced) for matching events and after a resync", async () => {
    const fetcher = vi.fn((): Promise<string[]> => Promise.resolve([`files@${fetcher.mock.calls.length}`]));
    let rendered: { data: string[] | undefined; loading: boolean } = { data: undefined, loading: true };
    function Files({ assetId }: { assetId: string }) {
      useEventClientInit();
      const state = useRefresh([Events.FS_CREATED, Events.FS_CHANGED], fetcher, {
        delay: 100,
        key: assetId,
        filter: keyFilter("AssetID", assetId),
      });
      rendered = state;
      return null;
    }
    render(<Files assetId="a1" />);
    await flush();
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(rendered).toMatchObject({ data: ["files@1"], loading: false });
    act(() => FakeSocket.last().serverOpen());

    send("fs.created", { AssetID: "a1", Path: "/1", IsDir: false });
    send("fs.changed", { AssetID: "a1", Path: "/" });
    send("fs.created", { AssetID: "other", Path: "/x", IsDir: false });
    await flush(99);
    expect(fetcher).toHaveBeenCalledTimes(1);
    await flush(1);
    expect(fetcher).toHaveBeenCalledTimes(2);

    send("fs.created", { AssetID: "other", Path: "/y", IsDir: false });
    await flush(200);
    expect(fetcher).toHaveBeenCalledTimes(2);

    act(() => FakeSocket.last().serverSend({ event: "$resync", ts: 2 }));
    await flush(100);
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it("after a resumed reconnect, refreshes only for the replayed events: 200 for one asset give one fetch", async () => {
    const fetches: string[] = [];
    function Files({ assetId }: { assetId: string }) {
      useEventClientInit();
      useRefresh([Events.FS_CHANGED], () => Promise.resolve(fetches.push(assetId)), {
        delay: 100,
        key: assetId,
        filter: keyFilter("AssetID", assetId),
      });
      return null;
    }
    render(
      <>
        <Files assetId="a1" />
        <Files assetId="a2" />
      </>,
    );
    await flush();
    act(() => FakeSocket.last().serverOpen());
    act(() => FakeSocket.last().serverSend({ event: "$position", ts: 1, position: "e-10" }));
    await flush(200);
    expect(fetches.sort()).toEqual(["a1", "a2"]);

    act(() => FakeSocket.last().serverClose(1012, "service restart"));
    await flush(2000);
    expect(new URL(FakeSocket.last().url).searchParams.get("since")).toBe("e-10");
    act(() => FakeSocket.last().serverOpen());
    act(() => {
      for (let i = 0; i < 200; i++) {
        FakeSocket.last().serverSend({ event: "fs.changed", data: { AssetID: "a2", Path: `/${i}` }, ts: 2, id: `e-${11 + i}` });
      }
      FakeSocket.last().serverSend({ event: "$resumed", ts: 2, replayed: 200 });
    });
    await flush(500);

    expect(fetches.sort()).toEqual(["a1", "a2", "a2"]);
  });

  it("fetches afresh when the key changes, and never applies after unmount", async () => {
    const resolvers: ((value: string) => void)[] = [];
    const fetcher = vi.fn(() => new Promise<string>((resolve) => resolvers.push(resolve)));
    const applied: (string | undefined)[] = [];
    let setAsset!: (id: string) => void;
    function Files() {
      const [assetId, set] = useState("a1");
      setAsset = set;
      const { data } = useRefresh([Events.FS_CREATED], fetcher, { key: assetId });
      applied.push(data);
      return null;
    }
    const view = render(<Files />);
    await flush();
    expect(fetcher).toHaveBeenCalledTimes(1);
    act(() => setAsset("a2"));
    await flush();
    expect(fetcher).toHaveBeenCalledTimes(2);

    await act(async () => resolvers[0]("stale a1"));
    await act(async () => resolvers[1]("a2 data"));
    expect(applied.at(-1)).toBe("a2 data");
    expect(applied).not.toContain("stale a1");

    view.unmount();
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe("useOnEvent", () => {
  it("calls back once per burst (debounced) and on resync", async () => {
    const onChange = vi.fn();
    function Panel() {
      useEventClientInit();
      useOnEvent([Events.TASK_PROGRESS], onChange, { delay: 100 });
      return null;
    }
    render(<Panel />);
    await flush();
    act(() => FakeSocket.last().serverOpen());
    for (let i = 0; i < 5; i++) {
      send("task.progress", { TaskID: "t", Total: 10, Done: i });
    }
    await flush(100);
    expect(onChange).toHaveBeenCalledTimes(1);

    act(() => FakeSocket.last().serverSend({ event: "$resync", ts: 1 }));
    await flush(100);
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
