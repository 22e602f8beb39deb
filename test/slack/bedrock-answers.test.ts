import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getService } from "../../src/catalog/catalog.js";
import { slashCommandPayload } from "../../src/console/payloads.js";
import { type BedrockAnswer, type FakeBedrock, startFakeBedrock } from "../support/fake-bedrock.js";
import { type HttpHarness, startHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

const MONITOR_DOCS = getService("model-monitor").docUrl;
/** The alternative the catalogue gives for it: scheduled checks in Processing jobs. */
const PROCESSING_DOCS = getService("processing").docUrl;

/**
 * Answers worded by Bedrock (the loopback fake) from the catalogue entries sageops chose, over
 * signed HTTP: shown when they keep to the entries and their links; otherwise, and whenever the
 * model fails, the offline answer.
 */
describe("answers worded by the language model", () => {
  let bedrock: FakeBedrock;
  let h: HttpHarness;
  let wording: () => BedrockAnswer = () => ({ text: "" });

  beforeAll(async () => {
    bedrock = await startFakeBedrock((_text, request) =>
      request["toolConfig"] ? { toolInput: { intent: "ask", stage: "monitoring", services: ["model-monitor"], params: { question: "service" }, confidence: 0.9 } } : wording(),
    );
    h = await startHttpHarness({ env: { BEDROCK_MODEL_ID: "anthropic.claude-test", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url } });
  });
  afterAll(async () => {
    await h?.close();
    await bedrock?.close();
  });

  async function ask(question: string): Promise<string> {
    const before = h.slack.callsTo("response_url").length;
    await h.client.postCommand(slashCommandPayload({ userId: "U0ENGINEER", teamId: h.slack.teamId, command: "/sageops", text: `ask ${question}`, channelId: "C0MLOPS", responseUrl: h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" }) }));
    return JSON.stringify((await waitFor(() => h.slack.callsTo("response_url")[before], { what: "the answer" })).args);
  }

  it("shows the model's wording when it keeps to the entries and their links, and sends the entries as instructions, the question as a message", async () => {
    wording = () => ({ text: `*SageMaker Model Monitor* watches an endpoint's live data against a baseline and flags drift.\n• Docs: ${MONITOR_DOCS}\n• New accounts: scheduled checks in SageMaker Processing jobs, ${PROCESSING_DOCS}` });
    const answer = await ask("how do I notice that production data drifts away from training?");
    expect(answer).toContain("watches an endpoint's live data");
    expect(answer).toContain("Worded by the language model");
    const request = bedrock.requests.at(-1)?.body;
    expect(JSON.stringify(request?.["system"])).toContain(MONITOR_DOCS);
    expect(JSON.stringify(request?.["system"])).not.toContain("production data drifts");
    expect(JSON.stringify(request?.["messages"])).toContain("production data drifts");
  });

  it("uses the offline answer when the wording drops a link, names a service outside the catalogue, or the model fails", async () => {
    const wordings: BedrockAnswer[] = [
      { text: "Model Monitor flags drift. See the docs." },
      { text: `Use Amazon Lookout for Metrics for that. ${MONITOR_DOCS} ${PROCESSING_DOCS}` },
      { text: `Vertex AI does this well; SageMaker has Model Monitor too: ${MONITOR_DOCS} ${PROCESSING_DOCS}` },
      { status: 429, errorType: "ThrottlingException", message: "slow down" },
      { status: 500, errorType: "InternalServerException", message: "oops" },
    ];
    for (const next of wordings) {
      wording = () => next;
      const answer = await ask("how do I notice that production data drifts away from training?");
      expect(answer, JSON.stringify(next)).not.toContain("Worded by the language model");
      expect(answer, JSON.stringify(next)).toContain("SageMaker Model Monitor");
      expect(answer, JSON.stringify(next)).toContain(MONITOR_DOCS);
    }
  });
});
