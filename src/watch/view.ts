import type { TrackedResource } from "../kernel/resources.js";
import type { ResourceStatus } from "./status.js";
import type { TrackedRecord, TrackingContext } from "./tracked-store.js";

/** A resource and what is known of it, as renderers take it (a tracked record, or a fresh answer). */
export interface ResourceView {
  resource: TrackedResource;
  region: string;
  /** Undefined until SageMaker has been asked. */
  status?: ResourceStatus;
  /** Present when sageops tracks it: who asked, where it reports. */
  tracking?: Omit<TrackingContext, "region">;
  finishedAt?: string;
  /** The status message in Slack, when there is one. */
  messageTs?: string;
}

export function viewOf(record: TrackedRecord): ResourceView {
  const { region, ...tracking } = record.context;
  return { resource: record.resource, region, status: record.status, tracking, finishedAt: record.finishedAt, messageTs: record.messageTs };
}
