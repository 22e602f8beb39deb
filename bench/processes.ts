/** The bot and the bare Bolt app as child processes of the bench, each with its own event loop. */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../test/support/cli.js";
import { freePort } from "../test/support/ports.js";
import { sleep } from "./stats.js";

export interface Child {
  name: string;
  url: string;
  pid: number;
  /** Resident set size now, in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function untilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}; see ${logFile}:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${url} did not answer /healthz within 30 s; see ${logFile}`);
}

/** Starts `args` under node with `env` (and nothing else from this process's environment) and waits for /healthz. */
export async function startChild(name: string, args: string[], env: Record<string, string>, dir: string): Promise<Child> {
  const port = await freePort();
  const logFile = path.join(dir, `${name}.log`);
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env, PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child, logFile);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} has no pid`);
  return {
    name,
    url,
    pid,
    rssMb: () => rssOf(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export const BOT_ARGS = [path.join(REPO_ROOT, "bin/sageops.mjs"), "start"];
export const BARE_ARGS = ["--import", "tsx", path.join(REPO_ROOT, "bench/bare-bolt.ts")];
