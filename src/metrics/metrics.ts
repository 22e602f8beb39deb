/**
 * What the bot counts, in Prometheus's terms: one Registry per running bot (never prom-client's
 * global one), built by the composition root and handed to the decorators that count
 * (src/compose/instrumented.ts). The gauges read their values when scraped, from the sources the
 * composition root gives (`readFrom`): the store's plans and followed resources, the pacer's queue.
 *
 * Every label here takes one of a few fixed values (a kind, an operation, a method, an outcome):
 * no channel, user, plan or resource name is ever a label.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What a Slack request was: a slash command, a click, a form, an Events API event, a select menu's options. */
export type SlackRequestKind = "command" | "action" | "view" | "event" | "options" | "other";

/** How a call to Slack went: done, refused with a 429, refused with an error code, or failed on the way. */
export type SlackCallOutcome = "ok" | "rate_limited" | "refused" | "error";

/** The readings taken at scrape time; any of them may be absent. A reading that throws leaves its gauge empty for that scrape. */
export interface ScrapeSources {
  /** Plans by status, as the store counts them. */
  plansByStatus?: () => ReadonlyMap<string, number>;
  /** Tracked resources being followed (not finished). */
  trackedFollowed?: () => number;
  /** Calls waiting in the pacer's queues, all channels together. */
  pacerQueueDepth?: () => number;
}

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag, GC) on the same registry; default true. */
  processMetrics?: boolean;
  /** A reading that threw while scraped (the store closed, say). */
  onReadError?: (error: unknown, metric: string) => void;
}

/** Seconds: Slack gives up on an unacknowledged request after 3 s. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];

export class SageopsMetrics {
  readonly registry = new Registry();
  private sources: ScrapeSources = {};
  private readonly slackRequests: Counter<"kind">;
  private readonly slackAck: Histogram<"kind">;
  private readonly sagemakerCalls: Counter<"operation" | "outcome">;
  private readonly sagemakerThrottles: Counter<"operation">;
  private readonly slackCalls: Counter<"method" | "outcome">;
  private readonly slackRateLimits: Counter<"method">;
  private readonly driftAlerts: Counter;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    const onReadError = options.onReadError ?? (() => undefined);
    /** Runs a reading for a gauge, reporting (not throwing) what it threw. */
    const read = <T>(metric: string, reading: (() => T) | undefined): T | undefined => {
      if (!reading) return undefined;
      try {
        return reading();
      } catch (error) {
        onReadError(error, metric);
        return undefined;
      }
    };

    this.slackRequests = new Counter({ name: "sageops_slack_requests_total", help: "Slack requests handled (listeners finished, or a redelivery dropped), by kind.", labelNames: ["kind"], registers });
    this.slackAck = new Histogram({ name: "sageops_slack_ack_seconds", help: "Seconds from a Slack request's arrival to its acknowledgement, by kind.", labelNames: ["kind"], buckets: ACK_BUCKETS, registers });
    this.sagemakerCalls = new Counter({ name: "sageops_sagemaker_calls_total", help: "Calls through the SageMaker port, by operation and outcome (ok, or the error's code).", labelNames: ["operation", "outcome"], registers });
    this.sagemakerThrottles = new Counter({ name: "sageops_sagemaker_throttles_total", help: "SageMaker calls refused as throttled, by operation.", labelNames: ["operation"], registers });
    this.slackCalls = new Counter({ name: "sageops_slack_posts_total", help: "Calls the poster made to Slack (each attempt), by Web API method and outcome.", labelNames: ["method", "outcome"], registers });
    this.slackRateLimits = new Counter({ name: "sageops_slack_rate_limited_total", help: "Slack calls answered with a rate limit (HTTP 429), by Web API method.", labelNames: ["method"], registers });
    this.driftAlerts = new Counter({ name: "sageops_drift_alerts_posted_total", help: "Drift alerts posted to a channel.", registers });

    const plans: Gauge<"status"> = new Gauge({
      name: "sageops_plans",
      help: "Plans in the store, by status.",
      labelNames: ["status"],
      registers,
      collect: () => {
        plans.reset();
        for (const [status, count] of read("sageops_plans", this.sources.plansByStatus) ?? []) plans.set({ status }, count);
      },
    });
    /** A gauge without labels, read when scraped; empty when its reading is absent or threw. */
    const readGauge = (name: string, help: string, reading: () => (() => number) | undefined): void => {
      const gauge: Gauge = new Gauge({
        name,
        help,
        registers,
        collect: () => {
          gauge.reset();
          const value = read(name, reading());
          if (value !== undefined) gauge.set(value);
        },
      });
    };
    readGauge("sageops_tracked_resources_followed", "Jobs, endpoints and pipeline runs the tracker is following (started and not finished).", () => this.sources.trackedFollowed);
    readGauge("sageops_slack_pacer_queue_depth", "Slack calls waiting in the pacer's per-channel queues.", () => this.sources.pacerQueueDepth);
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Where the gauges read from; later sources replace earlier ones of the same name. */
  readFrom(sources: ScrapeSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  slackRequestAcknowledged(kind: SlackRequestKind, seconds: number): void {
    this.slackAck.observe({ kind }, seconds);
  }

  slackRequestHandled(kind: SlackRequestKind): void {
    this.slackRequests.inc({ kind });
  }

  /** `outcome` is "ok" or the SageMaker error's code (`Throttling`, `ResourceNotFound`, ...). */
  sagemakerCall(operation: string, outcome: string): void {
    this.sagemakerCalls.inc({ operation, outcome });
    if (outcome === "Throttling") this.sagemakerThrottles.inc({ operation });
  }

  slackCall(method: string, outcome: SlackCallOutcome): void {
    this.slackCalls.inc({ method, outcome });
    if (outcome === "rate_limited") this.slackRateLimits.inc({ method });
  }

  driftAlertPosted(): void {
    this.driftAlerts.inc();
  }

  /** The registry in Prometheus's text format, with the content type to answer it with. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
