import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommandPayload } from "../../src/console/payloads.js";
import { type FakeBedrock, startFakeBedrock } from "../support/fake-bedrock.js";
import { type HttpHarness, startHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

describe("the bot with BEDROCK_MODEL_ID set", () => {
  let bedrock: FakeBedrock;
  let h: HttpHarness;
  let failing = false;

  beforeAll(async () => {
    bedrock = await startFakeBedrock(() =>
      failing
        ? { status: 503, errorType: "ServiceUnavailableException", message: "try later" }
        : { toolInput: { intent: "ask", stage: "deployment", services: ["batch-transform", "realtime-endpoint"], params: { question: "compare" }, confidence: 0.9 } },
    );
    h = await startHttpHarness({ env: { BEDROCK_MODEL_ID: "anthropic.claude-test", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url } });
  });
  afterAll(async () => {
    await h.close();
    await bedrock.close();
  });

  async function ask(question: string): Promise<string> {
    const before = h.slack.callsTo("response_url").length;
    await h.client.postCommand(slashCommandPayload({ userId: "U0ENGINEER", teamId: h.slack.teamId, command: "/sageops", text: `ask ${question}`, channelId: "C0MLOPS", responseUrl: h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" }) }));
    return JSON.stringify((await waitFor(() => h.slack.callsTo("response_url")[before], { what: "the answer" })).args);
  }

  it("reads the words through Bedrock first and answers from its interpretation", async () => {
    const answer = await ask("we score every night, what should serve the model?");
    expect(bedrock.requests.length).toBeGreaterThan(0);
    expect(bedrock.requests.at(-1)?.modelId).toBe("anthropic.claude-test");
    expect(answer).toMatch(/[Bb]atch transform/);
  });

  it("falls back to the offline interpreter when Bedrock is unavailable", async () => {
    failing = true;
    const answer = await ask("which service detects data drift?");
    expect(answer).toContain("SageMaker Model Monitor");
  });
});
