// The cluster demo in a browser: a redis-server and two demo nodes sharing one data folder
// (as scripts/demo-cluster starts them), one page on each node. Screenshots go to
// demo/target/browser-screenshots/cluster-*.png.
import { mkdtempSync, rmSync } from "node:fs";
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
    // Without disk watching, the broker is the only way a node hears of the other's changes.
    nodes.push(await startDemo(port, eventsPort, data, ["--redis", `redis://127.0.0.1:${redisPort}`, "--no-disk-watch"]));
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
