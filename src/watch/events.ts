/**
 * SageMaker's EventBridge state-change events, read from a queue, in place of polling. An event
 * only says "this resource changed": the tracker then describes it, so the status shown comes
 * from one source (Describe) whether an event or a poll noticed the change, and a lost or
 * duplicated event costs at most a late or an extra Describe. While the queue answers, the
 * tracker polls the covered types (COVERED_TYPES) only slowly, as a safety net; when it fails,
 * polling resumes.
 */
import { z } from "zod";
import type { Clock } from "../kernel/clock.js";
import type { TrackedResource } from "../kernel/resources.js";
import type { ResourceType } from "./status.js";

/** Where events come from (src/aws/sqs.ts implements it over SQS). */
export interface EventSource {
  /** Waits a while for messages; may return none. `signal` ends the wait early. */
  receive(signal?: AbortSignal): Promise<{ id: string; body: string }[]>;
  /** Removes handled messages (malformed ones too, so they do not come back forever). */
  ack(ids: string[]): Promise<void>;
}

/** A resource some event says changed. */
export interface StateChange {
  type: TrackedResource["type"];
  name: string;
  arn?: string;
}

/** The event detail types read, and the resource type each is about. */
const EVENT_TYPES: Readonly<Record<string, ResourceType>> = {
  "SageMaker Training Job State Change": "training-job",
  "SageMaker Endpoint State Change": "endpoint",
  "SageMaker Transform Job State Change": "transform-job",
  "SageMaker HyperParameter Tuning Job State Change": "tuning-job",
  "SageMaker Model Building Pipeline Execution Status Change": "pipeline-execution",
};

/**
 * The types whose status message changes only when an event is sent, so events can replace
 * polling for them. A tuning job's counters and a pipeline execution's steps move between their
 * own state changes (SageMaker sends no tuning-job event when one of its training jobs ends), so
 * those two keep being polled; their events still bring a status change at once.
 */
const COVERED_TYPES: readonly ResourceType[] = ["training-job", "endpoint", "transform-job"];

const name = z.string().min(1);
const arn = z.string().startsWith("arn:").optional();

const EnvelopeSchema = z.looseObject({
  source: z.literal("aws.sagemaker"),
  "detail-type": z.string(),
  resources: z.array(z.string()).optional(),
  detail: z.looseObject({}),
});

/** Per detail type: where the name and ARN are in `detail`. */
const DetailSchemas = {
  "training-job": z.looseObject({ TrainingJobName: name, TrainingJobArn: arn }).transform((d) => ({ name: d.TrainingJobName, arn: d.TrainingJobArn })),
  endpoint: z.looseObject({ EndpointName: name, EndpointArn: arn }).transform((d) => ({ name: d.EndpointName, arn: d.EndpointArn })),
  "transform-job": z.looseObject({ TransformJobName: name, TransformJobArn: arn }).transform((d) => ({ name: d.TransformJobName, arn: d.TransformJobArn })),
  "tuning-job": z.looseObject({ HyperParameterTuningJobName: name, HyperParameterTuningJobArn: arn }).transform((d) => ({ name: d.HyperParameterTuningJobName, arn: d.HyperParameterTuningJobArn })),
  // Pipeline executions have no name of their own: the pipeline's name, and the execution's ARN.
  "pipeline-execution": z
    .looseObject({ pipelineExecutionArn: z.string().regex(/^arn:[^:]+:sagemaker:[^:]*:[^:]*:pipeline\/[^/]+\/execution\/.+$/) })
    .transform((d) => ({ name: /:pipeline\/([^/]+)\//.exec(d.pipelineExecutionArn)?.[1] ?? d.pipelineExecutionArn, arn: d.pipelineExecutionArn })),
} satisfies Record<ResourceType, z.ZodType<{ name: string; arn?: string }>>;

/** The resource a SageMaker event body is about, or undefined when it is not one we follow or not well formed. */
export function parseStateChange(body: string): StateChange | undefined {
  return stateChangeOf(eventJson(body));
}

/** A queue message's body as JSON; undefined when it is not JSON (it is then ignored, and acked). */
function eventJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function stateChangeOf(json: unknown): StateChange | undefined {
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return undefined;
  const type = EVENT_TYPES[envelope.data["detail-type"]];
  if (type === undefined) return undefined;
  const detail = DetailSchemas[type].safeParse(envelope.data.detail);
  if (!detail.success) return undefined;
  return { type, ...detail.data };
}

const ProcessingJobEvent = z.looseObject({
  source: z.literal("aws.sagemaker"),
  "detail-type": z.literal("SageMaker Processing Job State Change"),
  detail: z.looseObject({ ProcessingJobStatus: z.enum(["Completed", "Failed", "Stopped"]) }),
});

const ModelPackageEvent = z.looseObject({
  source: z.literal("aws.sagemaker"),
  "detail-type": z.literal("SageMaker Model Package State Change"),
  detail: z.looseObject({ ModelPackageGroupName: z.string().min(1).optional() }),
});

/** True for SageMaker's event that a processing job finished. */
export function isProcessingJobFinished(body: string): boolean {
  return ProcessingJobEvent.safeParse(eventJson(body)).success;
}

/** What the tracker offers the feed. */
export interface ChangeListener {
  /** Marks a tracked resource as changed; false when nothing tracked matches. */
  noteChanged(change: StateChange): boolean;
  /** True while events can be relied on for these types. */
  setEventsHealthy(healthy: boolean, types: readonly ResourceType[]): void;
}

export interface EventFeedOptions {
  /** First wait after a failed receive; doubles up to `maxRetryMs` (defaults 5 s and 5 min). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Pause after a receive that brought nothing (default 1 s; a long poll has usually waited already). */
  pauseWhenEmptyMs?: number;
  onError?: (error: unknown, stage: "receive" | "ack") => void;
  /** A processing job reached a final state (Model Monitor's runs are processing jobs). */
  onProcessingJobFinished?: () => void;
  /** A model package was registered or its approval changed. */
  onModelPackageChanged?: () => void;
}

interface EventFeedStats {
  received: number;
  /** Events about a tracked resource. */
  matched: number;
  /** About something not tracked (another team's job, a finished one). */
  untracked: number;
  /** Not a SageMaker state change we know, or malformed. */
  ignored: number;
  failures: number;
}

/**
 * Reads the event source in a loop and tells the tracker what changed. Healthy after a receive
 * that worked; unhealthy (and retrying with backoff) after one that failed.
 */
export class EventFeed {
  readonly stats: EventFeedStats = { received: 0, matched: 0, untracked: 0, ignored: 0, failures: 0 };
  private healthy = false;
  private running = false;
  private loop?: Promise<void>;
  private stopping?: AbortController;
  private failuresInRow = 0;

  constructor(
    private readonly source: EventSource,
    private readonly listener: ChangeListener,
    private readonly clock: Clock,
    private readonly options: EventFeedOptions = {},
  ) {}

  get isHealthy(): boolean {
    return this.healthy;
  }

  /** One receive and its handling; resolves false when receiving failed. */
  async pollOnce(signal?: AbortSignal): Promise<boolean> {
    let messages: { id: string; body: string }[];
    try {
      messages = await this.source.receive(signal);
    } catch (error) {
      if (signal?.aborted) return true;
      this.stats.failures += 1;
      this.failuresInRow += 1;
      this.setHealthy(false);
      this.options.onError?.(error, "receive");
      return false;
    }
    this.failuresInRow = 0;
    this.setHealthy(true);
    if (messages.length === 0) return true;
    this.stats.received += messages.length;
    for (const message of messages) {
      // Parsed once: read as a state change the tracker follows, else as a finished processing job.
      const json = eventJson(message.body);
      const change = stateChangeOf(json);
      if (!change && ProcessingJobEvent.safeParse(json).success) {
        // A monitoring run (or a drift job) finished: drift watching reads its report now.
        this.stats.matched += 1;
        this.options.onProcessingJobFinished?.();
      } else if (!change && ModelPackageEvent.safeParse(json).success) {
        // A version was registered: its group's channels hear of it now, not at the next round.
        this.stats.matched += 1;
        this.options.onModelPackageChanged?.();
      } else if (!change) this.stats.ignored += 1;
      else if (this.listener.noteChanged(change)) this.stats.matched += 1;
      else this.stats.untracked += 1;
    }
    try {
      await this.source.ack(messages.map((message) => message.id));
    } catch (error) {
      // Not acked: the messages come back after their visibility timeout, costing an extra Describe.
      this.options.onError?.(error, "ack");
    }
    return true;
  }

  /** Runs receives back to back (each one waits on the queue) until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.loop = this.run(this.stopping.signal);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping?.abort();
    await this.loop;
    this.setHealthy(false);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (this.running) {
      const before = this.stats.received;
      const ok = await this.pollOnce(signal);
      if (!this.running) break;
      if (ok) {
        // A long-polling source has already waited; one that answers at once gets a pause, not a busy loop.
        if (this.stats.received === before) await this.sleep(this.options.pauseWhenEmptyMs ?? 1_000, signal);
        continue;
      }
      const first = this.options.retryMs ?? 5_000;
      await this.sleep(Math.min(this.options.maxRetryMs ?? 300_000, first * 2 ** Math.min(this.failuresInRow - 1, 16)), signal);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        cancel();
        signal.removeEventListener("abort", done);
        resolve();
      };
      const cancel = this.clock.after(ms, done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private setHealthy(healthy: boolean): void {
    if (healthy === this.healthy) return;
    this.healthy = healthy;
    this.listener.setEventsHealthy(healthy, COVERED_TYPES);
  }
}
