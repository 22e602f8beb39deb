import { describe, expect, it } from "vitest";
import { eventEnvelope } from "../../src/console/payloads.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { TRAIN_MODAL } from "../../src/slack/blocks/train-modal.js";
import { buttonsIn, useHttpHarness } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

describe("stopping jobs and the /train form, over signed HTTP", () => {
  const world = useHttpHarness();

  it("a job can be stopped by the engineer who started it, not by someone else", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("accepted it"), { what: "the job to start" });
    const jobName = /churn-xgb-\d{8}-\d{6}-[0-9a-f]{4}/.exec(JSON.stringify(plan.blocks))?.[0] ?? "";

    const refused = await world.ws.command("U0APPROVER", "/sageops", `stop ${jobName}`);
    expect(refused.posted).toHaveLength(0);
    expect(JSON.stringify(refused.reply?.args)).toMatch(/started|own/i);

    const { posted: stopPlans } = await world.ws.command("U0ENGINEER", "/sageops", `stop ${jobName}`);
    const stop = stopPlans[0];
    if (!stop) throw new Error("no stop plan");
    world.h.sandbox.resetCalls();
    await world.ws.click("U0ENGINEER", stop, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("StopTrainingJob") === 1, { what: "the stop" });
    const job = await world.h.bot.core.sagemaker.describeTrainingJob(jobName);
    expect(["Stopping", "Stopped"]).toContain(job.TrainingJobStatus);
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/sageops", "stop no-such-job-1")).reply?.args)).toContain("There is no training job, tuning job or pipeline named");
  });

  it("/train alone opens the form; a bad field is shown on that field; a good form posts the plan", async () => {
    await world.ws.command("U0ENGINEER", "/train", "");
    const opened = await waitFor(() => world.h.slack.callsTo("views.open").at(-1), { what: "the form" });
    const view = opened.args["view"] as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe(TRAIN_MODAL.callbackId);
    let submissions = 0;
    // Slack gives every submission its own trigger id.
    const submission = (values: Record<string, Record<string, unknown>>) => {
      submissions += 1;
      return {
      type: "view_submission",
      team: { id: world.h.slack.teamId, domain: "sageops" },
      user: { id: "U0ENGINEER", team_id: world.h.slack.teamId },
      api_app_id: "A0SAGEOPS",
      token: "unused",
      trigger_id: `1.${submissions}`,
      view: { id: "V1", type: "modal", callback_id: TRAIN_MODAL.callbackId, private_metadata: view.private_metadata, state: { values } },
    };
    };
    const bad = await world.h.client.postInteraction(
      submission({
        [TRAIN_MODAL.recipe.block]: { [TRAIN_MODAL.recipe.action]: { type: "static_select", selected_option: { value: "churn-xgb" } } },
        [TRAIN_MODAL.data.block]: { [TRAIN_MODAL.data.action]: { type: "plain_text_input", value: "not-an-s3-uri" } },
      }),
    );
    expect(bad.status).toBe(200);
    const errors = JSON.parse(bad.body) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe("errors");
    expect(errors.errors[TRAIN_MODAL.data.block]).toContain("not an S3 URI");

    const posts = world.h.slack.callsTo("chat.postMessage").length;
    const good = await world.h.client.postInteraction(
      submission({
        [TRAIN_MODAL.recipe.block]: { [TRAIN_MODAL.recipe.action]: { type: "static_select", selected_option: { value: "churn-xgb" } } },
        [TRAIN_MODAL.count.block]: { [TRAIN_MODAL.count.action]: { type: "number_input", value: "2" } },
      }),
    );
    expect(good.status).toBe(200);
    await waitFor(() => world.h.slack.callsTo("chat.postMessage").length > posts, { what: "the plan from the form" });
    await settle(100);
    const plan = world.h.slack.callsTo("chat.postMessage")[posts];
    expect(JSON.stringify(plan?.args["blocks"])).toContain("2 × ml.m5.xlarge");
  });

  it("when SageMaker fails the call, the plan says so in words, the audit records it, and nothing is retried behind anyone's back", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    world.h.sandbox.setFaults({ errorRate: 1, randomSeed: 7 });
    try {
      await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("Failed"), { what: "the failed plan", timeoutMs: 15_000 });
    } finally {
      world.h.sandbox.setFaults({ errorRate: 0 });
    }
    expect(JSON.stringify(world.ws.message(plan).blocks)).toContain("SageMaker refused");
    const audit = world.h.bot.core.audit.latest(5);
    expect(audit.some((r) => r.kind === "aws-error")).toBe(true);
  });

  it("a button press carrying no readable plan gets a clear answer", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    const { payload } = await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.cancel);
    const forged = JSON.parse(JSON.stringify(payload)) as { actions: { value: string }[]; response_url: string; trigger_id: string };
    forged.trigger_id = `${forged.trigger_id}.forged`;
    const first = forged.actions[0];
    if (first) first.value = "<!channel> drop table plans";
    forged.response_url = world.h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" });
    const response = await world.h.client.postInteraction(forged);
    expect(response.status).toBe(200);
    const answer = await waitFor(() => world.h.slack.callsTo("response_url").find((c) => c.url === forged.response_url), { what: "the answer" });
    expect(String(answer.args["text"])).toContain("without a plan I can read");
  });

  it("when the bot cannot post in the channel, the requester is told to invite it; nothing can run", async () => {
    const stopIntercepting = world.h.slack.intercept((method, args) => (method === "chat.postMessage" && args["channel"] === "C0MLOPS" ? { status: 200, body: { ok: false, error: "not_in_channel" } } : undefined));
    try {
      const { reply, posted } = await world.ws.command("U0ENGINEER", "/train", "churn-xgb");
      expect(posted).toHaveLength(0);
      expect(JSON.stringify(reply?.args)).toContain("/invite @sageops");
    } finally {
      stopIntercepting();
    }
  });

});

describe("stopping a tuning job, over signed HTTP", () => {
  const world = useHttpHarness();

  it("a tuning job is stopped the same way, asked for in German words: StopHyperParameterTuningJob once, after the confirmation", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/sageops", "tune churn-xgb trials=4 parallel=2 eta=0.05..0.2");
    world.h.sandbox.resetCalls();
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("CreateHyperParameterTuningJob") === 1, { what: "the tuning job" });
    const tuningName = /\*Tuning job\*\\n(churn-xgb-[0-9a-z-]+)/.exec(JSON.stringify(world.ws.message(plan).blocks))?.[1];
    if (!tuningName) throw new Error("no tuning job name on the plan");

    const ts = "1795680300.000100";
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${world.h.slack.botUserId}> stopp bitte den Tuning-Job ${tuningName}`, ts, event_ts: ts };
    expect((await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event }))).status).toBe(200);
    const stop = await waitFor(() => world.h.slack.messagesIn("C0MLOPS").find((message) => JSON.stringify(message.blocks ?? []).includes(`Stop ${tuningName}`)), { what: "the stop plan" });
    expect(world.h.sandbox.countCalls("StopHyperParameterTuningJob")).toBe(0);
    await world.ws.click("U0ENGINEER", stop, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("StopHyperParameterTuningJob") === 1, { what: "the stop" });
    const job = await world.h.bot.core.sagemaker.describeTuningJob(tuningName);
    expect(["Stopping", "Stopped"]).toContain(job.HyperParameterTuningJobStatus);
  });
});

describe("stopping a pipeline's run, over signed HTTP", () => {
  const world = useHttpHarness();

  it("the run in progress is stopped by the one who started it, asked for in plain words: StopPipelineExecution once, after the confirmation", async () => {
    const plan = await world.ws.planFrom("U0ENGINEER", "/sageops", "pipeline start churn-retrain");
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("accepted it"), { what: "the pipeline run to start" });
    const runArn = (await world.h.bot.core.sagemaker.listPipelineExecutions("churn-retrain", { maxResults: 1 }))[0]?.arn;
    if (!runArn) throw new Error("no pipeline run");

    const refused = await world.ws.command("U0APPROVER", "/sageops", "stop churn-retrain");
    expect(refused.posted).toHaveLength(0);
    expect(JSON.stringify(refused.reply?.args)).toMatch(/started|own/i);

    const ts = "1795680400.000100";
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${world.h.slack.botUserId}> please cancel the churn-retrain run, it picked up the wrong data`, ts, event_ts: ts };
    expect((await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event }))).status).toBe(200);
    // The approver's refusal above names the same title: the plan is the message naming the run.
    const stop = await waitFor(() => world.h.slack.messagesIn("C0MLOPS").find((message) => JSON.stringify(message.blocks ?? []).includes("Stop the churn-retrain run") && JSON.stringify(message.blocks ?? []).includes(runArn)), { what: "the stop plan" });
    expect(world.h.sandbox.countCalls("StopPipelineExecution")).toBe(0);
    await world.ws.click("U0ENGINEER", stop, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("StopPipelineExecution") === 1, { what: "the stop" });
    expect(["Stopping", "Stopped"]).toContain((await world.h.bot.core.sagemaker.describePipelineExecution(runArn)).PipelineExecutionStatus);

    const again = await world.ws.command("U0ENGINEER", "/sageops", "stop churn-retrain");
    expect(again.posted).toHaveLength(0);
    expect(JSON.stringify(again.reply?.args)).toContain("has no run in progress");
    expect(JSON.stringify((await world.ws.command("U0ENGINEER", "/sageops", `stop ${runArn}`)).reply?.args)).toMatch(/is (Stopping|Stopped); only a run in progress can be stopped/);
    expect(world.h.sandbox.countCalls("StopPipelineExecution")).toBe(1);
  });
});

describe("stopping one of several pipeline runs, over signed HTTP", () => {
  const world = useHttpHarness();

  it("with two runs in progress, each is offered as a button; the pick plans the stop of that run alone, through the same confirmation", async () => {
    for (const _run of [1, 2]) {
      const plan = await world.ws.planFrom("U0ENGINEER", "/sageops", "pipeline start churn-retrain");
      await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("accepted it"), { what: "the pipeline run to start" });
    }
    const runs = (await world.h.bot.core.sagemaker.listPipelineExecutions("churn-retrain", { maxResults: 20 })).filter((run) => run.status === "Executing");
    expect(runs).toHaveLength(2);
    world.h.sandbox.resetCalls();

    const ts = "1795680500.000100";
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${world.h.slack.botUserId}> stop the churn-retrain run`, ts, event_ts: ts };
    expect((await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event }))).status).toBe(200);
    const reply = await waitFor(() => world.h.slack.messagesIn("C0MLOPS", ts).find((message) => message.threadTs === ts && message.ts !== ts), { what: "the reply listing the runs" });
    expect(reply.text).toContain("has 2 runs in progress");
    const offered = buttonsIn(reply);
    expect(offered.map((button) => button.value).sort()).toEqual(runs.map((run) => `stop ${run.arn}`).sort());
    const picked = runs[1];
    const button = offered.find((candidate) => candidate.value === `stop ${picked?.arn}`);
    if (!picked || !button) throw new Error("no button for the second run");

    await world.ws.click("U0ENGINEER", reply, button.actionId);
    const stop = await waitFor(() => world.h.slack.messagesIn("C0MLOPS").find((message) => JSON.stringify(message.blocks ?? []).includes("Stop the churn-retrain run") && JSON.stringify(message.blocks ?? []).includes(picked.arn)), { what: "the stop plan for the picked run" });
    expect(world.h.sandbox.countCalls("StopPipelineExecution")).toBe(0);
    await world.ws.click("U0ENGINEER", stop, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("StopPipelineExecution") === 1, { what: "the stop" });
    const after = await Promise.all(runs.map(async (run) => (await world.h.bot.core.sagemaker.describePipelineExecution(run.arn)).PipelineExecutionStatus));
    expect(after[0]).toBe("Executing");
    expect(["Stopping", "Stopped"]).toContain(after[1]);
  });
});
