// The Java side of an end-to-end test: a main class of the integration tests in a child JVM,
// driven by lines on its stdin, answering with lines on its stdout (the first is `PORT <n>`).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";

export class JavaServer {
  readonly lines: string[] = [];
  private readonly java: ChildProcessWithoutNullStreams;

  private constructor(mainClass: string) {
    const classpath = ["target/test-classes", "target/classes", readFileSync("target/test-classpath.txt", "utf8").trim()].join(":");
    this.java = spawn("java", ["-cp", classpath, mainClass]);
    this.java.stdout.setEncoding("utf8");
    this.java.stdout.on("data", (chunk: string) => this.lines.push(...chunk.split("\n").filter(Boolean)));
    this.java.stderr.on("data", () => {});
  }

  /** Starts `mainClass` and waits for its port. */
  static async start(mainClass: string): Promise<JavaServer> {
    const server = new JavaServer(mainClass);
    await server.until(() => server.lines.some((line) => line.startsWith("PORT ")), 30_000);
    return server;
  }

  get port(): number {
    return Number(this.lines.find((line) => line.startsWith("PORT "))!.slice(5));
  }

  /** Resolves once `condition` holds; rejects after the timeout with what the server said. */
  until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (condition()) resolve();
        else if (Date.now() > deadline) reject(new Error(`timed out; java said:\n${this.lines.join("\n")}`));
        else setTimeout(check, 10);
      };
      check();
    });
  }

  /** Sends a command and waits for the line that answers it. */
  async command(text: string, answer: string): Promise<void> {
    const before = this.lines.length;
    this.java.stdin.write(`${text}\n`);
    await this.until(() => this.lines.slice(before).some((line) => line.startsWith(answer)), 30_000);
  }

  stop(): void {
    this.java.stdin.write("quit\n");
    this.java.kill();
  }
}
