// Resume in a browser: the demo with --redis, a page open on node 1, node 1 stopped and started
// again while node 2 (the same data folder, the same Redis) goes on. The page reconnects with its
// last position and resumes from the Redis stream; Playwright counts the page's HTTP requests to
// show that it re-fetches only what a missed event touched. Screenshots: resume-*.png.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ASSET, SHOTS, freePort, launchBrowser, startDemo, startRedis, stopDemo } from "./demo-process.mjs";

let redis;
let redisUri;
let node1;
let node2;
let ports;
let browser;
let data;
let page;
/** The page's HTTP requests to the app's API, as "GET /api/..." lines. */
const requests = [];
/** The control frames the page's socket received, by name. */
const control = [];

const row = (name) => page.locator(`[data-testid="file-row"][data-name="${name}"]`);
const connection = (state) => page.locator(`[data-testid="connection"][data-state="${state}"]`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startNode1() {
  return startDemo(ports.http1, ports.events1, data, ["--redis", redisUri]);
}

/** Stops node 1 (SIGTERM: it closes the page's socket with 1012), runs `meanwhile`, starts it again. */
async function restartNode1(meanwhile) {
  await stopDemo(node1);
  await connection("open").waitFor({ state: "detached", timeout: 10_000 });
  await meanwhile();
  node1 = await startNode1();
  await connection("open").waitFor({ timeout: 15_000 });
}

before(async () => {
  ports = { redis: await freePort(), http1: await freePort(), events1: await freePort() };
  ports.http2 = await freePort();
  ports.events2 = await freePort();
  redis = await startRedis(ports.redis);
  redisUri = `redis://127.0.0.1:${ports.redis}`;
  data = mkdtempSync(join(tmpdir(), "herald-resume-"));
  node1 = await startNode1();
  node2 = await startDemo(ports.http2, ports.events2, data, ["--redis", redisUri, "--no-disk-watch"]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/")) {
      requests.push(`${request.method()} ${url.pathname}${url.search}`);
    }
  });
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      const name = JSON.parse(String(payload)).event;
      if (name.startsWith("$")) {
        control.push(name);
      }
    }),
  );
  await page.goto(`http://127.0.0.1:${ports.http1}/#asset=${ASSET}`);
  await connection("open").waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="file-row"]').first().waitFor({ timeout: 10_000 });
  await sleep(500); // the first fetches settle
});

after(async () => {
  await browser?.close();
  await stopDemo(node1);
  await stopDemo(node2);
  redis?.kill("SIGKILL");
  rmSync(data, { recursive: true, force: true });
});

describe("a page on node 1 while node 1 restarts", () => {
  test("nothing happened meanwhile: it resumes and re-fetches nothing", async () => {
    requests.length = 0;
    control.length = 0;

    await restartNode1(async () => {});
    await sleep(1_000); // a re-fetch would be under way by now (the hooks debounce 100 ms)

    assert.ok(control.includes("$resumed"), `control frames: ${control.join(", ")}`);
    assert.ok(!control.includes("$resync"), `control frames: ${control.join(", ")}`);
    assert.deepEqual(requests, []);
  });

  test("one file created meanwhile: only that asset's list is re-fetched", async () => {
    requests.length = 0;
    control.length = 0;

    await restartNode1(async () => {
      const created = await fetch(`http://127.0.0.1:${ports.http2}/api/fs/files`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ assetId: ASSET, path: "/while-node-1-was-down.txt", dir: false, content: "" }),
      });
      assert.equal(created.status, 201, await created.text());
    });
    await row("while-node-1-was-down.txt").waitFor({ timeout: 5_000 });
    await sleep(1_000);
    await page.screenshot({ path: join(SHOTS, "resume-missed-file.png") });

    assert.ok(control.includes("$resumed"), `control frames: ${control.join(", ")}`);
    assert.ok(!control.includes("$resync"), `control frames: ${control.join(", ")}`);
    assert.ok(requests.length >= 1, "the asset's list was re-fetched");
    for (const request of requests) {
      assert.match(request, new RegExp(`^GET /api/fs/list\\?assetId=${ASSET}&`), `requests: ${requests.join(", ")}`);
    }
  });
});
