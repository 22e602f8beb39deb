import { describe, expect, it } from "vitest";
import { appMentionEvent, eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { useHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

/**
 * "it" in a plan's thread, over signed HTTP against the sandbox, offline: what the thread is about
 * comes from the store (the plan posted there, the job it started), not from Slack's history.
 */
describe("a follow-up in a plan's thread", () => {
  const harness = useHttpHarness();

  async function inThread(plan: StoredMessage, text: string): Promise<StoredMessage> {
    const event = appMentionEvent({ userId: "U0ENGINEER", channelId: plan.channel, botUserId: harness.h.slack.botUserId, text, threadTs: plan.ts });
    const before = harness.h.slack.calls.length;
    expect((await harness.h.client.postEvent(eventEnvelope({ teamId: harness.h.slack.teamId, botUserId: harness.h.slack.botUserId, event }))).status).toBe(200);
    // The answer, not the tracker's status message or final reply (which carry keys of their own).
    const answer = () =>
      harness.h.slack.calls
        .slice(before)
        .find((call) => call.method === "chat.postMessage" && call.args["thread_ts"] === plan.ts && !/"key":"(status|reply):/.test(JSON.stringify(call.args["metadata"] ?? {})));
    const call = await waitFor(answer, { what: `the answer to "${text}"` });
    const message = harness.h.slack.messages.get(`${plan.channel}:${String(call.response["ts"])}`);
    if (!message) throw new Error(`the answer to "${text}" is not in Slack`);
    return message;
  }

  it("\"how long will that take?\" and \"is it done?\" are about the job the plan started; \"stop it\" plans stopping that job", async () => {
    const plan = await harness.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const job = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(JSON.stringify(plan.blocks))?.[0] ?? "";
    await harness.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(harness.ws.message(plan).blocks).includes("Started"), { what: "the plan to start" });

    for (const question of ["how long will that take?", "is it done yet?"]) {
      const answer = await inThread(plan, question);
      expect(`${answer.text}${JSON.stringify(answer.blocks)}`, question).toContain(job);
    }
    const stopsBefore = harness.h.slack.messagesIn(plan.channel).filter((m) => m.threadTs === undefined && JSON.stringify(m.blocks ?? []).includes(PLAN_BUTTONS.confirm) && /[Ss]top/.test(m.text ?? "")).length;
    await inThread(plan, "stop it");
    await waitFor(() => harness.h.slack.messagesIn(plan.channel).filter((m) => m.threadTs === undefined && JSON.stringify(m.blocks ?? []).includes(PLAN_BUTTONS.confirm) && /[Ss]top/.test(m.text ?? "")).length === stopsBefore + 1, { what: "the plan to stop the job" });
    expect(harness.h.sandbox.countCalls("StopTrainingJob")).toBe(0);
  });

  it("outside a thread the bot started, \"it\" names nothing and nothing is made up", async () => {
    const event = appMentionEvent({ userId: "U0ENGINEER", channelId: "C0MLOPS", botUserId: harness.h.slack.botUserId, text: "is it done yet?", threadTs: "1764147600.999999" });
    expect((await harness.h.client.postEvent(eventEnvelope({ teamId: harness.h.slack.teamId, botUserId: harness.h.slack.botUserId, event }))).status).toBe(200);
    const answer = await waitFor(() => harness.h.slack.messagesIn("C0MLOPS", "1764147600.999999").find((m) => m.threadTs === "1764147600.999999"), { what: "the answer" });
    expect(answer.text).not.toMatch(/churn-xgb-\d{8}/);
  });
});
