import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlackApiCall } from "../../src/console/slack-api.js";
import { SEED } from "../../src/sandbox/index.js";
import type { Rendered } from "../../src/slack/blocks/kit.js";
import type { PostOptions } from "../../src/slack/notify/poster.js";
import { SlackStatusReporter } from "../../src/slack/notify/status-reporter.js";
import type { SqlTrackedStore } from "../../src/store/tracked.js";
import { SEND_LEASE_MS, type TrackingContext } from "../../src/watch/tracked-store.js";
import type { Tracker } from "../../src/watch/tracker.js";
import { trainingRequest } from "../support/sandbox.js";
import { startWorld, type World } from "../support/tracker-world.js";
import { waitFor } from "../support/wait.js";

const textOf = (call: SlackApiCall): string => `${String(call.args["text"])}\n${JSON.stringify(call.args["blocks"] ?? [])}`;

describe("status that comes to you", () => {
  let world: World;
  let dir: string;

  beforeEach(async () => {
    world = await startWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-watch-"));
  });

  afterEach(async () => {
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const context = (threadTs: string, extra: Partial<TrackingContext> = {}): TrackingContext => ({
    planId: "plan-7",
    requester: "U0ENGINEER",
    channel: "C0MLOPS",
    threadTs,
    alertChannel: "C0ALERTS",
    region: world.sandbox.region,
    ...extra,
  });

  /** Polls every `step` simulated seconds until nothing is left to follow. */
  async function followToTheEnd(tracker: Tracker, store: SqlTrackedStore, step = 30, maxRounds = 200): Promise<number> {
    for (let round = 1; round <= maxRounds; round += 1) {
      await world.poll(tracker);
      if (store.active().length === 0 && store.unpublished(new Date(world.clock.now())).length === 0) return round;
      world.advance(step);
    }
    throw new Error("still tracking after the last round");
  }

  const threadCalls = (method: string, ts: string): SlackApiCall[] => world.slack.callsTo(method).filter((call) => call.args["thread_ts"] === ts || call.args["ts"] === ts);

  it("a training job's status message moves through its secondary statuses to Completed, with metrics, in the plan's thread", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const planTs = await world.planMessage();
    const name = "churn-xgb-20261126-0900";
    const { arn } = await world.port.createTrainingJob(trainingRequest(name));
    tracker.track({ type: "training-job", name, arn }, context(planTs));

    await followToTheEnd(tracker, store);

    const posted = world.slack.callsTo("chat.postMessage").filter((call) => call.args["thread_ts"] === planTs);
    // One status message, then one short reply: nothing else in the thread.
    expect(posted).toHaveLength(2);
    const [statusPost, reply] = posted;
    if (!statusPost || !reply) throw new Error("expected the status message and the final reply");
    expect(textOf(statusPost)).toContain(name);
    const statusTs = String(statusPost.response["ts"]);

    const updates = world.slack.callsTo("chat.update").filter((call) => call.args["ts"] === statusTs);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    const seen = [textOf(statusPost), ...updates.map(textOf)].join("\n");
    for (const secondary of ["Starting", "Downloading", "Training", "Uploading"]) expect(seen).toContain(`InProgress (${secondary})`);

    const final = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusTs);
    const finalText = `${final?.text}\n${JSON.stringify(final?.blocks)}`;
    expect(finalText).toContain("Completed");
    expect(finalText).toContain("Final metrics");
    expect(finalText).toContain("validation:auc");
    expect(finalText).toContain("Billable time");
    expect(finalText).toContain(`https://${world.sandbox.region}.console.aws.amazon.com/sagemaker/home?region=${world.sandbox.region}#/jobs/${name}`);

    expect(textOf(reply)).toContain("<@U0ENGINEER>");
    expect(textOf(reply)).toMatch(/completed in \d+m/);
    // The reply comes after the message shows the final status.
    expect(world.slack.calls.indexOf(reply)).toBeGreaterThan(world.slack.calls.indexOf(updates[updates.length - 1] ?? statusPost));
    expect(world.slack.messagesIn("C0ALERTS")).toEqual([]);
  });

  it("a failing job says why in plain words, in the thread and in the alert channel", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const planTs = await world.planMessage();
    const name = "churn-xgb-missing-data";
    await world.port.createTrainingJob(trainingRequest(name, { trainUri: "s3://sageops-demo/churn/missing/" }));
    tracker.track({ type: "training-job", name }, context(planTs));

    await followToTheEnd(tracker, store);

    const statusPost = world.slack.callsTo("chat.postMessage").find((call) => call.args["thread_ts"] === planTs);
    const final = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusPost?.response["ts"]);
    const finalText = `${final?.text}\n${JSON.stringify(final?.blocks)}`;
    expect(finalText).toContain("Failed");
    expect(finalText).toContain("could not read the input data at s3://sageops-demo/churn/missing/");
    expect(finalText).toContain("Data download failed");

    const replies = world.slack.messagesIn("C0MLOPS", planTs).filter((message) => message.ts !== planTs && message.ts !== final?.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/failed after .*could not read the input data/);

    const alerts = world.slack.messagesIn("C0ALERTS");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(name);
    expect(alerts[0]?.text).toContain("C0MLOPS");
  });

  it("an endpoint deploy reports each status until InService", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const planTs = await world.planMessage();
    const version1 = (await world.port.listModelPackages(SEED.packageGroup, "Approved"))[0];
    if (!version1) throw new Error("the seed has an approved churn-xgb version");
    await world.port.createModel({ ModelName: "churn-staging-model", ExecutionRoleArn: SEED.roleArn, Containers: [{ ModelPackageName: version1.ModelPackageArn }] });
    await world.port.createEndpointConfig({ EndpointConfigName: "churn-staging-config", ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "churn-staging-model", InstanceType: "ml.m5.large", InitialInstanceCount: 1 }] });
    const { arn } = await world.port.createEndpoint({ EndpointName: "churn-staging", EndpointConfigName: "churn-staging-config" });
    tracker.track({ type: "endpoint", name: "churn-staging", arn }, context(planTs));

    await followToTheEnd(tracker, store, 60);

    const statusPost = threadCalls("chat.postMessage", planTs)[0];
    expect(statusPost && textOf(statusPost)).toContain("Creating");
    const final = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusPost?.response["ts"]);
    const finalText = `${final?.text}\n${JSON.stringify(final?.blocks)}`;
    expect(finalText).toContain("InService, serving traffic");
    expect(finalText).toContain("Variant AllTraffic");
    expect(finalText).toContain("#/endpoints/churn-staging");
    const reply = world.slack.messagesIn("C0MLOPS", planTs).at(-1);
    expect(reply?.text).toContain("Endpoint churn-staging is InService");
  });

  it("a pipeline run reports its steps as they go, and its end", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const planTs = await world.planMessage();
    const { arn } = await world.port.startPipelineExecution({ PipelineName: SEED.pipeline, PipelineExecutionDisplayName: "churn-retrain-plan-3", ClientRequestToken: "sageops-plan-3-0000000000000000000000" });
    tracker.track({ type: "pipeline-execution", name: "churn-retrain-plan-3", arn }, context(planTs));

    await followToTheEnd(tracker, store, 60);

    const statusTs = threadCalls("chat.postMessage", planTs)[0]?.response["ts"];
    const seen = world.slack.callsTo("chat.update").filter((call) => call.args["ts"] === statusTs).map(textOf).join("\n");
    expect(seen).toContain("Preprocess: Executing");
    expect(seen).toContain("Train: Executing");
    const final = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusTs);
    const finalText = JSON.stringify(final?.blocks);
    for (const step of ["Preprocess", "Train", "Evaluate", "RegisterModel"]) expect(finalText).toContain(`${step}: Succeeded`);
    expect(final?.text).toContain("Succeeded");
    expect(world.slack.messagesIn("C0MLOPS", planTs).at(-1)?.text).toMatch(/Pipeline execution churn-retrain-plan-3 succeeded/);
  });

  it("a tuning job and a batch transform are followed to their end too", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const planTs = await world.planMessage();
    const training = trainingRequest("unused");
    await world.port.createTuningJob({
      HyperParameterTuningJobName: "churn-tune-1",
      HyperParameterTuningJobConfig: {
        Strategy: "Random",
        HyperParameterTuningJobObjective: { Type: "Maximize", MetricName: "validation:auc" },
        ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 2 },
        ParameterRanges: { ContinuousParameterRanges: [{ Name: "eta", MinValue: "0.1", MaxValue: "0.5" }] },
      },
      TrainingJobDefinition: {
        AlgorithmSpecification: training.AlgorithmSpecification,
        RoleArn: training.RoleArn,
        InputDataConfig: training.InputDataConfig,
        OutputDataConfig: training.OutputDataConfig,
        ResourceConfig: training.ResourceConfig,
        StoppingCondition: training.StoppingCondition,
        StaticHyperParameters: { objective: "binary:logistic", eval_metric: "auc", num_round: "50" },
      },
    });
    await world.port.createModel({ ModelName: "churn-batch-model", ExecutionRoleArn: SEED.roleArn, Containers: [{ ModelPackageName: (await world.port.listModelPackages(SEED.packageGroup, "Approved"))[0]?.ModelPackageArn ?? "" }] });
    await world.port.createTransformJob({
      TransformJobName: "churn-batch-1",
      ModelName: "churn-batch-model",
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://sageops-demo/churn/validation/" } }, ContentType: "text/csv" },
      TransformOutput: { S3OutputPath: "s3://sageops-demo/churn/batch/" },
      TransformResources: { InstanceType: "ml.m5.xlarge", InstanceCount: 1 },
    });
    tracker.track({ type: "tuning-job", name: "churn-tune-1" }, context(planTs));
    tracker.track({ type: "transform-job", name: "churn-batch-1" }, context(planTs));

    await followToTheEnd(tracker, store, 60);

    const replies = world.slack.messagesIn("C0MLOPS", planTs).map((message) => message.text ?? "");
    expect(replies.some((text) => /Tuning job churn-tune-1 completed/.test(text))).toBe(true);
    expect(replies.some((text) => /Batch transform job churn-batch-1 completed/.test(text))).toBe(true);
    const tuning = world.slack.messagesIn("C0MLOPS").find((message) => message.text?.startsWith("Tuning job churn-tune-1"));
    expect(JSON.stringify(tuning?.blocks)).toContain("Best so far");
  });

  it("a tracker restarted midway keeps the same message and posts the final reply once", async () => {
    const file = path.join(dir, "sageops.db");
    const first = world.openStore(file);
    const before = world.tracker(first.store);
    const planTs = await world.planMessage();
    const name = "churn-xgb-restart";
    await world.port.createTrainingJob(trainingRequest(name));
    before.track({ type: "training-job", name }, context(planTs));
    await world.poll(before);
    world.advance(150);
    await world.poll(before);
    expect(threadCalls("chat.postMessage", planTs)).toHaveLength(1);
    // The bot stops; the job goes on without it.
    await before.stop();
    first.db.close();
    world.advance(600);

    const second = world.openStore(file);
    const after = world.tracker(second.store);
    // Tracking again after the restart (the plan replays its start) changes nothing.
    after.track({ type: "training-job", name }, context(planTs));
    await followToTheEnd(after, second.store);
    second.db.close();

    // And a third start, after it is all over, says nothing more.
    const third = world.openStore(file);
    const later = world.tracker(third.store);
    world.advance(60);
    const report = await world.poll(later);
    expect(report.calls).toBe(0);

    const [statusPost, reply, ...more] = threadCalls("chat.postMessage", planTs);
    expect(more).toEqual([]);
    expect(reply && textOf(reply)).toMatch(/completed/);
    const statusTs = statusPost?.response["ts"];
    expect(world.slack.callsTo("chat.update").every((call) => call.args["ts"] === statusTs)).toBe(true);
  });

  it("a final status saved just before a crash reaches Slack after the restart, once", async () => {
    const file = path.join(dir, "sageops.db");
    const first = world.openStore(file);
    const before = world.tracker(first.store);
    const planTs = await world.planMessage();
    const name = "churn-xgb-crash";
    await world.port.createTrainingJob(trainingRequest(name));
    before.track({ type: "training-job", name }, context(planTs));
    await world.poll(before);
    world.advance(1200);
    // Slack is unreachable in the round that sees the job finish.
    const unplug = world.slack.intercept(() => ({ status: 200, body: { ok: false, error: "fatal_error" } }));
    const failing = await world.poll(before);
    expect(failing.finished).toHaveLength(1);
    expect(failing.errors.length).toBeGreaterThan(0);
    unplug();
    first.db.close();

    const second = world.openStore(file);
    const after = world.tracker(second.store);
    const report = await world.poll(after);
    expect(report.errors).toEqual([]);
    const okReplies = () => world.slack.callsTo("chat.postMessage").filter((call) => call.args["thread_ts"] === planTs && call.response["ok"] === true);
    expect(okReplies()).toHaveLength(2);
    await world.poll(after);
    expect(okReplies()).toHaveLength(2);
    const statusTs = okReplies()[0]?.response["ts"];
    const final = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusTs);
    expect(final?.text).toContain("Completed");
  });

  it("two replicas: the end seen by one while the other is still posting the first status shows, and the reply tells the end", async () => {
    const file = path.join(dir, "sageops-replicas.db");
    const firstStore = world.openStore(file).store;
    const first = world.tracker(firstStore);
    const second = world.tracker(world.openStore(file).store);
    const planTs = await world.planMessage();
    const name = "churn-xgb-replicas";
    await world.port.createTrainingJob(trainingRequest(name));
    const { id } = first.track({ type: "training-job", name }, context(planTs));
    // The first replica's post of the status message waits (as a paced post can) while the job ends.
    const held = world.slack.hold((method, args) => method === "chat.postMessage" && args["thread_ts"] === planTs);
    const firstRound = world.poll(first);
    await held.arrived;
    world.advance(1200);
    // Its heartbeat keeps the claim while the post waits (simulated time jumped past the lease here).
    firstStore.renewMessage(id, new Date(world.clock.now()));
    // The second replica sees the end, but the first holds the message: it posts nothing yet.
    await world.poll(second);
    expect(threadCalls("chat.postMessage", planTs)).toHaveLength(0);
    held.release();
    await firstRound;

    const posted = threadCalls("chat.postMessage", planTs);
    expect(posted).toHaveLength(2);
    const [statusPost, reply] = posted;
    expect(reply && textOf(reply)).toMatch(/completed/);
    const statusMessage = world.slack.messagesIn("C0MLOPS").find((message) => message.ts === statusPost?.response["ts"]);
    expect(statusMessage?.text).toContain("Completed");
  });

  for (const delivered of [false, true]) {
    it(`a reply claimed by a process that died ${delivered ? "after Slack took it" : "before it got out"} is in the thread exactly once after the claim's lease`, async () => {
      const file = path.join(dir, `sageops-${String(delivered)}.db`);
      const { store } = world.openStore(file);
      const planTs = await world.planMessage();
      const name = `churn-xgb-claimed-${String(delivered)}`;
      await world.port.createTrainingJob(trainingRequest(name));
      const record = world.tracker(store).track({ type: "training-job", name }, context(planTs));
      world.advance(1200);
      // The round that saw the end saved it and claimed the reply, then the process died.
      let posts = 0;
      const dying = {
        ...world.poster,
        post: (channel: string, message: Rendered, options?: PostOptions) => {
          posts += 1;
          if (posts === 1) return world.poster.post(channel, message, options);
          // The process dies while the reply is on its way: Slack may or may not have it.
          if (delivered) void world.poster.post(channel, message, options);
          return new Promise<{ ts: string }>(() => undefined);
        },
        update: world.poster.update.bind(world.poster),
        ephemeral: world.poster.ephemeral.bind(world.poster),
        upload: world.poster.upload.bind(world.poster),
      };
      // The dying process has its own connection; closing it ends its claim's renewals, as death does.
      const dyingProcess = world.openStore(file);
      void world.tracker(dyingProcess.store, { reporter: new SlackStatusReporter(dying) }).pollOnce();
      await waitFor(() => posts === 2, { what: "the reply to be on its way" });
      dyingProcess.db.close();
      expect(store.noticeStates(record.id)).toEqual({ reply: "sending" });
      const replies = () => threadCalls("chat.postMessage", planTs).filter((call) => call.response["ok"] === true).slice(1);
      if (delivered) await waitFor(() => replies().length === 1, { what: "Slack to take the reply" });

      const restarted = world.tracker(world.openStore(file).store);
      const first = await world.poll(restarted);
      expect(replies()).toHaveLength(delivered ? 1 : 0);
      // Nothing left to follow, but the loop comes back when the dead sender's claim runs out, not after an idle pause.
      expect(first.nextDelayMs).toBeLessThanOrEqual(SEND_LEASE_MS + 1000);
      world.advance(SEND_LEASE_MS / 1000 + 60);
      await world.poll(restarted);
      await world.poll(restarted);
      expect(replies()).toHaveLength(1);
      const [reply] = replies();
      expect(reply && textOf(reply)).toContain(name);
      expect(store.noticeStates(record.id)).toEqual({ reply: "sent" });
    });
  }
});
