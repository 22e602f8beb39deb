import http from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeTrainingJobCommand } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSageMakerClient } from "../../src/aws/clients.js";
import { createSlackClient } from "../../src/compose/slack-client.js";
import { WebApiPoster } from "../../src/slack/notify/slack-poster.js";
import { SANDBOX_CREDENTIALS } from "../support/sandbox.js";

/** A server that takes every request and never answers: a hung SageMaker or Slack. */
describe("no call waits forever", () => {
  const held: http.ServerResponse[] = [];
  let server: http.Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests += 1;
      held.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("a SageMaker call that gets no answer fails after its timeout, retried a bounded number of times", async () => {
    requests = 0;
    const client = createSageMakerClient({ region: "us-east-1", sagemakerEndpoint: url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 2, requestTimeoutMs: 300 });
    const started = Date.now();
    await expect(client.send(new DescribeTrainingJobCommand({ TrainingJobName: "hung" }))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(requests).toBe(2);
  });

  it("a Slack post that gets no answer fails after its timeout, tried three times at most", async () => {
    requests = 0;
    // The client retries nothing itself; the poster does, looking for the post between tries.
    const poster = new WebApiPoster(createSlackClient("xoxb-test", `${url}/api/`, { timeoutMs: 300 }), async () => undefined);
    const started = Date.now();
    await expect(poster.post("C0MLOPS", { text: "hello", blocks: [] })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(requests).toBe(3);
  });
});
