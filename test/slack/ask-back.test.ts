import { describe, expect, it } from "vitest";
import { appMentionEvent, blockActionsPayload, eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { CHOICE_ACTION, NEITHER_ACTION } from "../../src/slack/blocks/choices.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { buttonsIn, useHttpHarness } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

/**
 * Asking back instead of giving up, over signed HTTP against the sandbox: a reading the bot is
 * unsure of, or a request missing a part, is answered with buttons; a pick goes on as if typed.
 */
describe("asking back", () => {
  const harness = useHttpHarness();

  /** Mentions the bot in #mlops and waits for its reply in the mention's thread. */
  async function mention(text: string): Promise<StoredMessage> {
    const event = appMentionEvent({ userId: "U0ENGINEER", channelId: "C0MLOPS", botUserId: harness.h.slack.botUserId, text });
    const ts = String(event["ts"]);
    expect((await harness.h.client.postEvent(eventEnvelope({ teamId: harness.h.slack.teamId, botUserId: harness.h.slack.botUserId, event }))).status).toBe(200);
    return waitFor(() => harness.h.slack.messagesIn("C0MLOPS", ts).find((message) => message.threadTs === ts && message.ts !== ts), { what: `the reply to "${text}"` });
  }
  const plansFor = (recipe: string) => harness.h.slack.messagesIn("C0MLOPS").filter((m) => m.threadTs === undefined && JSON.stringify(m.blocks ?? []).includes(PLAN_BUTTONS.confirm) && JSON.stringify(m.blocks).includes(recipe));

  it("a hint the interpreter is unsure of is offered back as a button; pressed twice at once, it makes one plan, and the question shows who picked", async () => {
    const before = plansFor("churn-xgb").length;
    // The classifier reads a training in it, but not surely enough to plan one unasked.
    const reply = await mention("churn-xgb is getting stale");
    const buttons = buttonsIn(reply);
    expect(buttons.map((b) => [b.actionId, b.value])).toEqual([
      [`${CHOICE_ACTION}:0`, "train churn-xgb"],
      [NEITHER_ACTION, "neither"],
    ]);
    expect(plansFor("churn-xgb")).toHaveLength(before);
    harness.h.sandbox.resetCalls();

    // Two presses of the same button, as two requests (the second from a view that still shows it).
    const responseUrls: string[] = [];
    const press = () => {
      const [button] = buttonsIn(reply);
      if (!button) throw new Error("no button to press");
      const responseUrl = harness.h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" });
      responseUrls.push(responseUrl);
      return harness.h.client.postInteraction(blockActionsPayload({ userId: "U0ENGINEER", teamId: harness.h.slack.teamId, channelId: "C0MLOPS", messageTs: reply.ts, message: reply, responseUrl, click: button }));
    };
    const [first, second] = await Promise.all([press(), press()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    // Each press is answered privately once its work is done (a plan is posted before its answer).
    const answers = () => responseUrls.map((url) => harness.h.slack.callsTo("response_url").find((call) => call.url === url));
    await waitFor(() => answers().every((answer) => answer !== undefined), { what: "an answer to each press", timeoutMs: 15_000 });
    expect(plansFor("churn-xgb")).toHaveLength(before + 1);
    expect(answers().map((answer) => String(answer?.args["text"])).some((text) => text.includes("already picked"))).toBe(true);
    // A plan, not a job: it still waits for Confirm.
    expect(harness.h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
    expect(harness.ws.message(reply).text).toContain("<@U0ENGINEER> picked");
    expect(buttonsIn(harness.ws.message(reply))).toEqual([]);
  });

  it("Neither does nothing", async () => {
    const before = plansFor("churn-xgb").length;
    const reply = await mention("churn-xgb is getting stale, fwiw");
    expect(buttonsIn(reply).map((b) => b.actionId)).toContain(NEITHER_ACTION);
    await harness.ws.click("U0ENGINEER", reply, NEITHER_ACTION);
    await waitFor(() => harness.ws.message(reply).text?.includes("picked neither") === true, { what: "the question to show the pick" });
    await settle(300);
    expect(plansFor("churn-xgb")).toHaveLength(before);
  });

  it("a request missing its recipe offers the policy's recipes; the pick makes the plan through the same guard", async () => {
    const reply = await mention("retrain please");
    expect(reply.text).toContain("Which recipe");
    const tune = buttonsIn(reply).find((b) => b.value === "train churn-xgb");
    expect(tune, JSON.stringify(reply.blocks)).toBeDefined();
    const before = harness.h.slack.messagesIn("C0MLOPS").filter((m) => m.threadTs === undefined && m.ephemeralTo === undefined).length;
    await harness.ws.click("U0ENGINEER", reply, tune?.actionId ?? "");
    await waitFor(() => harness.h.slack.messagesIn("C0MLOPS").filter((m) => m.threadTs === undefined && m.ephemeralTo === undefined).length > before, { what: "the tuning plan" });
    const plan = harness.h.slack.messagesIn("C0MLOPS").filter((m) => m.threadTs === undefined && m.ephemeralTo === undefined).at(-1);
    expect(JSON.stringify(plan?.blocks)).toMatch(/churn-xgb-\d{8}-\d{6}/);
  });

  it("a pipeline run asked for without its name offers the account's pipelines; the pick plans that pipeline's start", async () => {
    const reply = await mention("kick off a pipeline run please");
    expect(reply.text).toContain("Which pipeline should I start?");
    const pick = buttonsIn(reply).find((b) => b.value === "pipeline start churn-retrain");
    expect(pick, JSON.stringify(reply.blocks)).toBeDefined();
    const before = plansFor("churn-retrain").length;
    await harness.ws.click("U0ENGINEER", reply, pick?.actionId ?? "");
    await waitFor(() => plansFor("churn-retrain").length === before + 1, { what: "the pipeline plan" });
    expect(harness.h.sandbox.countCalls("StartPipelineExecution")).toBe(0);
  });

  it("two asks in one message: the deploy is planned, and the question beside it is a button that answers it", async () => {
    const plansBefore = plansFor("churn-staging").length;
    const reply = await mention("deploy churn-xgb/1 to churn-staging env=dev, and btw what's shadow testing?");
    await waitFor(() => plansFor("churn-staging").length === plansBefore + 1, { what: "the deploy plan" });
    const followUp = buttonsIn(reply).find((b) => b.value === "ask what's shadow testing?");
    expect(followUp, JSON.stringify(reply.blocks)).toBeDefined();
    const answersBefore = harness.h.slack.callsTo("response_url").length;
    await harness.ws.click("U0ENGINEER", reply, followUp?.actionId ?? "");
    const answer = await waitFor(() => harness.h.slack.callsTo("response_url").slice(answersBefore).find((call) => JSON.stringify(call.args).includes("hadow")), { what: "the answer about shadow testing" });
    expect(JSON.stringify(answer.args)).toMatch(/[Ss]hadow test/);
    expect(plansFor("churn-staging")).toHaveLength(plansBefore + 1);
  });

  it("a sentence of context before the ask: the ask is what is planned", async () => {
    const before = plansFor("churn-xgb").length;
    // Read whole, the message is about drift on churn-prod; its last sentence asks for a training.
    await mention("drift on churn-prod has been ugly all week. go ahead and retrain churn-xgb");
    await waitFor(() => plansFor("churn-xgb").length === before + 1, { what: "the training plan" });
  });

  it("a wish about a recipe of ours that the classifier is sure of is planned at once, and the plan still waits for Confirm", async () => {
    const before = plansFor("churn-xgb").length;
    harness.h.sandbox.resetCalls();
    const reply = await mention("it would be great to have churn-xgb retrained before the review");
    await waitFor(() => plansFor("churn-xgb").length === before + 1, { what: "the training plan" });
    expect(buttonsIn(reply).map((b) => b.actionId)).not.toContain(NEITHER_ACTION);
    expect(harness.h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
  });
});
