/**
 * Delivery under Slack's rate limit: 100 training jobs in 20 channels each move through five
 * statuses (500 status updates, in five waves 200 ms apart), followed by the bot's own path: the
 * Tracker's rounds, back to back, over a SageMaker that answers from memory, its StatusPublisher,
 * SlackStatusReporter, the PacedPoster with its default pacing, WebApiPoster and the WebClient as
 * the bot creates it, to the local Slack API, which allows one message per channel per second and
 * answers 429 with Retry-After otherwise. Statuses that pass while a round waits on Slack coalesce.
 */
import { performance } from "node:perf_hooks";
import { createSlackClient } from "../src/compose/slack-client.js";
import { LocalSlackApi } from "../src/console/slack-api.js";
import { systemClock } from "../src/kernel/clock.js";
import type {
  EndpointDescription,
  EndpointStatus,
  PipelineExecutionDescription,
  PipelineExecutionStep,
  TrainingJobDescription,
  TrainingJobSummary,
  TransformJobDescription,
  TuningJobDescription,
} from "../src/kernel/sagemaker-port.js";
import { PacedPoster } from "../src/slack/notify/pacer.js";
import { WebApiPoster } from "../src/slack/notify/slack-poster.js";
import { SlackStatusReporter } from "../src/slack/notify/status-reporter.js";
import { openDatabase } from "../src/store/db.js";
import { SqlTrackedStore } from "../src/store/tracked.js";
import type { WatchPort } from "../src/watch/describe.js";
import { Tracker } from "../src/watch/tracker.js";
import { BOT_TOKEN } from "../test/support/constants.js";
import { limitPerChannel } from "./rate-limit.js";
import { round, sleep } from "./stats.js";

const CHANNELS = 20;
const JOBS_PER_CHANNEL = 5;
const WAVES = 5;
const WAVE_GAP_MS = 200;

export interface DeliveryFigures {
  /** Status changes SageMaker went through. */
  updates: number;
  /** Those the tracker saw (the rest passed while a round waited on Slack). */
  seenByTracker: number;
  channels: number;
  seconds: number;
  /** Messages (posts and updates) the busiest channel took after coalescing. */
  busiestChannelMessages: number;
  /** Those messages at one a second: the fastest Slack allows. */
  physicalLimitSeconds: number;
  /** Fewest messages possible: one post per job, with its final snapshot. */
  fewestPossibleMessages: number;
  lost: number;
  duplicates: number;
  rateLimited: number;
  pacerRetries: number;
}

/** A SageMaker that answers from memory: every job is at the current wave's status. */
class WavesOfStatus implements WatchPort {
  wave = 0;
  private readonly changedAt: number[] = [Date.now()];

  constructor(private readonly names: readonly string[]) {}

  private modified(): Date {
    while (this.changedAt.length <= this.wave) this.changedAt.push(Date.now());
    return new Date(this.changedAt[this.wave] ?? Date.now());
  }

  async describeTrainingJob(name: string): Promise<TrainingJobDescription> {
    return { TrainingJobName: name, TrainingJobArn: `arn:aws:sagemaker:us-east-1:123456789012:training-job/${name}`, TrainingJobStatus: "InProgress", SecondaryStatus: `Step${this.wave + 1}`, LastModifiedTime: this.modified() };
  }

  async listTrainingJobs(): Promise<TrainingJobSummary[]> {
    const modified = this.modified();
    return this.names.map((name) => ({ TrainingJobName: name, TrainingJobStatus: "InProgress", LastModifiedTime: modified }));
  }

  private unused(): never {
    throw new Error("the delivery bench follows training jobs only");
  }

  describeTuningJob = async (): Promise<TuningJobDescription> => this.unused();
  describeEndpoint = async (): Promise<EndpointDescription> => this.unused();
  describeTransformJob = async (): Promise<TransformJobDescription> => this.unused();
  describePipelineExecution = async (): Promise<PipelineExecutionDescription> => this.unused();
  listPipelineExecutionSteps = async (): Promise<PipelineExecutionStep[]> => this.unused();
  listEndpoints = async (): Promise<{ EndpointName: string; EndpointStatus: EndpointStatus; LastModifiedTime?: Date }[]> => [];
  listPipelines = async (): Promise<{ name: string; arn?: string }[]> => [];
}

export async function measureDelivery(): Promise<DeliveryFigures> {
  const slack = new LocalSlackApi();
  await slack.start();
  const limit = limitPerChannel(slack, 1000);
  const db = openDatabase(":memory:");
  try {
    let pacerRetries = 0;
    const poster = new PacedPoster(new WebApiPoster(createSlackClient(BOT_TOKEN, slack.apiUrl)), { clock: systemClock, onRateLimited: () => (pacerRetries += 1) });
    const store = new SqlTrackedStore(db);
    const jobs = Array.from({ length: CHANNELS * JOBS_PER_CHANNEL }, (_, i) => ({ name: `bench-deliver-${String(i).padStart(3, "0")}`, channel: `C0BENCH${String(i % CHANNELS).padStart(2, "0")}` }));
    const sageMaker = new WavesOfStatus(jobs.map((job) => job.name));
    const tracker = new Tracker({ port: sageMaker, reporter: new SlackStatusReporter(poster), store, clock: systemClock, maxCallsPerRound: 1000, listOverlapMs: 0 });
    for (const job of jobs) tracker.track({ type: "training-job", name: job.name }, { requester: "U0ENGINEER", channel: job.channel, region: "us-east-1" });

    const started = performance.now();
    let producerDone = false;
    const producing = (async () => {
      for (let wave = 1; wave < WAVES; wave += 1) {
        await sleep(WAVE_GAP_MS);
        sageMaker.wave = wave;
      }
      producerDone = true;
    })();
    let seen = 0;
    for (;;) {
      const done = producerDone;
      const report = await tracker.pollOnce();
      seen += report.changed.length;
      if (report.errors.length > 0) throw new Error(`delivery failed: ${report.errors.map((e) => e.message).join("; ")}`);
      if (done && report.changed.length === 0) break;
    }
    await producing;
    const seconds = (performance.now() - started) / 1000;

    const perChannel = new Map<string, number>();
    for (const call of slack.calls) {
      if (call.status !== 200 || (call.method !== "chat.postMessage" && call.method !== "chat.update")) continue;
      const channel = String(call.args["channel"]);
      perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
    }
    const busiest = Math.max(...perChannel.values());
    let lost = 0;
    let duplicates = 0;
    for (const job of jobs) {
      const saved = store.find("training-job", job.name);
      const message = saved?.messageTs ? slack.messages.get(`${job.channel}:${saved.messageTs}`) : undefined;
      if (!message?.text?.includes(`(Step${WAVES})`)) lost += 1;
      const posts = slack.calls.filter((call) => call.method === "chat.postMessage" && call.status === 200 && String(call.args["text"] ?? "").includes(`${job.name}:`)).length;
      if (posts > 1) duplicates += posts - 1;
    }
    return {
      updates: jobs.length * WAVES,
      seenByTracker: seen,
      channels: CHANNELS,
      seconds: round(seconds, 2),
      busiestChannelMessages: busiest,
      physicalLimitSeconds: busiest - 1,
      fewestPossibleMessages: JOBS_PER_CHANNEL,
      lost,
      duplicates,
      rateLimited: limit.limited,
      pacerRetries,
    };
  } finally {
    limit.remove();
    db.close();
    await slack.close();
  }
}
