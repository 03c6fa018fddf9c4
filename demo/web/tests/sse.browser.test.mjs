// The demo behind a proxy that refuses every WebSocket upgrade with 403, as some corporate proxies
// and gateways do: the page falls back to Server-Sent Events on the same URL and stays live. The
// proxy forwards everything else to the demo's events port, which the page is told to use
// (--public-events-port). Screenshots: sse-*.png.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ASSET, SHOTS, freePort, launchBrowser, startDemo, stopDemo } from "./demo-process.mjs";

let browser;
let demo;
let proxy;
let port;
let data;
/** WebSocket upgrades the proxy refused, and event-stream requests it forwarded. */
const seen = { refusedUpgrades: 0, streams: 0 };

/** A TCP proxy to `target` that answers any request asking for a WebSocket upgrade with 403. */
function startUpgradeRefusingProxy(listenPort, target) {
  const server = createServer((client) => {
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      client.off("data", onData);
      const request = head.subarray(0, end).toString("latin1");
      if (/^upgrade:\s*websocket\s*$/im.test(request)) {
        seen.refusedUpgrades++;
        client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      if (/^accept:.*text\/event-stream/im.test(request)) seen.streams++;
      const upstream = createConnection({ host: "127.0.0.1", port: target }, () => {
        upstream.write(head);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    };
    client.on("data", onData);
  });
  return new Promise((resolve) => server.listen(listenPort, "127.0.0.1", () => resolve(server)));
}

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/#asset=${ASSET}`);
  await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="file-row"]').first().waitFor({ timeout: 10_000 });
  return page;
}

const row = (page, name) => page.locator(`[data-testid="file-row"][data-name="${name}"]`);

before(async () => {
  port = await freePort();
  const eventsPort = await freePort();
  const proxyPort = await freePort();
  proxy = await startUpgradeRefusingProxy(proxyPort, eventsPort);
  data = mkdtempSync(join(tmpdir(), "herald-sse-"));
  demo = await startDemo(port, eventsPort, data, ["--public-events-port", String(proxyPort)]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  proxy?.close();
  if (demo) await stopDemo(demo);
  rmSync(data, { recursive: true, force: true });
});

describe("the demo behind a proxy that refuses WebSocket upgrades", () => {
  test("the page falls back to Server-Sent Events, and a change in another window shows within 2 s", async () => {
    const pageA = await openPage();
    const pageB = await openPage();
    assert.ok(seen.refusedUpgrades >= 1, "the pages tried WebSocket first");
    assert.ok(seen.streams >= 2, `each page reads the event stream (${seen.streams} streams)`);
    await pageB.screenshot({ path: join(SHOTS, "sse-01-open-over-event-stream.png") });

    await pageA.fill('[data-testid="new-name"]', "through-the-proxy.txt");
    await pageA.click('[data-testid="create-file"]');
    await row(pageB, "through-the-proxy.txt").waitFor({ timeout: 2_000 });
    await pageB.screenshot({ path: join(SHOTS, "sse-02-change-seen-in-other-page.png") });

    await row(pageA, "through-the-proxy.txt").locator('[data-testid="delete"]').click();
    await row(pageB, "through-the-proxy.txt").waitFor({ state: "detached", timeout: 2_000 });
    const upgradesAfterFallback = seen.refusedUpgrades;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(seen.refusedUpgrades, upgradesAfterFallback, "no more upgrades once on the event stream");
  });
});
