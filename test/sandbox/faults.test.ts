import { GetObjectCommand } from "@aws-sdk/client-s3";
import { DescribeEndpointCommand, ListEndpointsCommand } from "@aws-sdk/client-sagemaker";
import { afterEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../support/sandbox.js";

describe("sandbox fault injection", () => {
  let t: TestSandbox | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("under 50% throttling with a fixed seed, the SDK's own retries get every call through, and the sandbox saw each retry", async () => {
    t = await startTestSandbox({ faults: { throttleRate: 0.5, randomSeed: 1 }, maxAttempts: 5 });
    let attempts = 0;
    for (let i = 0; i < 6; i += 1) {
      const out = await t.sagemaker.send(new DescribeEndpointCommand({ EndpointName: "churn-prod" }));
      expect(out.EndpointStatus).toBe("InService");
      attempts += out.$metadata.attempts ?? 1;
    }
    const throttled = t.sandbox.calls.filter((c) => c.error === "ThrottlingException");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((c) => c.status === 400 && c.injectedFault === true)).toBe(true);
    expect(t.sandbox.countCalls("DescribeEndpoint")).toBe(attempts);
    expect(attempts).toBe(6 + throttled.length);
  });

  it("when throttling outlasts the SDK's attempts, the caller gets a ThrottlingException after exactly maxAttempts calls", async () => {
    t = await startTestSandbox({ faults: { throttleRate: 1 }, maxAttempts: 2 });
    const error = await t.sagemaker.send(new ListEndpointsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
    expect(t.sandbox.countCalls("ListEndpoints")).toBe(2);
  });

  it("injected 500s and 503s are retried by the SDK and surface as server errors when they persist", async () => {
    t = await startTestSandbox({ faults: { errorRate: 1 }, maxAttempts: 3 });
    const error = await t.sagemaker.send(new ListEndpointsCommand({})).catch((e: unknown) => e);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeGreaterThanOrEqual(500);
    expect(t.sandbox.countCalls("ListEndpoints")).toBe(3);
    for (const call of t.sandbox.calls) expect([500, 503]).toContain(call.status);

    // Faults can be turned off at run time; S3 sees them too while they are on.
    t.sandbox.setFaults({ errorRate: 0 });
    expect((await t.sagemaker.send(new ListEndpointsCommand({}))).Endpoints?.length).toBeGreaterThan(0);
    t.sandbox.setFaults({ errorRate: 1 });
    await expect(t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "churn/train/train.csv" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: expect.any(Number) } });
    expect(t.sandbox.calls.filter((c) => c.operation === "S3.GetObject").every((c) => c.status >= 500)).toBe(true);
  });

  it("the same seed gives the same sequence of faults", async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run += 1) {
      t = await startTestSandbox({ faults: { errorRate: 0.5, randomSeed: 42 }, maxAttempts: 1 });
      const statuses: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const result = await t.sagemaker.send(new ListEndpointsCommand({})).then(
          () => "ok",
          (e: unknown) => String((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode),
        );
        statuses.push(result);
      }
      outcomes.push(statuses);
      await t.close();
      t = undefined;
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toContain("ok");
    expect(outcomes[0]?.some((o) => o === "500" || o === "503")).toBe(true);
  });

  it("added latency holds every answer back", async () => {
    t = await startTestSandbox({ faults: { latencyMs: 150 } });
    const before = Date.now();
    await t.sagemaker.send(new ListEndpointsCommand({}));
    // Timers may fire a millisecond early; the point is that the answer waited.
    expect(Date.now() - before).toBeGreaterThanOrEqual(140);
  });
});
