/**
 * The producers of drift findings. Each reads its runs with one List call per round (Model
 * Monitor: ListMonitoringExecutions for the endpoint; a team's drift job: one S3 listing of its
 * prefix), and reads a run's report only when the run is new.
 */
import { type CheckStepMetadata, type MonitoringExecutionSummary, type ObjectReader, SageMakerError, type SageMakerPort } from "../kernel/sagemaker-port.js";
import type { DriftSource } from "./drift-watch.js";
import type { DriftFinding, MonitorType } from "./finding.js";
import { monitorTypeOf } from "./monitor-report.js";
import { readRunReport } from "./run-report.js";

const FINISHED = new Set(["Completed", "CompletedWithViolations", "Failed", "Stopped"]);
/** Runs listed per round and source: more than a schedule makes between two rounds. */
const LIST_LIMIT = 50;

/** A monitoring run's id (its processing job, else its schedule and time) and its time. */
function runKey(run: MonitoringExecutionSummary): { runId: string; runAt: string } {
  const runAt = (run.ScheduledTime ?? run.CreationTime ?? new Date(0)).toISOString();
  return { runId: run.ProcessingJobArn ?? `${run.MonitoringScheduleName}@${runAt}`, runAt };
}

/** Model Monitor's schedules on one endpoint, all four monitor types, through one List call a round. */
export class ModelMonitorSource implements DriftSource {
  readonly key: string;
  private readonly baselines = new Map<string, Promise<{ monitorType?: MonitorType; constraintsUri?: string; statisticsUri?: string }>>();

  constructor(
    readonly endpoint: string,
    private readonly port: SageMakerPort,
    private readonly objects: ObjectReader,
  ) {
    this.key = `model-monitor:${endpoint}`;
  }

  async finishedRuns(after: Date | undefined, handled: (runId: string) => boolean): Promise<{ findings: DriftFinding[]; oldestOpen?: string }> {
    // A second's overlap: a run scheduled exactly at the position is listed again and skipped as handled.
    const scheduledAfter = after ? new Date(after.getTime() - 1000) : undefined;
    const runs = await this.port.listMonitoringExecutions({ endpointName: this.endpoint, scheduledAfter, maxResults: LIST_LIMIT });
    const findings: DriftFinding[] = [];
    let oldestOpen: string | undefined;
    for (const run of runs) {
      const { runId, runAt } = runKey(run);
      if (!FINISHED.has(run.MonitoringExecutionStatus)) {
        if (oldestOpen === undefined || runAt < oldestOpen) oldestOpen = runAt;
        continue;
      }
      if (handled(runId)) continue;
      findings.push(await this.read(run, runId, runAt));
    }
    return { findings, oldestOpen };
  }

  /**
   * What a person asking "any drift on churn-prod?" wants: the newest finished run of each of the
   * endpoint's monitors, read into findings, and the recent runs as listed.
   */
  async latest(): Promise<{ findings: DriftFinding[]; recent: MonitoringExecutionSummary[] }> {
    const recent = await this.port.listMonitoringExecutions({ endpointName: this.endpoint, maxResults: 20 });
    const newest = new Map<string, MonitoringExecutionSummary>();
    for (const run of recent) {
      const type = run.MonitoringType ?? run.MonitoringScheduleName;
      if (FINISHED.has(run.MonitoringExecutionStatus) && !newest.has(type)) newest.set(type, run);
    }
    const findings = await Promise.all(
      [...newest.values()].map((run) => {
        const { runId, runAt } = runKey(run);
        return this.read(run, runId, runAt);
      }),
    );
    return { findings, recent };
  }

  private async read(run: MonitoringExecutionSummary, runId: string, runAt: string): Promise<DriftFinding> {
    const baseline = await this.baselineOf(run.MonitoringScheduleName);
    const monitorType = monitorTypeOf(run.MonitoringType) ?? baseline.monitorType ?? "data-quality";
    const base: DriftFinding = {
      endpoint: this.endpoint,
      monitorType,
      source: { kind: "model-monitor", schedule: run.MonitoringScheduleName },
      runId,
      runAt,
      status: "clean",
      violations: [],
      unrecognisedCount: 0,
      distributions: [],
    };
    if (run.MonitoringExecutionStatus === "Failed") return { ...base, status: "failed", reason: run.FailureReason ?? "Model Monitor reported the run as failed, without a reason." };
    if (run.MonitoringExecutionStatus === "Stopped") return { ...base, status: "failed", reason: "The run was stopped before it finished." };
    if (run.MonitoringExecutionStatus === "Completed") return base;
    let output: string | undefined;
    try {
      output = run.ProcessingJobArn ? await this.port.monitoringReportUri(run.ProcessingJobArn) : undefined;
    } catch (error) {
      if (!(error instanceof SageMakerError)) throw error;
      return { ...base, status: "unreadable", reason: `SageMaker did not describe the run's processing job (${error.code}): ${error.message}` };
    }
    // A run that completed with violations is never described as clean, even when its report cannot be read.
    if (!output) return { ...base, status: "unreadable", reason: "The run completed with violations, but its processing job names no output location." };
    return readRunReport(this.objects, { ...base, status: "violations" }, { outputUri: output, baselineConstraintsUri: baseline.constraintsUri, baselineStatisticsUri: baseline.statisticsUri });
  }

  /** A schedule's type and baseline files, read once per schedule and process. */
  private baselineOf(schedule: string): Promise<{ monitorType?: MonitorType; constraintsUri?: string; statisticsUri?: string }> {
    let cached = this.baselines.get(schedule);
    if (!cached) {
      cached = this.port.describeMonitoringSchedule(schedule).then(
        (s) => ({ monitorType: monitorTypeOf(s.MonitoringType), constraintsUri: s.BaselineConstraintsUri, statisticsUri: s.BaselineStatisticsUri }),
        (error: unknown) => {
          this.baselines.delete(schedule);
          if (error instanceof SageMakerError) return {};
          throw error;
        },
      );
      this.baselines.set(schedule, cached);
    }
    return cached;
  }
}

/**
 * A team's own drift job writing Model Monitor's format under an S3 prefix, one folder per run:
 * a run is a folder with a `constraint_violations.json` (and, where written, `statistics.json`).
 */
export class ReportPrefixSource implements DriftSource {
  readonly key: string;

  constructor(
    readonly endpoint: string,
    private readonly prefix: string,
    private readonly monitorType: MonitorType,
    private readonly objects: ObjectReader,
    private readonly baseline: { constraintsUri?: string; statisticsUri?: string } = {},
  ) {
    this.key = `drift-job:${endpoint}:${prefix}`;
  }

  async finishedRuns(after: Date | undefined, handled: (runId: string) => boolean): Promise<{ findings: DriftFinding[] }> {
    const objects = await this.objects.list(this.prefix, { modifiedAfter: after ? new Date(after.getTime() - 1000) : undefined, limit: 1000 });
    const reports = objects.filter((object) => object.uri.endsWith("/constraint_violations.json"));
    const findings: DriftFinding[] = [];
    for (const report of reports.reverse()) {
      const folder = report.uri.slice(0, -"/constraint_violations.json".length);
      if (handled(folder)) continue;
      const base: DriftFinding = {
        endpoint: this.endpoint,
        monitorType: this.monitorType,
        source: { kind: "drift-job", location: this.prefix },
        runId: folder,
        runAt: report.lastModified.toISOString(),
        status: "violations",
        violations: [],
        unrecognisedCount: 0,
        distributions: [],
      };
      const finding = await readRunReport(this.objects, base, { outputUri: folder, baselineConstraintsUri: this.baseline.constraintsUri, baselineStatisticsUri: this.baseline.statisticsUri });
      // A drift job may check quality, bias or attributions: its entries say which.
      findings.push({ ...finding, monitorType: monitorTypeOf(undefined, finding.violations) ?? this.monitorType });
    }
    return { findings };
  }
}

const CHECK_MONITOR: Readonly<Record<string, MonitorType>> = {
  DATA_QUALITY: "data-quality",
  MODEL_QUALITY: "model-quality",
  DATA_BIAS: "model-bias",
  MODEL_BIAS: "model-bias",
  MODEL_EXPLAINABILITY: "model-explainability",
};
const PIPELINE_FINISHED = new Set(["Succeeded", "Failed", "Stopped"]);

/**
 * A pipeline's QualityCheck and ClarifyCheck steps: each finished execution of the pipeline the
 * policy links to the endpoint is one run per check step, read from the violation report the step
 * names. One ListPipelineExecutions a round; the steps of an execution are listed once, when it is new.
 */
export class PipelineCheckSource implements DriftSource {
  readonly key: string;

  constructor(
    readonly endpoint: string,
    private readonly pipeline: string,
    private readonly port: SageMakerPort,
    private readonly objects: ObjectReader,
  ) {
    this.key = `pipeline:${endpoint}:${pipeline}`;
  }

  async finishedRuns(after: Date | undefined, handled: (runId: string) => boolean): Promise<{ findings: DriftFinding[]; oldestOpen?: string; quiet: DriftFinding[] }> {
    const quiet: DriftFinding[] = [];
    const executions = await this.port.listPipelineExecutions(this.pipeline, { createdAfter: after ? new Date(after.getTime() - 1000) : undefined, maxResults: 20 });
    const findings: DriftFinding[] = [];
    let oldestOpen: string | undefined;
    for (const execution of executions) {
      const runAt = (execution.startTime ?? new Date(0)).toISOString();
      if (!PIPELINE_FINISHED.has(execution.status)) {
        if (oldestOpen === undefined || runAt < oldestOpen) oldestOpen = runAt;
        continue;
      }
      // An execution's steps are listed once: when it is new.
      if (handled(`${execution.arn}#steps`)) continue;
      const steps = await this.port.listPipelineExecutionSteps(execution.arn);
      let checks = 0;
      for (const step of steps) {
        const check = step.Metadata?.QualityCheck ?? step.Metadata?.ClarifyCheck;
        if (!check || check.SkipCheck) continue;
        checks += 1;
        findings.push(await this.read(execution.arn, step.StepName ?? "check", step, check, runAt));
      }
      if (checks > 0) quiet.push({ ...this.base(execution.arn, "steps", runAt, "data-quality"), runId: `${execution.arn}#steps` });
      // An execution without check steps is still marked, so its steps are not listed again.
      if (checks === 0) quiet.push({ ...this.base(execution.arn, "none", runAt, "data-quality"), runId: `${execution.arn}#steps` });
    }
    return { findings, oldestOpen, quiet };
  }

  private base(executionArn: string, step: string, runAt: string, monitorType: MonitorType): DriftFinding {
    return {
      endpoint: this.endpoint,
      monitorType,
      source: { kind: "pipeline", pipeline: this.pipeline, step },
      runId: `${executionArn}#${step}`,
      runAt,
      status: "clean",
      violations: [],
      unrecognisedCount: 0,
      distributions: [],
    };
  }

  private async read(executionArn: string, stepName: string, step: { StepStatus?: string; FailureReason?: string; EndTime?: Date }, check: CheckStepMetadata, runAt: string): Promise<DriftFinding> {
    const monitorType = CHECK_MONITOR[check.CheckType ?? ""] ?? "data-quality";
    const base = this.base(executionArn, stepName, (step.EndTime ?? new Date(runAt)).toISOString(), monitorType);
    // A check step fails when it finds violations (unless told to skip failing); its report says which.
    if (check.ViolationReport) {
      const folder = check.ViolationReport.replace(/\/constraint_violations\.json$/, "");
      return readRunReport(this.objects, { ...base, status: "violations" }, { outputUri: folder, baselineConstraintsUri: check.BaselineUsedForDriftCheckConstraints, baselineStatisticsUri: check.BaselineUsedForDriftCheckStatistics });
    }
    if (step.StepStatus === "Failed") return { ...base, status: "failed", reason: step.FailureReason ?? "The check step failed without a reason." };
    return base;
  }
}
