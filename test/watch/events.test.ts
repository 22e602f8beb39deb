import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { awsTargetFromConfig, sandboxTarget } from "../../src/aws/clients.js";
import { createEventSource, type SqsEventSource } from "../../src/aws/sqs.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { SEED } from "../../src/sandbox/index.js";
import type { SqlTrackedStore } from "../../src/store/tracked.js";
import { EventFeed, parseStateChange } from "../../src/watch/events.js";
import type { TrackingContext } from "../../src/watch/tracked-store.js";
import type { Tracker } from "../../src/watch/tracker.js";
import { trainingRequest } from "../support/sandbox.js";
import { startWorld, type World } from "../support/tracker-world.js";
import { waitFor } from "../support/wait.js";

const event = (detailType: string, detail: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ version: "0", id: "844e2571-85d4-695f-b930-0153b71dcb42", "detail-type": detailType, source: "aws.sagemaker", account: "123456789012", time: "2026-11-26T09:00:00Z", region: "us-east-1", resources: [], detail, ...extra });

describe("reading SageMaker's state-change events", () => {
  it("finds the resource each of the five event types is about", () => {
    expect(parseStateChange(event("SageMaker Training Job State Change", { TrainingJobName: "churn-xgb-1", TrainingJobArn: "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-1", TrainingJobStatus: "Completed" }))).toEqual({
      type: "training-job",
      name: "churn-xgb-1",
      arn: "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-1",
    });
    expect(parseStateChange(event("SageMaker Endpoint State Change", { EndpointName: "churn-prod", EndpointStatus: "IN_SERVICE" }))).toEqual({ type: "endpoint", name: "churn-prod", arn: undefined });
    expect(parseStateChange(event("SageMaker Transform Job State Change", { TransformJobName: "churn-batch", TransformJobStatus: "Failed" }))?.type).toBe("transform-job");
    expect(parseStateChange(event("SageMaker HyperParameter Tuning Job State Change", { HyperParameterTuningJobName: "churn-tune", HyperParameterTuningJobStatus: "InProgress" }))?.name).toBe("churn-tune");
    const execution = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-retrain/execution/p4jn9xou8a8s";
    expect(parseStateChange(event("SageMaker Model Building Pipeline Execution Status Change", { currentPipelineExecutionStatus: "Succeeded", pipelineExecutionArn: execution }))).toEqual({
      type: "pipeline-execution",
      name: "churn-retrain",
      arn: execution,
    });
  });

  it("ignores what is not a SageMaker state change it can use", () => {
    expect(parseStateChange("not json")).toBeUndefined();
    expect(parseStateChange(event("SageMaker Training Job State Change", { TrainingJobStatus: "Completed" }))).toBeUndefined();
    expect(parseStateChange(event("SageMaker Feature Group State Change", { FeatureGroupName: "churn-features" }))).toBeUndefined();
    expect(parseStateChange(event("SageMaker Training Job State Change", { TrainingJobName: "x" }, { source: "aws.ec2" }))).toBeUndefined();
    expect(parseStateChange(event("SageMaker Model Building Pipeline Execution Status Change", { pipelineExecutionArn: "not-an-arn" }))).toBeUndefined();
  });
});

describe("configuring the events queue", () => {
  it("SAGEOPS_EVENTS_QUEUE_URL turns the event source on; without it there is none", () => {
    const url = "https://sqs.us-east-1.amazonaws.com/123456789012/sageops-events";
    const config = loadConfig({ SAGEOPS_EVENTS_QUEUE_URL: url, AWS_ENDPOINT_URL_SQS: "http://127.0.0.1:9324" });
    expect(config.eventsQueueUrl).toBe(url);
    expect(awsTargetFromConfig(config.aws).sqsEndpoint).toBe("http://127.0.0.1:9324");
    expect(createEventSource(config.eventsQueueUrl, awsTargetFromConfig(config.aws))).toBeDefined();
    const plain = loadConfig({});
    expect(plain.eventsQueueUrl).toBeUndefined();
    expect(createEventSource(plain.eventsQueueUrl, awsTargetFromConfig(plain.aws))).toBeUndefined();
  });

  it("a queue URL that is not one is refused, naming the variable and not the value", () => {
    let error: unknown;
    try {
      loadConfig({ SAGEOPS_EVENTS_QUEUE_URL: "sageops-events-secretish" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError ? error.variable : "").toBe("SAGEOPS_EVENTS_QUEUE_URL");
    expect(String(error instanceof Error ? error.message : "")).not.toContain("secretish");
  });
});

describe("status driven by events, with polling as the fallback", () => {
  let world: World;
  let dir: string;
  let source: SqsEventSource;

  beforeEach(async () => {
    world = await startWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-events-"));
    // No long poll here: the tests move simulated time by hand.
    const target = { ...sandboxTarget(world.sandbox.url, world.sandbox.region), maxAttempts: 1 };
    const created = createEventSource(world.sandbox.eventsQueue.url, target, { waitTimeSeconds: 0 });
    if (!created) throw new Error("expected an event source for a configured queue");
    source = created;
  });

  afterEach(async () => {
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const context = (): TrackingContext => ({ planId: "plan-9", requester: "U0ENGINEER", channel: "C0MLOPS", region: world.sandbox.region });

  async function startTracking(name: string): Promise<{ store: SqlTrackedStore; tracker: Tracker; feed: EventFeed }> {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const feed = new EventFeed(source, tracker, world.clock);
    const { arn } = await world.port.createTrainingJob(trainingRequest(name));
    tracker.track({ type: "training-job", name, arn }, context());
    return { store, tracker, feed };
  }

  const statusMessage = (name: string): string => {
    const message = world.slack.messagesIn("C0MLOPS").find((m) => JSON.stringify(m.blocks).includes(name) || m.text?.includes(name));
    return `${message?.text ?? ""}\n${JSON.stringify(message?.blocks ?? [])}`;
  };

  it("an engineer's training job status message follows the events: a Describe per change, no List", async () => {
    const name = "churn-xgb-evented";
    const { store, tracker, feed } = await startTracking(name);
    expect(await feed.pollOnce()).toBe(true);
    expect(feed.isHealthy).toBe(true);
    await world.poll(tracker);
    expect(statusMessage(name)).toContain("InProgress (Starting)");

    world.sandbox.resetCalls();
    const matchedBefore = feed.stats.matched;
    let rounds = 0;
    for (let step = 0; step < 60 && store.active().length > 0; step += 1) {
      world.advance(20);
      await feed.pollOnce();
      const report = await world.poll(tracker);
      rounds += 1;
      expect(report.lists).toBe(0);
      expect(report.describes).toBeLessThanOrEqual(1);
    }
    expect(store.active()).toEqual([]);
    expect(statusMessage(name)).toContain("Completed");
    expect(world.sandbox.countCalls("ListTrainingJobs")).toBe(0);
    // One Describe per status change the events reported (Downloading, Training, Uploading, Completed), not one per round.
    expect(world.sandbox.countCalls("DescribeTrainingJob")).toBe(4);
    expect(rounds).toBeGreaterThan(10);
    expect(feed.stats.matched - matchedBefore).toBe(4);
  });

  it("a new endpoint's deploy is followed by its events alone, to InService", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const feed = new EventFeed(source, tracker, world.clock);
    await world.port.createEndpoint({ EndpointName: "churn-staging", EndpointConfigName: SEED.endpointConfig });
    tracker.track({ type: "endpoint", name: "churn-staging" }, context());
    await feed.pollOnce();
    await world.poll(tracker);
    world.sandbox.resetCalls();
    for (let minute = 0; minute < 15 && store.active().length > 0; minute += 1) {
      world.advance(60);
      await feed.pollOnce();
      await world.poll(tracker);
    }
    expect(store.active()).toEqual([]);
    expect(statusMessage("churn-staging")).toContain("InService");
    expect(world.sandbox.countCalls("ListEndpoints")).toBe(0);
    expect(world.sandbox.countCalls("DescribeEndpoint")).toBe(1);
  });

  it("a pipeline execution's status change is described at once; its steps are still polled between changes", async () => {
    const { store } = world.openStore(path.join(dir, "sageops.db"));
    const tracker = world.tracker(store);
    const feed = new EventFeed(source, tracker, world.clock);
    const { arn } = await world.port.startPipelineExecution({ PipelineName: SEED.pipeline, PipelineExecutionDisplayName: "sageops-plan-9", ClientRequestToken: "sageops-plan-9".padEnd(32, "0") });
    tracker.track({ type: "pipeline-execution", name: SEED.pipeline, arn }, context());
    await feed.pollOnce();
    await world.poll(tracker);
    // Between its status changes, the execution is described on the usual schedule (its steps move).
    world.sandbox.resetCalls();
    world.advance(120);
    await feed.pollOnce();
    expect((await world.poll(tracker)).describes).toBe(1);
    // At its end, the event brings the final status in the very round after it.
    let finishedOnEvent = false;
    for (let round = 0; round < 400 && store.active().length > 0; round += 1) {
      world.advance(10);
      const matched = feed.stats.matched;
      await feed.pollOnce();
      const report = await world.poll(tracker);
      if (report.finished.length > 0) finishedOnEvent = feed.stats.matched > matched;
    }
    expect(store.active()).toEqual([]);
    expect(finishedOnEvent).toBe(true);
    expect(store.find("pipeline-execution", SEED.pipeline)?.status?.status).toBe("Succeeded");
  });

  it("an event about something not tracked, or not an event at all, is removed from the queue and changes nothing", async () => {
    const { tracker, feed } = await startTracking("churn-xgb-quiet");
    await feed.pollOnce();
    await world.poll(tracker);
    await world.port.createTrainingJob(trainingRequest("someone-elses-job"));
    const { SQSClient, SendMessageCommand } = await import("@aws-sdk/client-sqs");
    const sqs = new SQSClient({ endpoint: world.sandbox.url, region: world.sandbox.region, credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    await sqs.send(new SendMessageCommand({ QueueUrl: world.sandbox.eventsQueue.url, MessageBody: "{\"hello\": \"world\"}" }));
    sqs.destroy();

    world.sandbox.resetCalls();
    await feed.pollOnce();
    const report = await world.poll(tracker);
    expect(report.calls).toBe(0);
    expect(feed.stats).toMatchObject({ untracked: 1, ignored: 1 });
    expect(world.sandbox.eventsQueue.depth).toBe(0);
  });

  it("events that never arrive are made up for by a safety List every ten minutes", async () => {
    const { store, tracker, feed } = await startTracking("churn-xgb-safety");
    await feed.pollOnce();
    await world.poll(tracker);
    // Another consumer on the same queue takes every event: the feed stays healthy but hears nothing.
    const rival = createEventSource(world.sandbox.eventsQueue.url, sandboxTarget(world.sandbox.url, world.sandbox.region), { waitTimeSeconds: 0 });
    if (!rival) throw new Error("expected an event source");
    world.sandbox.resetCalls();
    const heardBefore = feed.stats.received;
    let finishedAfter = 0;
    for (let minute = 1; minute <= 30 && store.active().length > 0; minute += 1) {
      world.advance(60);
      await rival.ack((await rival.receive()).map((m) => m.id));
      await feed.pollOnce();
      await world.poll(tracker);
      finishedAfter = minute;
    }
    expect(feed.isHealthy).toBe(true);
    expect(feed.stats.received).toBe(heardBefore);
    expect(store.active()).toEqual([]);
    // The job ends within about eleven minutes; the first safety List, ten minutes in, finds it done.
    expect(finishedAfter).toBe(10);
    expect(world.sandbox.countCalls("ListTrainingJobs")).toBe(1);
  });

  it("when the queue fails, polling takes over and the job still reaches its final status", async () => {
    const name = "churn-xgb-fallback";
    const { store, tracker, feed } = await startTracking(name);
    await feed.pollOnce();
    await world.poll(tracker);

    world.sandbox.eventsQueue.close();
    expect(await feed.pollOnce()).toBe(false);
    expect(feed.isHealthy).toBe(false);
    expect(feed.stats.failures).toBe(1);

    world.sandbox.resetCalls();
    let lists = 0;
    for (let step = 0; step < 60 && store.active().length > 0; step += 1) {
      world.advance(20);
      await feed.pollOnce();
      lists += (await world.poll(tracker)).lists;
    }
    expect(store.active()).toEqual([]);
    expect(statusMessage(name)).toContain("Completed");
    // Polling as before: the job was found moving through the List calls.
    expect(lists).toBeGreaterThan(5);
    expect(world.sandbox.countCalls("ListTrainingJobs")).toBe(lists);
  });

  it("the running loop rests while events flow, wakes for an event, and returns to its usual pace when they stop", async () => {
    const { store, tracker, feed } = await startTracking("churn-xgb-rest");
    await feed.pollOnce();
    tracker.start();
    const nextDelay = async (): Promise<number> => {
      await waitFor(() => world.timers.pendingTimers === 1 && world.poster.pending === 0, { what: "the next round to be scheduled" });
      return (world.timers.nextTimerAt ?? 0) - world.timers.now();
    };
    try {
      world.timers.advance(0);
      let delay = await nextDelay();
      // Nothing moves in the sandbox: quiet rounds, each waiting longer, past the two minutes polling alone allows.
      while (delay <= 120_000) {
        world.timers.advance(delay);
        delay = await nextDelay();
      }
      expect(delay).toBeLessThanOrEqual(600_000);

      // The job moves on: its event wakes the loop at once.
      world.sandboxClock.advance(130);
      await feed.pollOnce();
      expect(await nextDelay()).toBe(0);
      world.timers.advance(0);
      await nextDelay();
      expect(statusMessage("churn-xgb-rest")).toContain("InProgress (Downloading)");

      // Let it rest again, then lose the queue: the loop wakes and polls on the usual schedule.
      delay = await nextDelay();
      while (delay <= 120_000) {
        world.timers.advance(delay);
        delay = await nextDelay();
      }
      world.sandbox.eventsQueue.close();
      expect(await feed.pollOnce()).toBe(false);
      expect(await nextDelay()).toBe(0);
      world.timers.advance(0);
      expect(await nextDelay()).toBeLessThanOrEqual(120_000);
      expect(store.active()).toHaveLength(1);
    } finally {
      await tracker.stop();
    }
  });

  it("stopping the feed ends a long poll at once", async () => {
    const { tracker } = await startTracking("churn-xgb-longpoll");
    const longPolling = createEventSource(world.sandbox.eventsQueue.url, sandboxTarget(world.sandbox.url, world.sandbox.region), { waitTimeSeconds: 20 });
    if (!longPolling) throw new Error("expected an event source");
    await longPolling.ack((await longPolling.receive()).map((m) => m.id));
    const feed = new EventFeed(longPolling, tracker, world.clock);
    feed.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = Date.now();
    await feed.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(feed.isHealthy).toBe(false);
  });
});
