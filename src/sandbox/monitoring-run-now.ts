/**
 * Running a monitoring schedule now, a control only the sandbox has (SageMaker runs schedules on
 * their cron alone): so tests and demos see a run of any of the four monitor types, with or without
 * violations, or failing, without waiting for its next scheduled hour. The request shape is checked
 * here for both doors, `Sandbox.monitoring.runNow` and `POST /_sandbox/monitoring/run`.
 */
import { z } from "zod";
import type { MonitoringType } from "./monitor-reports.js";

const OUTCOME_FIELDS = {
  /** true: the run finds violations; false: it is clean; absent: as a scheduled run at this moment would. */
  violations: z.boolean({ error: "must be true or false" }).optional(),
  /** true: the run fails, with a reason in SageMaker's form. */
  fail: z.boolean({ error: "must be true or false" }).optional(),
};
const oneOutcome = (o: { violations?: boolean | undefined; fail?: boolean | undefined }): boolean => !(o.fail === true && o.violations === true);
const ONE_OUTCOME = { message: "a run either fails or finds violations: give fail or violations, not both" };

export const RunNowOptionsSchema = z.strictObject(OUTCOME_FIELDS).refine(oneOutcome, ONE_OUTCOME);
export type RunNowOptions = z.input<typeof RunNowOptionsSchema>;

export const RunNowRequestSchema = z
  .strictObject({
    schedule: z.string({ error: "required: the name of a monitoring schedule" }).regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "must be a monitoring schedule name (letters, digits and hyphens, at most 63)"),
    ...OUTCOME_FIELDS,
  })
  .refine(oneOutcome, ONE_OUTCOME);

/** The outcome a run-now request asks for. */
export type RequestedOutcome = "natural" | "violations" | "clean" | "fail";

export function requestedOutcome(options: z.output<typeof RunNowOptionsSchema>): RequestedOutcome {
  if (options.fail === true) return "fail";
  if (options.violations === undefined) return "natural";
  return options.violations ? "violations" : "clean";
}

/** What was started: enough to find the run in ListMonitoringExecutions and its files in S3. Times are simulated. */
export interface MonitoringRunStarted {
  schedule: string;
  monitoringType: MonitoringType;
  endpoint: string;
  outcome: "violations" | "clean" | "failed";
  violationCount: number;
  /** Why the run fails, when it does (its FailureReason once finished). */
  failureReason?: string;
  /** ISO 8601: the run's ScheduledTime (the moment it was asked for). */
  scheduledTime: string;
  /** ISO 8601: when the run ends and its reports are in S3. */
  finishesAt: string;
  processingJobName: string;
  processingJobArn: string;
  /** Where the run writes constraint_violations.json and its statistics (nothing, when it fails). */
  outputUri: string;
}
