import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appMentionEvent, eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { type FakeBedrock, startFakeBedrock } from "../support/fake-bedrock.js";
import { type HttpHarness, startHttpHarness, Workspace } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

/**
 * A follow-up in a plan's thread read through Bedrock (the loopback fake): the thread's earlier
 * turns go to the model as prior messages, and "it" in the model's reading is the thread's job.
 */
describe("thread context through Bedrock", () => {
  let bedrock: FakeBedrock;
  let h: HttpHarness;
  let ws: Workspace;

  beforeAll(async () => {
    // The model reads a follow-up about "it" as a status question that names nothing.
    bedrock = await startFakeBedrock(() => ({ toolInput: { intent: "status", stage: null, services: [], params: {}, confidence: 0.8 } }));
    h = await startHttpHarness({ env: { BEDROCK_MODEL_ID: "anthropic.claude-test", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url } });
    ws = new Workspace(h);
  });
  afterAll(async () => {
    await h?.close();
    await bedrock?.close();
  });

  async function inThread(plan: StoredMessage, text: string): Promise<string> {
    const before = h.slack.calls.length;
    const event = appMentionEvent({ userId: "U0ENGINEER", channelId: plan.channel, botUserId: h.slack.botUserId, text, threadTs: plan.ts });
    expect((await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }))).status).toBe(200);
    const answer = await waitFor(
      () => h.slack.calls.slice(before).find((call) => call.method === "chat.postMessage" && call.args["thread_ts"] === plan.ts && !/"key":"(status|reply):/.test(JSON.stringify(call.args["metadata"] ?? {}))),
      { what: `the answer to "${text}"` },
    );
    return `${String(answer.args["text"])}${JSON.stringify(answer.args["blocks"])}`;
  }

  it("sends the thread's earlier turns, and answers about the job the plan started", async () => {
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const job = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(JSON.stringify(plan.blocks))?.[0] ?? "";
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("Started"), { what: "the plan to start" });

    expect(await inThread(plan, "how long will that take?")).toContain(job);
    expect(await inThread(plan, "and is it done now?")).toContain(job);
    const last = bedrock.requests.at(-1)?.body["messages"] as { role: string; content: { text: string }[] }[];
    expect(last.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(last[0]?.content[0]?.text).toContain("how long will that take?");
    expect(last[1]?.content[0]?.text).toContain(job);
    expect(last[2]?.content[0]?.text).toContain("and is it done now?");
    // The earlier turns are messages, never part of the instructions.
    expect(JSON.stringify(bedrock.requests.at(-1)?.body["system"])).not.toContain("how long will that take?");
  });
});
