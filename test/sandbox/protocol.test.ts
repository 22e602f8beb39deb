import { ListEndpointsCommand, ListModelPackageGroupsCommand, ListPipelinesCommand, ListTrainingJobsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { SANDBOX_CREDENTIALS, useTestSandbox } from "../support/sandbox.js";

/** A raw AWS JSON 1.1 call, to see the wire format itself. */
async function rawCall(url: string, target: string, body: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target }, body });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

describe("the sandbox speaks SageMaker's wire protocol", () => {
  const t = useTestSandbox({ region: "eu-west-1" });

  it("answers AWS JSON 1.1 with epoch-second dates, marks itself simulated, and uses the region in ARNs", async () => {
    const { status, headers, json } = await rawCall(t.sandbox.url, "SageMaker.DescribeEndpoint", JSON.stringify({ EndpointName: "churn-prod" }));
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(headers.get("x-sageops-sandbox")).toBe("true");
    expect(typeof json.CreationTime).toBe("number");
    expect(json.EndpointArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-prod");
  });

  it("an unknown operation is UnknownOperationException; a body that is not JSON is SerializationException; errors carry x-amzn-ErrorType", async () => {
    const unknown = await rawCall(t.sandbox.url, "SageMaker.CreateSpaceship", "{}");
    expect(unknown.status).toBe(400);
    expect(unknown.json.__type).toBe("UnknownOperationException");
    expect(unknown.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    const garbled = await rawCall(t.sandbox.url, "SageMaker.ListEndpoints", "{nope");
    expect(garbled.json.__type).toBe("SerializationException");
    const missing = await rawCall(t.sandbox.url, "SageMaker.DescribeTrainingJob", JSON.stringify({ TrainingJobName: "nobody" }));
    expect(missing).toMatchObject({ status: 400, json: { __type: "ResourceNotFound" } });
  });

  it("records every call by operation, including failed ones, and can forget them", async () => {
    t.sandbox.resetCalls();
    await t.sagemaker.send(new ListEndpointsCommand({}));
    await t.sagemaker.send(new ListEndpointsCommand({}));
    await t.sagemaker.send(new ListTrainingJobsCommand({ NextToken: "bogus" })).catch(() => undefined);
    expect(t.sandbox.countCalls()).toBe(3);
    expect(t.sandbox.countCalls("ListEndpoints")).toBe(2);
    expect(t.sandbox.calls[2]).toMatchObject({ operation: "ListTrainingJobs", status: 400, error: "ValidationException" });
    expect(t.sandbox.calls[0]?.simulatedAt.toISOString()).toBe("2026-11-26T09:00:00.000Z");
    t.sandbox.resetCalls();
    expect(t.sandbox.countCalls()).toBe(0);
  });
});

describe("a sandbox started empty", () => {
  let sandbox: Sandbox;
  let client: SageMakerClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: false, clock: createManualClock() });
    client = new SageMakerClient({ endpoint: sandbox.url, region: sandbox.region, credentials: SANDBOX_CREDENTIALS });
  });
  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  it("has no resources at all", async () => {
    expect((await client.send(new ListEndpointsCommand({}))).Endpoints).toEqual([]);
    expect((await client.send(new ListTrainingJobsCommand({}))).TrainingJobSummaries).toEqual([]);
    expect((await client.send(new ListPipelinesCommand({}))).PipelineSummaries).toEqual([]);
    expect((await client.send(new ListModelPackageGroupsCommand({}))).ModelPackageGroupSummaryList).toEqual([]);
  });
});
