// The cluster demo in a browser: a redis-server and two demo nodes sharing one data folder
// (as scripts/demo-cluster starts them: node 1 watches the folder, node 2 does not), one page on
// each node. Screenshots go to demo/target/browser-screenshots/cluster-*.png.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ASSET, SHOTS, freePort, launchBrowser, startDemo, startRedis, stopDemo } from "./demo-process.mjs";

let redis;
let nodes = [];
let browser;
let data;
let onNode1;
let onNode2;

const row = (page, name) => page.locator(`[data-testid="file-row"][data-name="${name}"]`);

async function openPage(port) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/#asset=${ASSET}`);
  await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 10_000 });
  await page.locator('[data-testid="file-row"]').first().waitFor({ timeout: 10_000 });
  return page;
}

before(async () => {
  const redisPort = await freePort();
  redis = await startRedis(redisPort);
  data = mkdtempSync(join(tmpdir(), "herald-cluster-"));
  const ports = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const eventsPort = await freePort();
    // One watcher per shared folder: node 1's. Node 2 hears of changes on disk through the broker.
    const watch = i === 0 ? [] : ["--no-disk-watch"];
    nodes.push(await startDemo(port, eventsPort, data, ["--redis", `redis://127.0.0.1:${redisPort}`, ...watch]));
    ports.push(port);
  }
  browser = await launchBrowser();
  onNode1 = await openPage(ports[0]);
  onNode2 = await openPage(ports[1]);
});

after(async () => {
  await browser?.close();
  for (const node of nodes) {
    await stopDemo(node);
  }
  redis?.kill("SIGKILL");
  rmSync(data, { recursive: true, force: true });
});

describe("a page on node 1 and a page on node 2", () => {
  for (const [from, to, label] of [
    [() => onNode1, () => onNode2, "node 1 to node 2"],
    [() => onNode2, () => onNode1, "node 2 to node 1"],
  ]) {
    test(`creating, renaming and deleting shows from ${label} within 2 s`, async () => {
      const [page, other] = [from(), to()];
      const name = `across-${label.replaceAll(" ", "-")}.txt`;
      await page.fill('[data-testid="new-name"]', name);
      await page.click('[data-testid="create-file"]');
      await row(other, name).waitFor({ timeout: 2_000 });
      await other.screenshot({ path: join(SHOTS, `cluster-created-${label.replaceAll(" ", "-")}.png`) });

      await row(page, name).locator('[data-testid="rename"]').click();
      await page.fill('[data-testid="rename-input"]', `renamed-${name}`);
      await page.press('[data-testid="rename-input"]', "Enter");
      await row(other, `renamed-${name}`).waitFor({ timeout: 2_000 });
      await row(other, name).waitFor({ state: "detached", timeout: 2_000 });

      await row(page, `renamed-${name}`).locator('[data-testid="delete"]').click();
      await row(other, `renamed-${name}`).waitFor({ state: "detached", timeout: 2_000 });
      await other.screenshot({ path: join(SHOTS, `cluster-deleted-${label.replaceAll(" ", "-")}.png`) });
    });
  }
});

/** Collects the `fs.changed` frames a page's own node sends, on a socket of the page's (the events port is in a meta tag). */
async function countFsChanged(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const port = document.querySelector('meta[name="herald-events-port"]').content;
        const socket = new WebSocket(`ws://${location.hostname}:${port}/api/events/ws?events=fs.changed`);
        window.fsChanged = [];
        socket.onmessage = (message) => window.fsChanged.push(JSON.parse(message.data));
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error("socket failed"));
      }),
  );
  return () => page.evaluate(() => window.fsChanged.filter((m) => m.event === "fs.changed"));
}

describe("a change on disk behind the app's back", () => {
  test("reaches each node's clients as one fs.changed, not one per node", async () => {
    const folder = join(data, ASSET, "watched-once");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "doomed.txt"), "bye");
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the watcher's own events settle
    const onNode1Changes = await countFsChanged(onNode1);
    const onNode2Changes = await countFsChanged(onNode2);

    rmSync(join(folder, "doomed.txt")); // one ENTRY_DELETE in one watched folder

    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && ((await onNode1Changes()).length === 0 || (await onNode2Changes()).length === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a second watcher's copy would arrive by now
    for (const [label, changes] of [["node 1", await onNode1Changes()], ["node 2", await onNode2Changes()]]) {
      assert.deepEqual(
        changes.map((m) => m.data.Path),
        ["/watched-once"],
        `fs.changed frames on ${label}: ${JSON.stringify(changes)}`,
      );
    }
  });
});
