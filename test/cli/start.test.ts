import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("npm start", () => {
  it("with no Slack tokens runs the local console on the sandbox: `/sageops help` prints the help and it exits 0 at end of input", async () => {
    const result = await runCli(["start"], { stdin: "/sageops help\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sageops console");
    expect(result.stdout).toMatch(/sandbox .*simulation/);
    expect(result.stdout).toContain("/train");
    expect(result.stdout).toContain("/deploy");
    expect(result.stdout).toContain("only U0ENGINEER sees this");
  });

  it("with only SLACK_BOT_TOKEN set prints one line naming the missing variable and exits 2", async () => {
    const result = await runCli(["start"], { env: { SLACK_BOT_TOKEN: "xoxb-only-bot-token" } });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("SLACK_APP_TOKEN");
    expect(result.stderr).not.toContain("xoxb-only-bot-token");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a bad value is named in one line with exit 2", async () => {
    const result = await runCli(["start"], { env: { SAGEOPS_DRY_RUN: "maybe" } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("sageops: SAGEOPS_DRY_RUN must be true or false");
  });

  it("a PostgreSQL store that cannot be reached at start is one line naming SAGEOPS_DATABASE_URL, exit 2, and never its password", async () => {
    const result = await runCli(["start"], { stdin: "", env: { SAGEOPS_DATABASE_URL: "postgresql://sageops:hunter2-secret@127.0.0.1:9/sageops" } });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sageops: SAGEOPS_DATABASE_URL names a PostgreSQL server that cannot be used \(.*ECONNREFUSED.*\)/);
    expect(result.stderr + result.stdout).not.toContain("hunter2-secret");
    const malformed = await runCli(["start"], { env: { SAGEOPS_DATABASE_URL: "mysql://sageops:hunter2-secret@db/sageops" } });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim()).toBe("sageops: SAGEOPS_DATABASE_URL must be a PostgreSQL connection URL such as postgresql://user:password@host:5432/sageops");
  });

  it("an unknown command is bad usage: exit 2 with the usage", async () => {
    const result = await runCli(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: sageops");
  });

  it("plain words in the console are a direct message and get an answer", async () => {
    const result = await runCli(["console"], { stdin: "help\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sageops › D0ENGINEER/);
    expect(result.stdout).toContain("/train");
  });
});

describe("sageops interpret, as a process", () => {
  it("knows the names of the policy the bot would start with: with none set, the example policy's pipeline is started by its name alone", async () => {
    const result = await runCli(["interpret"], { stdin: "starte churn-retrain bitte\nkick off churn-retrain\n" });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { intent: string; params: { pipelineName?: string } });
    expect(lines.map((line) => [line.intent, line.params.pipelineName])).toEqual([
      ["pipeline", "churn-retrain"],
      ["pipeline", "churn-retrain"],
    ]);
  });

  it("a broken policy file named by SAGEOPS_POLICY is bad configuration: one line, exit 2", async () => {
    const result = await runCli(["interpret"], { stdin: "help\n", env: { SAGEOPS_POLICY: "/nonexistent/policy.yml" } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("SAGEOPS_POLICY");
  });
});
