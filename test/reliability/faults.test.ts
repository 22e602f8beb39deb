/**
 * Faults on both sides of the bot: SageMaker throttling, failing with 5xx and answering slowly
 * while confirmed actions run and are tracked, and Slack answering 429 (with Retry-After) and
 * 5xx, once after it stored the message (a final reply, a plan message), and failing an approval
 * request once. Every action runs once, every final status is posted once.
 */
import { describe, expect, it } from "vitest";
import type { ForcedResponse, LocalSlackApi, SlackArgs } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { deployNamesIn, expectRanAndReportedOnce, inThreadOf, isFinalReplyAbout, jobNameIn, newEndpoint, QUIET_MS, RECOVERY_MS, tallyOf, trainingJob, untilFinalReply, useProcessWorld } from "../support/processes.js";
import { settle, waitFor } from "../support/wait.js";

/** Answers the first call `match` accepts with `answer`, and lets every other call through. */
function failFirst(slack: LocalSlackApi, match: (method: string, args: SlackArgs) => boolean, answer: ForcedResponse): { hit: () => boolean } {
  let hit = false;
  slack.intercept((method, args) => {
    if (hit || !match(method, args)) return undefined;
    hit = true;
    return answer;
  });
  return { hit: () => hit };
}

const SERVER_ERROR: ForcedResponse = { status: 500, body: { ok: false, error: "internal_error" } };
const UNAVAILABLE: ForcedResponse = { status: 503, body: { ok: false, error: "service_unavailable" } };
const RATE_LIMITED: ForcedResponse = { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };

describe("faults at SageMaker and at Slack while confirmed actions run", { timeout: 120_000 }, () => {
  const world = useProcessWorld();

  it("SageMaker throttling 30% of calls, failing 10% with 5xx and 50 ms slower: a confirmed training and a deploy each run once, are tracked to the end and reported once", async () => {
    const bot = await world.startBot();
    const training = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const deploy = await bot.planFrom("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-dev-faults env=dev");
    world.sandbox.setFaults({ throttleRate: 0.3, errorRate: 0.1, latencyMs: 50, randomSeed: 5 });
    try {
      await bot.ws.click("U0ENGINEER", training, PLAN_BUTTONS.confirm);
      await bot.ws.click("U0ENGINEER", deploy, PLAN_BUTTONS.confirm);
      const job = trainingJob(jobNameIn(training));
      const endpoint = newEndpoint("churn-dev-faults");
      await Promise.all([untilFinalReply(world, training, job, 60_000), untilFinalReply(world, deploy, endpoint, 60_000)]);
      await settle(QUIET_MS);
      // Seed 5 throttles the second call drawn and fails the third with a 5xx, so both are seen whatever the timing.
      const injected = world.sandbox.calls.filter((c) => c.injectedFault);
      expect(injected.some((c) => c.error === "ThrottlingException")).toBe(true);
      expect(injected.some((c) => c.status >= 500)).toBe(true);
      expectRanAndReportedOnce(tallyOf(world, training, job), job);
      expectRanAndReportedOnce(tallyOf(world, deploy, endpoint), endpoint);
      const { model, config } = deployNamesIn(deploy);
      expect(world.sandbox.countDone("CreateModel", { ModelName: model })).toBe(1);
      expect(world.sandbox.countDone("CreateEndpointConfig", { EndpointConfigName: config })).toBe(1);
    } finally {
      world.sandbox.setFaults({ throttleRate: 0, errorRate: 0, latencyMs: 0 });
    }
  });

  it("Slack answering 429 with Retry-After, 500 and 503, and a 500 after storing the final reply: the training runs once and each message is in Slack once", async () => {
    const bot = await world.startBot();
    const plan = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const job = trainingJob(jobNameIn(plan));
    const faults = [
      failFirst(world.slack, (method, args) => method === "chat.update" && args["ts"] === plan.ts, SERVER_ERROR),
      failFirst(world.slack, inThreadOf(plan, "chat.postMessage", (text) => text.startsWith(`${job.label}:`)), RATE_LIMITED),
      failFirst(world.slack, (method, args) => method === "chat.update" && String(args["text"] ?? "").startsWith(`${job.label}:`), UNAVAILABLE),
      failFirst(world.slack, inThreadOf(plan, "chat.postMessage", isFinalReplyAbout(job)), { ...SERVER_ERROR, afterDelivering: true }),
    ];
    await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await untilFinalReply(world, plan, job, 60_000);
    await settle(QUIET_MS);
    // The status message is only updated if the job moves after its first post; when the 429's wait
    // outlasts the job, the first post already shows the end and there is no update to fail.
    const statusUpdates = world.slack.callsTo("chat.update").filter((c) => String(c.args["text"] ?? "").startsWith(`${job.label}:`));
    expect(faults.map((fault, i) => fault.hit() || (i === 2 && statusUpdates.length === 0))).toEqual([true, true, true, true]);
    expectRanAndReportedOnce(tallyOf(world, plan, job), job);
  });

  it("Slack answering 500 after storing the plan message, and failing the approval request once (internal_error): one plan message, one approval request, and the approved deploy runs once", async () => {
    const bot = await world.startBot();
    const endpoint = newEndpoint("churn-prod-faults");
    const planPosts = failFirst(world.slack, (method, args) => method === "chat.postMessage" && args["thread_ts"] === undefined && String(args["text"] ?? "").includes("churn-prod-faults"), { ...SERVER_ERROR, afterDelivering: true });
    await bot.ws.command("U0ENGINEER", "/deploy", "churn-xgb/1 to churn-prod-faults env=prod");
    const plans = () => world.slack.messagesIn("C0MLOPS").filter((m) => m.threadTs === undefined && m.ephemeralTo === undefined && m.text?.includes("churn-prod-faults"));
    await waitFor(() => plans().length > 0, { what: "the plan message" });
    await settle(QUIET_MS);
    expect(planPosts.hit()).toBe(true);
    expect(plans()).toHaveLength(1);
    const [plan] = plans();
    if (!plan) throw new Error("no plan message");

    const approvalPosts = failFirst(world.slack, inThreadOf(plan, "chat.postMessage", (text) => text.startsWith("Approval needed")), { status: 200, body: { ok: false, error: "internal_error" } });
    await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    const request = await waitFor(() => tallyOf(world, plan, endpoint).approvalRequests[0], { what: "the approval request", timeoutMs: RECOVERY_MS });
    expect(approvalPosts.hit()).toBe(true);
    await bot.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await untilFinalReply(world, plan, endpoint, 60_000);
    await settle(QUIET_MS);
    const tally = tallyOf(world, plan, endpoint);
    expect(tally.approvalRequests).toHaveLength(1);
    expectRanAndReportedOnce(tally, endpoint);
  });
});
