/**
 * Calls that never get an answer, in real processes: a Slack post, a SageMaker status read, and
 * CreateTrainingJob before and after SageMaker carried it out. None is released for the rest of
 * the test: each fails after its timeout and is retried, so nothing waits on it for good, and the
 * action still runs once and is reported once. Also: SageMaker throttling half of all calls from
 * the moment a job is started, and the tracker still follows it to the end; and signed requests
 * that are not what they claim, which leave the process serving.
 */
import { describe, expect, it } from "vitest";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { expectRanAndReportedOnce, inThreadOf, jobNameIn, QUIET_MS, tallyOf, trainingJob, untilFinalReply, useProcessWorld, within } from "../support/processes.js";
import { settle } from "../support/wait.js";

/** Slack's and SageMaker's calls time out after 10 s: a held call costs that, plus the retry. */
const AFTER_A_TIMEOUT_MS = 60_000;

describe.concurrent("calls that never get an answer", { timeout: 120_000 }, () => {
  const world = useProcessWorld();

  it("the status message's post never answered by Slack: the post is retried after its timeout, and the training is reported once", async () => {
    const bot = await world.startBot();
    const plan = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const job = trainingJob(jobNameIn(plan));
    const hold = world.slack.hold(inThreadOf(plan, "chat.postMessage", (text) => text.startsWith(`${job.label}:`)));
    await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await within(hold.arrived, "the status message's first post");
    await untilFinalReply(world, plan, job, AFTER_A_TIMEOUT_MS);
    await settle(QUIET_MS);
    expect(hold.holding).toBe(true);
    expectRanAndReportedOnce(tallyOf(world, plan, job), job);
  });

  it("one job's status read never answered by SageMaker: tracking goes on, and both jobs are reported once", async () => {
    const bot = await world.startBot();
    const stuck = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const other = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const stuckJob = trainingJob(jobNameIn(stuck));
    const otherJob = trainingJob(jobNameIn(other));
    const hold = world.sandbox.hold({ operation: "DescribeTrainingJob", where: stuckJob.names });
    await bot.ws.click("U0ENGINEER", stuck, PLAN_BUTTONS.confirm);
    await bot.ws.click("U0ENGINEER", other, PLAN_BUTTONS.confirm);
    await within(hold.arrived, "the stuck job's DescribeTrainingJob");
    await Promise.all([untilFinalReply(world, stuck, stuckJob, AFTER_A_TIMEOUT_MS), untilFinalReply(world, other, otherJob, AFTER_A_TIMEOUT_MS)]);
    await settle(QUIET_MS);
    expect(hold.holding).toBe(true);
    expectRanAndReportedOnce(tallyOf(world, stuck, stuckJob), stuckJob);
    expectRanAndReportedOnce(tallyOf(world, other, otherJob), otherJob);
  });

  for (const stage of ["before", "after"] as const) {
    it(`CreateTrainingJob never answered ${stage === "before" ? "before SageMaker carried it out" : "after SageMaker created the job"}: the plan does not hang, the job runs once and is reported once`, async () => {
      const bot = await world.startBot();
      const plan = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
      const job = trainingJob(jobNameIn(plan));
      const hold = world.sandbox.hold({ operation: job.operation, stage, where: job.names });
      await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      await within(hold.arrived, "CreateTrainingJob at the sandbox");
      await untilFinalReply(world, plan, job, AFTER_A_TIMEOUT_MS);
      await settle(QUIET_MS);
      expect(hold.holding).toBe(true);
      const tally = tallyOf(world, plan, job);
      if (stage === "after") {
        // The held call created the job and is still waiting to answer; the retry found it there.
        const retries = world.sandbox.calls.filter((call) => call.operation === job.operation && call.names?.["TrainingJobName"] === jobNameIn(plan));
        expect(retries.map((call) => call.error)).toEqual(["ResourceInUse"]);
        tally.ran += 1;
      }
      expectRanAndReportedOnce(tally, job);
    });
  }
});

describe("throttling", { timeout: 120_000 }, () => {
  const world = useProcessWorld();

  it("SageMaker throttling half of all calls from the moment the job starts: the training is still followed to its end and reported once", async () => {
    const bot = await world.startBot();
    const plan = await bot.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const job = trainingJob(jobNameIn(plan));
    world.sandbox.setFaults({ throttleRate: 0.5, randomSeed: 11 });
    try {
      await bot.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      await untilFinalReply(world, plan, job, AFTER_A_TIMEOUT_MS);
      await settle(QUIET_MS);
      expect(world.sandbox.calls.some((call) => call.injectedFault && call.error === "ThrottlingException")).toBe(true);
      expectRanAndReportedOnce(tallyOf(world, plan, job), job);
    } finally {
      world.sandbox.setFaults({ throttleRate: 0 });
    }
  });
});

describe("bad requests, in a real process", { timeout: 60_000 }, () => {
  const world = useProcessWorld();

  it("signed requests that are not what they claim (payload=null, broken JSON, an event without an event) leave the process serving", async () => {
    const bot = await world.startBot();
    const form = "application/x-www-form-urlencoded";
    const answers = [
      await bot.client.postRaw("payload=null", form),
      await bot.client.postRaw("payload=%7Bnot%20json", form),
      await bot.client.postRaw("payload=%5B%5D", form),
      await bot.client.postRaw(JSON.stringify({ type: "event_callback", team_id: "T0SAGEOPS" }), "application/json"),
      await bot.client.postRaw("{", "application/json"),
    ];
    for (const answer of answers) expect(answer.status, answer.body).toBeLessThan(500);
    await settle(500);
    expect(bot.running).toBe(true);
    const { reply } = await bot.ws.command("U0ENGINEER", "/sageops", "help");
    expect(JSON.stringify(reply?.args)).toContain("/train");
    // Bolt's receiver fails on a null payload with a rejection nobody awaits: logged, and survived.
    expect(bot.logs.filter((line) => line.includes("unhandled")).every((line) => line.includes("keeps serving"))).toBe(true);
  });
});

