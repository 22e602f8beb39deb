/** What every resource family shares: the account, the timeline, the object store, ARNs, wire dates. */
import type { StateChangeEvents } from "./events.js";
import type { ObjectStore } from "./s3.js";
import type { Timeline } from "./timeline.js";

export const SANDBOX_ACCOUNT = "123456789012";

export interface SandboxEnv {
  readonly region: string;
  readonly account: string;
  readonly timeline: Timeline;
  readonly s3: ObjectStore;
  /** SageMaker's EventBridge state-change events, delivered to the events queue. */
  readonly events: StateChangeEvents;
}

/** `arn:aws:sagemaker:<region>:<account>:<type>/<name>`, the name lowercased as SageMaker does. */
export function sagemakerArn(env: Pick<SandboxEnv, "region" | "account">, resourceType: string, name: string): string {
  return `arn:aws:sagemaker:${env.region}:${env.account}:${resourceType}/${name.toLowerCase()}`;
}

/** JSON 1.1 dates are epoch seconds. */
export function wireTime(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Splits `s3://bucket/key/prefix` into its bucket and key. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1] ?? "", key: match[2] ?? "" } : undefined;
}

/** Joins S3 URI parts with single slashes. */
export function joinS3(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ""), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ""))].filter((p) => p !== "").join("/");
}
