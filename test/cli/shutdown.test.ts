import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { waitFor } from "../support/wait.js";

describe("HTTP mode as an operator runs it", () => {
  it("serves /healthz on PORT and stops cleanly with exit 0 on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/sageops.mjs"), "start"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", SAGEOPS_DB: ":memory:", SLACK_BOT_TOKEN: "xoxb-operator-test", SLACK_SIGNING_SECRET: "operator-secret", SLACK_API_URL: "http://127.0.0.1:9/api/", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await waitFor(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
      } catch {
        return false;
      }
    }, { what: "the health check", timeoutMs: 15_000 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).not.toContain("xoxb-operator-test");
    expect(output).not.toContain("operator-secret");
  });
});
