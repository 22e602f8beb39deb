import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { useHttpHarness } from "../support/harness.js";

describe("one bad request does not stop the bot", () => {
  const world = useHttpHarness({ env: { LOG_LEVEL: "debug" } });

  it("a signed payload=null is answered 400, and the next request is served", async () => {
    const answer = await world.h.client.postRaw("payload=null", "application/x-www-form-urlencoded");
    expect(answer.status).toBe(400);
    const { reply } = await world.ws.command("U0ENGINEER", "/sageops", "help");
    expect(JSON.stringify(reply?.args)).toContain("/train");
  });

  it("a 40,000-character /train is answered with its length, not planned into a message Slack would refuse", async () => {
    const { reply, posted } = await world.ws.command("U0ENGINEER", "/train", `churn-xgb ${"max_depth=6 ".repeat(3600)}`);
    expect(JSON.stringify(reply?.args)).toContain("sageops reads commands up to 8,000");
    expect(posted).toEqual([]);
  });

  it("LOG_LEVEL reaches Bolt's receiver: its debug lines come through our logger", () => {
    expect(world.h.logs.some((line) => line.includes('"component":"bolt"') && line.includes('"level":20'))).toBe(true);
  });
});

describe("start-up configuration", () => {
  it("an unwritable SAGEOPS_DB is bad configuration: one line naming the variable, exit 2", async () => {
    // A path under a regular file cannot be created by anyone, root included.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-ro-"));
    fs.writeFileSync(path.join(dir, "a-file"), "");
    try {
      const result = await runCli(["start"], { env: { SAGEOPS_DB: path.join(dir, "a-file", "sageops.db"), SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s", AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("SAGEOPS_DB");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
