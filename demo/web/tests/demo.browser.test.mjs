// Browser tests of the demo: the real Java process, Debian's chromium driven by playwright-core.
// Screenshots of each step go to demo/target/browser-screenshots/.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ASSET, SHOTS, freePort, launchBrowser, startDemo, stopDemo } from "./demo-process.mjs";

let browser;
let demo;
let port;
let eventsPort;
let data;
let pageA;
let pageB;

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
  eventsPort = await freePort();
  data = mkdtempSync(join(tmpdir(), "herald-demo-"));
  demo = await startDemo(port, eventsPort, data);
  browser = await launchBrowser();
  pageA = await openPage();
  pageB = await openPage();
  await pageA.screenshot({ path: join(SHOTS, "01-two-pages-open.png") });
});

after(async () => {
  await browser?.close();
  if (demo) {
    await stopDemo(demo);
  }
  rmSync(data, { recursive: true, force: true });
});

describe("two pages on the same asset", () => {
  test("creating, renaming and deleting in one page shows in the other within 2 s", async () => {
    await pageA.fill('[data-testid="new-name"]', "plan.txt");
    await pageA.click('[data-testid="create-file"]');
    await row(pageB, "plan.txt").waitFor({ timeout: 2_000 });
    await pageB.screenshot({ path: join(SHOTS, "02-created-seen-in-other-page.png") });

    await row(pageA, "plan.txt").locator('[data-testid="rename"]').click();
    await pageA.fill('[data-testid="rename-input"]', "plan-final.txt");
    await pageA.press('[data-testid="rename-input"]', "Enter");
    await row(pageB, "plan-final.txt").waitFor({ timeout: 2_000 });
    await row(pageB, "plan.txt").waitFor({ state: "detached", timeout: 2_000 });
    await pageB.screenshot({ path: join(SHOTS, "03-renamed-seen-in-other-page.png") });

    await row(pageA, "plan-final.txt").locator('[data-testid="delete"]').click();
    await row(pageB, "plan-final.txt").waitFor({ state: "detached", timeout: 2_000 });
    await pageB.screenshot({ path: join(SHOTS, "04-deleted-seen-in-other-page.png") });
  });

  test("a file written straight into the asset's folder shows up", async () => {
    writeFileSync(join(data, ASSET, "from-disk.txt"), "written behind the app's back\n");
    await row(pageA, "from-disk.txt").waitFor({ timeout: 2_000 });
    await row(pageB, "from-disk.txt").waitFor({ timeout: 2_000 });
    await pageA.screenshot({ path: join(SHOTS, "05-file-from-disk.png") });
  });

  test("a change shows in the other page quickly (median of 20, measured)", async () => {
    const times = [];
    for (let i = 0; i < 20; i++) {
      const name = `timed-${i}.txt`;
      const start = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/fs/files`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ assetId: ASSET, path: `/${name}` }),
      });
      assert.equal(response.status, 201);
      await row(pageB, name).waitFor({ timeout: 2_000 });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = (times[9] + times[10]) / 2;
    const report = `file change to other page: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[19].toFixed(0)} ms (n=20)\n`;
    writeFileSync(join(SHOTS, "latency.txt"), report);
    console.log(report.trim());
    assert.ok(median < 2_000);
  });

  test("a task's progress bar reaches 100% and the toast appears", async () => {
    await pageA.click('[data-testid="start-task"]');
    const task = pageB.locator('[data-testid="task"]').first();
    await task.waitFor({ timeout: 2_000 });
    await pageB.screenshot({ path: join(SHOTS, "06-task-running.png") });
    await task.locator('[data-testid="task-percent"]', { hasText: "100%" }).waitFor({ timeout: 15_000 });
    await pageB.locator('[data-testid="toast"]', { hasText: "Task completed!" }).waitFor({ timeout: 5_000 });
    await pageB.screenshot({ path: join(SHOTS, "07-task-done-toast.png") });
  });

  test("a server restart shows reconnecting, then fresh data", async () => {
    await stopDemo(demo);
    await pageA.locator('[data-testid="connection"][data-state="reconnecting"]').waitFor({ timeout: 5_000 });
    await pageA.screenshot({ path: join(SHOTS, "08-server-down-reconnecting.png") });
    writeFileSync(join(data, ASSET, "while-down.txt"), "changed while the server was down\n");

    demo = await startDemo(port, eventsPort, data);
    await pageA.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 15_000 });
    await row(pageA, "while-down.txt").waitFor({ timeout: 5_000 });
    await pageA.screenshot({ path: join(SHOTS, "09-reconnected-fresh-data.png") });
  });
});
