import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { DescribeModelPackageCommand, ListEndpointsCommand, ListMonitoringExecutionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { sandboxCommand, sandboxRegisterVersionCommand, sandboxRunMonitorCommand } from "../../src/cli/sandbox.js";
import { SEED } from "../../src/sandbox/index.js";
import { runCli } from "../support/cli.js";
import { SANDBOX_CREDENTIALS, useTestSandbox } from "../support/sandbox.js";

type Io = { out: (line: string) => void; err: (line: string) => void };

function captureIo(): { out: string[]; err: string[]; io: Io } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line) => out.push(line), err: (line) => err.push(line) } };
}

/** Bad use of a control subcommand: exit 2, nothing on stdout, one line on stderr naming the subcommand. */
async function expectBadUse(name: string, command: (args: string[], io: Io, env: Record<string, string>) => Promise<number>, args: string[], message: RegExp): Promise<void> {
  const { out, err, io } = captureIo();
  expect(await command(args, io, {})).toBe(2);
  expect(out).toEqual([]);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(message);
  expect(err[0]).toMatch(new RegExp(`^sageops sandbox ${name}: `));
}

describe("sageops sandbox", () => {
  it("prints its loopback URL and how to point the SDK at it, serves until stopped, then exits 0", async () => {
    const { out, err, io } = captureIo();
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = sandboxCommand(["--pace", "60"], io, stopped);
    for (let i = 0; i < 200 && out.length < 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = out[0] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out[1]).toContain("simulation");
    expect(out[1]).toContain(`AWS_ENDPOINT_URL=${url}`);
    expect(out[2]).toBe(`Run a monitoring schedule now, without waiting for its hour: sageops sandbox run-monitor <schedule> --url ${url} [--clean|--violations|--fail]`);
    expect(out[3]).toBe(`Register a new model version now, as if one had just been trained: sageops sandbox register-version <group> --url ${url} [--auc N]`);

    const client = new SageMakerClient({ endpoint: url, region: "us-east-1", credentials: SANDBOX_CREDENTIALS });
    const endpoints = await client.send(new ListEndpointsCommand({}));
    expect(endpoints.Endpoints?.map((e) => e.EndpointName)).toContain("churn-prod");
    client.destroy();

    stop();
    expect(await running).toBe(0);
    expect(err).toEqual([]);
  });

  it("--empty starts without the example account", async () => {
    const { out, io } = captureIo();
    let stop = (): void => undefined;
    const running = sandboxCommand(["--empty", "--port", "0"], io, new Promise<void>((resolve) => (stop = resolve)));
    for (let i = 0; i < 200 && out.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const client = new SageMakerClient({ endpoint: out[0], region: "us-east-1", credentials: SANDBOX_CREDENTIALS });
    expect((await client.send(new ListEndpointsCommand({}))).Endpoints).toEqual([]);
    client.destroy();
    stop();
    expect(await running).toBe(0);
  });

  it.each([
    [["--port", "eighty"], /--port/],
    [["--port", "70000"], /--port/],
    [["--pace", "-3"], /--pace/],
    [["--pace"], /--pace needs a value/],
    [["--colour"], /unknown argument "--colour"/],
    [["--throttle-rate", "1.5"], /^sageops sandbox: --throttle-rate takes a share of calls from 0 to 1/],
    [["--throttle-rate", "some"], /^sageops sandbox: --throttle-rate takes a share of calls from 0 to 1/],
    [["--error-rate", "-0.1"], /^sageops sandbox: --error-rate takes a share of calls from 0 to 1/],
    [["--latency-ms", "2.5"], /^sageops sandbox: --latency-ms takes whole milliseconds/],
    [["--latency-ms", "70000"], /^sageops sandbox: --latency-ms takes whole milliseconds/],
    [["--seed", "x"], /^sageops sandbox: --seed takes a whole number/],
    [["--error-rate"], /--error-rate needs a value/],
  ])("bad arguments %j get one line on stderr and exit code 2", async (args, message) => {
    const { out, err, io } = captureIo();
    expect(await sandboxCommand(args, io, Promise.resolve())).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toContain("\n");
  });
});

describe("sageops sandbox with injected faults", () => {
  /** Runs the sandbox command with `args` until `use` is done with its URL; returns what it printed. */
  async function withSandbox(args: string[], use: (url: string) => Promise<void>): Promise<{ out: string[]; err: string[] }> {
    const { out, err, io } = captureIo();
    let stop = (): void => undefined;
    const running = sandboxCommand(args, io, new Promise<void>((resolve) => (stop = resolve)));
    for (let i = 0; i < 200 && out.length < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      await use(out[0] ?? "");
    } finally {
      stop();
    }
    expect(await running).toBe(0);
    return { out, err };
  }

  it("--help lists every flag, the fault flags among them, and exits 0", async () => {
    const { out, err, io } = captureIo();
    expect(await sandboxCommand(["--help"], io, Promise.resolve())).toBe(0);
    expect(err).toEqual([]);
    const help = out.join("\n");
    for (const flag of ["--port", "--pace", "--empty", "--throttle-rate", "--error-rate", "--latency-ms", "--seed", "run-monitor", "register-version", "--auc"]) expect(help).toContain(flag);
    const bin = await runCli(["sandbox", "--help"]);
    expect(bin).toMatchObject({ code: 0, stderr: "" });
    expect(bin.stdout).toContain("--throttle-rate R");
  });

  it("--throttle-rate 1 throttles every SageMaker call, and says so when it starts", async () => {
    const { out } = await withSandbox(["--throttle-rate", "1", "--seed", "7"], async (url) => {
      const client = new SageMakerClient({ endpoint: url, region: "us-east-1", credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
      await expect(client.send(new ListEndpointsCommand({}))).rejects.toMatchObject({ name: "ThrottlingException" });
      client.destroy();
    });
    expect(out[1]).toContain("Injected faults: 100% of calls throttled, fault sequence seeded with 7.");
  });

  it("--error-rate 0.5 with a seed answers some calls with server errors, the same ones on every run; --latency-ms holds every answer back", async () => {
    const statuses: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const seen: string[] = [];
      await withSandbox(["--error-rate", "0.5", "--seed", "3", "--latency-ms", "30"], async (url) => {
        const client = new SageMakerClient({ endpoint: url, region: "us-east-1", credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
        const started = Date.now();
        for (let i = 0; i < 8; i += 1) {
          seen.push(await client.send(new ListEndpointsCommand({})).then(() => "ok", (error: { $metadata?: { httpStatusCode?: number } }) => String(error.$metadata?.httpStatusCode)));
        }
        expect(Date.now() - started).toBeGreaterThanOrEqual(8 * 28);
        client.destroy();
      });
      statuses.push(seen);
    }
    expect(statuses[0]).toEqual(statuses[1]);
    expect(statuses[0]).toContain("ok");
    expect(statuses[0]?.some((status) => status === "500" || status === "503")).toBe(true);
  });

  it("the real bin refuses a bad fault flag in one line naming it, exit 2", async () => {
    const result = await runCli(["sandbox", "--error-rate", "2"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^sageops sandbox: --error-rate takes a share of calls from 0 to 1/)]);
  });
});

describe("sageops sandbox run-monitor", () => {
  const t = useTestSandbox();

  const newest = async (schedule: string) =>
    (await t.sagemaker.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: schedule, SortBy: "ScheduledTime", SortOrder: "Descending", MaxResults: 1 }))).MonitoringExecutionSummaries?.[0];

  it("asks the sandbox at --url to run a schedule now, prints one line about the run and exits 0", async () => {
    const { out, err, io } = captureIo();
    expect(await sandboxRunMonitorCommand([SEED.monitoringSchedules.ModelQuality, "--url", t.sandbox.url, "--violations"], io, {})).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^Started a simulated ModelQuality run of churn-prod-model-quality on churn-prod: it will find \d+ violation\(s\)\. Processing job model-monitoring-\S+, done at 2026-11-26T09:02:00\.000Z simulated time; reports in s3:\/\/sageops-demo\/churn\/monitoring\/reports\/\S+\/\.$/);
    t.clock.advance(120);
    expect((await newest(SEED.monitoringSchedules.ModelQuality))?.MonitoringExecutionStatus).toBe("CompletedWithViolations");
  });

  it("--fail and --clean ask for those outcomes; the URL may come from AWS_ENDPOINT_URL, through sageops' own dispatch", async () => {
    const failing = captureIo();
    const stdin = Readable.from([]);
    expect(await main(["sandbox", "run-monitor", SEED.monitoringSchedules.ModelBias, "--fail"], { stdin, ...failing.io }, { AWS_ENDPOINT_URL: t.sandbox.url })).toBe(0);
    expect(failing.out[0]).toMatch(/: it will fail \(ClientError: .+\)\. Processing job \S+, done at \S+ simulated time\.$/);
    const clean = captureIo();
    expect(await sandboxRunMonitorCommand([SEED.monitoringSchedules.DataQuality, "--clean"], clean.io, { AWS_ENDPOINT_URL_SAGEMAKER: t.sandbox.url, AWS_ENDPOINT_URL: "http://127.0.0.1:9" })).toBe(0);
    expect(clean.out[0]).toContain("it will find no violations");
  });

  it("the real bin does it too", async () => {
    const result = await runCli(["sandbox", "run-monitor", SEED.monitoringSchedules.ModelExplainability, "--url", t.sandbox.url, "--violations"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Started a simulated ModelExplainability run of churn-prod-model-explainability/);
  });

  it.each([
    [[], /which schedule\?/],
    [["a", "b"], /one schedule at a time, not 2/],
    [["churn-prod-data-quality", "--clean", "--fail"], /choose one of --clean, --violations and --fail/],
    [["churn-prod-data-quality", "--loud"], /unknown argument "--loud"/],
    [["churn-prod-data-quality", "--url"], /--url needs a value/],
    [["churn-prod-data-quality"], /needs --url URL/],
    [["churn-prod-data-quality", "--url", "ftp://127.0.0.1:1"], /--url takes the sandbox's http:\/\/ URL/],
  ])("bad use %j gets one line on stderr and exit code 2", (args, message) => expectBadUse("run-monitor", sandboxRunMonitorCommand, args, message));

  it("a schedule the sandbox does not know is bad use too (exit 2), with the sandbox's own words", async () => {
    const { err, io } = captureIo();
    expect(await sandboxRunMonitorCommand(["churn-prod-nothing", "--url", t.sandbox.url], io, {})).toBe(2);
    expect(err).toEqual(["sageops sandbox run-monitor: Monitoring schedule churn-prod-nothing does not exist."]);
  });

  it("no sandbox at the URL, or something that is not one, is a failure (exit 1) in one line", async () => {
    const closed = captureIo();
    expect(await sandboxRunMonitorCommand(["churn-prod-data-quality", "--url", "http://127.0.0.1:9"], closed.io, {})).toBe(1);
    expect(closed.err).toHaveLength(1);
    expect(closed.err[0]).toMatch(/^sageops sandbox run-monitor: no sandbox answered at http:\/\/127\.0\.0\.1:9 \(.+\); start one with `sageops sandbox`$/);

    const other = createServer((_request, response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const wrong = captureIo();
      expect(await sandboxRunMonitorCommand(["churn-prod-data-quality", "--url", url], wrong.io, {})).toBe(1);
      expect(wrong.err).toEqual([`sageops sandbox run-monitor: ${url} is not a sageops sandbox (HTTP 200)`]);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe("sageops sandbox register-version", () => {
  const t = useTestSandbox();

  it("asks the sandbox at --url to register a new version now, prints one line about it and exits 0", async () => {
    const { out, err, io } = captureIo();
    expect(await sandboxRegisterVersionCommand([SEED.packageGroup, "--url", t.sandbox.url, "--auc", "0.92"], io, {})).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^Registered version 3 of churn-xgb \(PendingManualApproval\) in the sandbox: arn:aws:sagemaker:us-east-1:123456789012:model-package\/churn-xgb\/3, trained by churn-xgb-20261126-083000-[0-9a-f]{4}, auc 0\.92, recall 0\.\d+; its evaluation is s3:\/\/sageops-demo\/churn\/evaluation\/churn-xgb-20261126-083000-[0-9a-f]{4}\/evaluation\.json\.$/,
    );
    const described = await t.sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/3" }));
    expect(described.ModelApprovalStatus).toBe("PendingManualApproval");
  });

  it("the URL may come from AWS_ENDPOINT_URL; `sageops sandbox register-version` reaches it through sageops' own dispatch, and the real bin does it too", async () => {
    const fromEnv = captureIo();
    expect(await sandboxRegisterVersionCommand([SEED.packageGroup], fromEnv.io, { AWS_ENDPOINT_URL: t.sandbox.url })).toBe(0);
    expect(fromEnv.out[0]).toMatch(/^Registered version 4 of churn-xgb /);
    const dispatched = captureIo();
    expect(await main(["sandbox", "register-version", SEED.packageGroup], { stdin: Readable.from([]), ...dispatched.io }, { AWS_ENDPOINT_URL: t.sandbox.url })).toBe(0);
    expect(dispatched.out[0]).toMatch(/^Registered version 5 of churn-xgb /);
    const bin = await runCli(["sandbox", "register-version", SEED.packageGroup, "--url", t.sandbox.url, "--auc", "0.95"]);
    expect(bin).toMatchObject({ code: 0, stderr: "" });
    expect(bin.stdout).toMatch(/^Registered version 6 of churn-xgb \(PendingManualApproval\) in the sandbox: .+, auc 0\.95, /);
  });

  it.each([
    [[], /which group\?/],
    [["a", "b"], /one group at a time, not 2/],
    [["churn-xgb", "--auc"], /--auc needs a value/],
    [["churn-xgb", "--url", "http://127.0.0.1:1", "--auc", "high"], /--auc takes the new model's AUC, a number from 0 to 1 such as 0\.93/],
    [["churn-xgb", "--auc", "1.5", "--url", "http://127.0.0.1:1"], /--auc takes the new model's AUC/],
    [["churn-xgb", "--loud"], /unknown argument "--loud"/],
    [["churn-xgb"], /needs --url URL/],
    [["churn_xgb", "--url", "http://127.0.0.1:1"], /GROUP is a model package group's name/],
    [["churn-xgb", "--url", "ftp://127.0.0.1:1"], /--url takes the sandbox's http:\/\/ URL/],
  ])("bad use %j gets one line on stderr and exit code 2", (args, message) => expectBadUse("register-version", sandboxRegisterVersionCommand, args, message));

  it("a group the sandbox does not have is bad use too (exit 2), in the sandbox's words; no sandbox at the URL is a failure (exit 1)", async () => {
    const unknown = captureIo();
    expect(await sandboxRegisterVersionCommand(["fraud-xgb", "--url", t.sandbox.url], unknown.io, {})).toBe(2);
    expect(unknown.err).toEqual(["sageops sandbox register-version: Model package group fraud-xgb does not exist; the sandbox has churn-xgb."]);
    const closed = captureIo();
    expect(await sandboxRegisterVersionCommand([SEED.packageGroup, "--url", "http://127.0.0.1:9"], closed.io, {})).toBe(1);
    expect(closed.err).toHaveLength(1);
    expect(closed.err[0]).toMatch(/^sageops sandbox register-version: no sandbox answered at http:\/\/127\.0\.0\.1:9 \(.+\); start one with `sageops sandbox`$/);
  });
});
