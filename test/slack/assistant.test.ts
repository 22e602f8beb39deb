import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directMessageEvent, eventEnvelope } from "../../src/console/payloads.js";
import { type HttpHarness, startHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

describe("the assistant pane", () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const threadTs = "1795680000.000100";

  it("greets a new assistant thread and offers suggested prompts", async () => {
    const event = {
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U0ENGINEER", context: { channel_id: "C0MLOPS", team_id: h.slack.teamId, enterprise_id: null }, channel_id: "D0ENGINEER", thread_ts: threadTs },
      event_ts: threadTs,
    };
    const response = await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }));
    expect(response.status).toBe(200);
    const prompts = await waitFor(() => h.slack.callsTo("assistant.threads.setSuggestedPrompts")[0], { what: "the suggested prompts" });
    expect(JSON.stringify(prompts.args["prompts"])).toContain("Which service detects drift?");
    const greeting = await waitFor(() => h.slack.messagesIn("D0ENGINEER").find((m) => m.threadTs === threadTs), { what: "the greeting" });
    expect(greeting.text).toContain("Ask me which AWS service fits");
  });

  it("answers a question in the thread, showing a thinking status first", async () => {
    const event = directMessageEvent({ userId: "U0ENGINEER", channelId: "D0ENGINEER", text: "which service detects data drift?", threadTs });
    await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }));
    const status = await waitFor(() => h.slack.callsTo("assistant.threads.setStatus")[0], { what: "the thinking status" });
    expect(status.args["status"]).toBe("is thinking…");
    const answer = await waitFor(() => h.slack.messagesIn("D0ENGINEER").find((m) => m.threadTs === threadTs && JSON.stringify(m.blocks ?? []).includes("Model Monitor")), { what: "the answer" });
    expect(JSON.stringify(answer.blocks)).toContain("https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html");
  });

  it("a mention in a channel is answered in its thread", async () => {
    const ts = "1795680100.000200";
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${h.slack.botUserId}> batch transform or a real-time endpoint for nightly scoring?`, ts, event_ts: ts };
    await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }));
    const reply = await waitFor(() => h.slack.messagesIn("C0MLOPS").find((m) => m.threadTs === ts), { what: "the threaded reply" });
    expect(JSON.stringify(reply.blocks)).toMatch(/[Bb]atch transform/);
  });
});
