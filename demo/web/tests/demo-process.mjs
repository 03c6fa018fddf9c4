// What the browser tests share: free ports, the demo's Java process, a redis-server, the browser.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { chromium } from "playwright-core";

const JAR = new URL("../../target/herald-demo.jar", import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = new URL("../../target/browser-screenshots/", import.meta.url).pathname;
export const ASSET = "getting-started";

mkdirSync(SHOTS, { recursive: true });

/** Ports handed out in this run: the kernel may offer a just-closed port again, to the next caller. */
const handedOut = new Set();

export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Starts the demo (options after the ports and data folder in `extra`) and resolves once it prints its URL. */
export function startDemo(port, eventsPort, data, extra = []) {
  return new Promise((resolve, reject) => {
    const args = ["-jar", JAR, "--port", String(port), "--events-port", String(eventsPort), "--data", data, ...extra];
    const child = spawn("java", args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes("Herald demo: http://")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
}

export function stopDemo(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run"],
  });
}

/** Starts Debian's redis-server on `port`, without persistence; resolves once it accepts connections. */
export async function startRedis(port) {
  const binary = ["/usr/bin/redis-server", "/usr/sbin/redis-server"].find((path) => existsSync(path));
  if (!binary) {
    throw new Error("redis-server is not installed: apt-get install -y redis-server (scripts/test installs it)");
  }
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) {
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not listen on ${port}`);
}
