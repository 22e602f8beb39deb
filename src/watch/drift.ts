/**
 * Drift on demand ("/sageops drift churn-prod", "any drift on churn-prod?"): the newest finished
 * run of each of the endpoint's Model Monitor schedules, read into findings the same way the
 * watcher reads them, and the recent runs.
 */
import { fail, ok, type Result } from "../kernel/result.js";
import { type ObjectReader, SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";
import { ModelMonitorSource } from "./drift-sources.js";
import type { DriftFinding } from "./finding.js";

export interface DriftReport {
  endpoint: string;
  /** The newest finished run of each monitor. */
  findings: DriftFinding[];
  /** Newest first. */
  executions: { schedule: string; status: string; scheduledAt?: Date; failureReason?: string }[];
}

export async function driftFindings(port: SageMakerPort, objects: ObjectReader, endpoint: string): Promise<Result<DriftReport>> {
  let latest: Awaited<ReturnType<ModelMonitorSource["latest"]>>;
  try {
    latest = await new ModelMonitorSource(endpoint, port, objects).latest();
  } catch (error) {
    if (error instanceof SageMakerError) return fail({ what: `SageMaker did not list monitoring runs for \`${endpoint}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (latest.recent.length === 0) {
    return fail({ what: `\`${endpoint}\` has no Model Monitor runs.`, fix: "Either it has no monitoring schedule, or its first run has not happened yet. `which service detects data drift?` explains the options." });
  }
  return ok({
    endpoint,
    findings: latest.findings,
    executions: latest.recent.slice(0, 5).map((e) => ({ schedule: e.MonitoringScheduleName, status: e.MonitoringExecutionStatus, scheduledAt: e.ScheduledTime, failureReason: e.FailureReason })),
  });
}
