// The sample page in Debian's chromium (playwright-core) against the running app: two windows,
// each logged in (the login form's POST), see each other's notes. GeneratedClientTest (Java) starts the app;
// samples/webflux's ReactivePageTest runs this against the reactive app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

const base = `http://127.0.0.1:${process.env.HERALD_PORT}`;
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * A window of its own browser context, logged in with the POST that Spring Security's login form
 * sends, made by the context so that the page gets the session cookie. The form page itself is not
 * loaded: on Reactor Netty 1.2 and 1.3 the request that follows it on the same keep-alive connection
 * (its stylesheet, /default-ui.css) sometimes never gets an answer (an upstream keep-alive race, seen
 * without Herald's endpoint too), which left the page's load waiting in about one run in two.
 */
async function loggedInPage(user: string): Promise<Page> {
  const context = await browser.newContext();
  const login = await context.request.post(`${base}/login`, { form: { username: user, password: "secret" }, maxRedirects: 0 });
  const location = login.headers()["location"] ?? "";
  if (login.status() !== 302 || location.includes("error")) {
    throw new Error(`${user} could not log in: ${login.status()} to "${location}"`);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(8000); // a step that hangs fails with its own message, within the test's time
  await page.goto(`${base}/`);
  try {
    await page.waitForFunction(() => document.querySelector("#status")?.textContent === "open", undefined, { timeout: 8000 });
  } catch (error) {
    // Which state it stuck in (a refusal closes it for good; "reconnecting" means the server is away).
    throw new Error(`${user}'s page did not connect: status "${await page.textContent("#status")}" at ${page.url()}`, { cause: error });
  }
  return page;
}

describe("the notes page", () => {
  it("shows a note added in one window in the other within 2 s", async () => {
    const [first, second] = [await loggedInPage("bob"), await loggedInPage("bob")];
    const title = `note ${Date.now()}`;

    await first.fill("input[name=title]", title);
    await first.press("input[name=title]", "Enter");

    await second.waitForFunction((t) => document.querySelector("#notes")?.textContent?.includes(t), title, { timeout: 2000 });
    await second.getByRole("listitem").filter({ hasText: title }).getByRole("button", { name: "Delete" }).click();
    await first.waitForFunction((t) => !document.querySelector("#notes")?.textContent?.includes(t), title, { timeout: 2000 });
    expect(await first.textContent("#notes")).not.toContain(title);
  }, 20_000);
});
