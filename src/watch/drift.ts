/**
 * Model Monitor findings for an endpoint: its latest monitoring executions and, for the newest
 * that found violations, the violations themselves from the report Model Monitor wrote to S3.
 */
import { z } from "zod";
import { ok, type Result } from "../kernel/result.js";
import { type MonitoringExecutionSummary, type ObjectReader, SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";

const ViolationsReport = z.object({
  violations: z.array(z.object({ feature_name: z.string(), constraint_check_type: z.string(), description: z.string() })).default([]),
});

export interface DriftViolation {
  feature: string;
  check: string;
  description: string;
}

export interface DriftReport {
  endpoint: string;
  /** Newest first. */
  executions: { schedule: string; status: string; scheduledAt?: Date; failureReason?: string }[];
  /** From the newest execution that completed with violations. */
  violations: DriftViolation[];
  reportUri?: string;
  violationsAt?: Date;
}

const RECENT = 5;

export async function driftFindings(port: SageMakerPort, objects: ObjectReader, endpoint: string): Promise<Result<DriftReport>> {
  let executions: MonitoringExecutionSummary[];
  try {
    executions = await port.listMonitoringExecutions({ endpointName: endpoint, maxResults: RECENT });
  } catch (error) {
    if (error instanceof SageMakerError) return { ok: false, problem: { what: `SageMaker did not list monitoring runs for \`${endpoint}\` (${error.code}): ${error.message}`, fix: "Try again in a moment." } };
    throw error;
  }
  if (executions.length === 0) {
    return { ok: false, problem: { what: `\`${endpoint}\` has no Model Monitor runs.`, fix: "Either it has no monitoring schedule, or its first run has not happened yet. `which service detects data drift?` explains the options." } };
  }
  const report: DriftReport = {
    endpoint,
    executions: executions.map((e) => ({ schedule: e.MonitoringScheduleName, status: e.MonitoringExecutionStatus, scheduledAt: e.ScheduledTime, failureReason: e.FailureReason })),
    violations: [],
  };
  const flagged = executions.find((e) => e.MonitoringExecutionStatus === "CompletedWithViolations" && e.ProcessingJobArn);
  if (!flagged?.ProcessingJobArn) return ok(report);
  try {
    const output = await port.monitoringReportUri(flagged.ProcessingJobArn);
    if (!output) return ok(report);
    const reportUri = `${output.replace(/\/$/, "")}/constraint_violations.json`;
    const read = await objects.readText(reportUri, 5_000_000);
    const text = read.kind === "text" ? read.text : undefined;
    const parsed = text === undefined ? undefined : ViolationsReport.safeParse(JSON.parse(text));
    report.reportUri = reportUri;
    report.violationsAt = flagged.ScheduledTime;
    if (parsed?.success) report.violations = parsed.data.violations.map((v) => ({ feature: v.feature_name, check: v.constraint_check_type, description: v.description }));
  } catch (error) {
    if (!(error instanceof SageMakerError) && !(error instanceof SyntaxError)) throw error;
    // The runs are still worth showing when the report cannot be read.
  }
  return ok(report);
}
