import { ListEndpointsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { sandboxCommand } from "../../src/cli/sandbox.js";
import { SANDBOX_CREDENTIALS } from "../support/sandbox.js";

function captureIo(): { out: string[]; err: string[]; io: { out: (line: string) => void; err: (line: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line) => out.push(line), err: (line) => err.push(line) } };
}

describe("sageops sandbox", () => {
  it("prints its loopback URL and how to point the SDK at it, serves until stopped, then exits 0", async () => {
    const { out, err, io } = captureIo();
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = sandboxCommand(["--pace", "60"], io, stopped);
    for (let i = 0; i < 200 && out.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = out[0] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out[1]).toContain("simulation");
    expect(out[1]).toContain(`AWS_ENDPOINT_URL=${url}`);

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
  ])("bad arguments %j get one line on stderr and exit code 2", async (args, message) => {
    const { out, err, io } = captureIo();
    expect(await sandboxCommand(args, io, Promise.resolve())).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toContain("\n");
  });
});
