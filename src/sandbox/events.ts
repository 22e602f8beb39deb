/**
 * SageMaker's EventBridge state-change events, as a rule forwarding `aws.sagemaker` events to an
 * SQS queue would deliver them. Statuses are computed lazily from the clock, so a resource asks
 * to be looked at on the timeline at each instant its status may move; a look that finds a status
 * different from the last one published publishes an event stamped with that instant. Since the
 * timeline runs in time order, events arrive in the order the changes happened.
 */
import { hexId } from "./random.js";
import type { Timeline } from "./timeline.js";

const DETAIL_TYPES = {
  "training-job": "SageMaker Training Job State Change",
  endpoint: "SageMaker Endpoint State Change",
  "transform-job": "SageMaker Transform Job State Change",
  "tuning-job": "SageMaker HyperParameter Tuning Job State Change",
  "pipeline-execution": "SageMaker Model Building Pipeline Execution Status Change",
  "model-package": "SageMaker Model Package State Change",
  "feature-group": "SageMaker Feature Group State Change",
} as const;

export type WatchedKind = keyof typeof DETAIL_TYPES;

/** What a resource looks like at one instant, for its event. */
export interface Snapshot {
  /** Changes to this (e.g. `InProgress/Training`) are what make an event. */
  status: string;
  detail: Record<string, unknown>;
}

export interface WatchedResource {
  kind: WatchedKind;
  arn: string;
  /** ARNs listed in the event's `resources` (defaults to `[arn]`). */
  resources?: string[];
  /** The resource at `at`, or undefined once it no longer exists. */
  read(at: number): Snapshot | undefined;
  /** Pipeline events carry the status they moved from. */
  withPrevious?: (detail: Record<string, unknown>, previous: string | undefined) => Record<string, unknown>;
}

type EventSink = (body: string, at: number) => void;

/** ISO time without milliseconds, as EventBridge stamps events. */
function eventTime(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export class StateChangeEvents {
  private readonly published = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly timeline: Timeline,
    private readonly where: { region: string; account: string },
    private readonly sink: EventSink,
  ) {}

  /** Looks at the resource at each instant (past instants run at the next sync, in order). */
  checkAt(resource: WatchedResource, instants: readonly number[]): void {
    for (const at of new Set(instants)) this.timeline.schedule(at, (when) => this.check(resource, when));
  }

  private check(resource: WatchedResource, at: number): void {
    const snapshot = resource.read(at);
    if (!snapshot) return;
    const previous = this.published.get(resource.arn);
    if (previous === snapshot.status) return;
    this.published.set(resource.arn, snapshot.status);
    const detail = resource.withPrevious ? resource.withPrevious(snapshot.detail, previous?.split("/")[0]) : snapshot.detail;
    this.sequence += 1;
    const seed = hexId(`${resource.arn}|${snapshot.status}|${at}|${this.sequence}`, 32);
    const id = `${seed.slice(0, 8)}-${seed.slice(8, 12)}-${seed.slice(12, 16)}-${seed.slice(16, 20)}-${seed.slice(20, 32)}`;
    const event = {
      version: "0",
      id,
      "detail-type": DETAIL_TYPES[resource.kind],
      source: "aws.sagemaker",
      account: this.where.account,
      time: eventTime(at),
      region: this.where.region,
      resources: resource.resources ?? [resource.arn],
      detail,
    };
    this.sink(JSON.stringify(event), at);
  }
}

/** A Describe answer as an event's detail: the same fields, times in epoch milliseconds as events carry them. */
export function eventDetail(described: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(described).map(([key, value]) => [key, key.endsWith("Time") && typeof value === "number" ? Math.round(value * 1000) : value]));
}
