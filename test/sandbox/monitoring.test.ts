import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import {
  CreateEndpointCommand,
  CreateMonitoringScheduleCommand,
  type CreateMonitoringScheduleCommandInput,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  type MonitoringExecutionSummary,
  ResourceInUse,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { DEFAULT_PACE, SEED } from "../../src/sandbox/index.js";
import { START_MS } from "../support/constants.js";
import { advanceUntil, SAGEMAKER_ROLE_ARN, s3Text, startTestSandbox, useTestSandbox } from "../support/sandbox.js";

interface ViolationsReport {
  violations: { feature_name: string; constraint_check_type: string; description: string }[];
}

function scheduleRequest(name: string, endpoint: string, expression: string): CreateMonitoringScheduleCommandInput {
  return {
    MonitoringScheduleName: name,
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: expression },
      MonitoringType: "DataQuality",
      MonitoringJobDefinition: {
        MonitoringInputs: [{ EndpointInput: { EndpointName: endpoint, LocalPath: "/opt/ml/processing/input/endpoint" } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://sageops-demo/monitoring/${name}`, LocalPath: "/opt/ml/processing/output" } }] },
        MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20 } },
        MonitoringAppSpecification: { ImageUri: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
        RoleArn: SAGEMAKER_ROLE_ARN,
      },
    },
  };
}

describe("sandbox model monitoring", () => {
  const t = useTestSandbox();

  const executions = async (filter: { EndpointName?: string; MonitoringScheduleName?: string }): Promise<MonitoringExecutionSummary[]> =>
    (await t.sagemaker.send(new ListMonitoringExecutionsCommand({ ...filter, SortBy: "ScheduledTime", SortOrder: "Descending", MaxResults: 100 }))).MonitoringExecutionSummaries ?? [];

  const outputOf = async (execution: MonitoringExecutionSummary): Promise<string> =>
    (await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: execution.ProcessingJobArn?.split("/").pop() }))).ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri ?? "";

  /** What a client does to read a report: execution, its processing job, the job's output URI, then S3. */
  const violationsOf = async (execution: MonitoringExecutionSummary): Promise<ViolationsReport> => JSON.parse(await s3Text(t.s3, `${await outputOf(execution)}/constraint_violations.json`)) as ViolationsReport;

  it("churn-prod has one schedule of each monitor type, each with its own cadence and baseline", async () => {
    const schedules = await t.sagemaker.send(new ListMonitoringSchedulesCommand({ EndpointName: "churn-prod", SortBy: "Name", SortOrder: "Ascending" }));
    expect(schedules.MonitoringScheduleSummaries?.map((s) => [s.MonitoringScheduleName, s.MonitoringType])).toEqual([
      ["churn-prod-data-quality", "DataQuality"],
      ["churn-prod-model-bias", "ModelBias"],
      ["churn-prod-model-explainability", "ModelExplainability"],
      ["churn-prod-model-quality", "ModelQuality"],
    ]);
    const expressions = new Set<string>();
    for (const [type, name] of Object.entries(SEED.monitoringSchedules)) {
      const described = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name }));
      expect(described.MonitoringType).toBe(type);
      expressions.add(described.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression ?? "");
      const constraints = described.MonitoringScheduleConfig?.MonitoringJobDefinition?.BaselineConfig?.ConstraintsResource?.S3Uri ?? "";
      expect(JSON.parse(await s3Text(t.s3, constraints))).toBeTypeOf("object");
    }
    expect(expressions.size).toBe(4);
    const bySchedule = await t.sagemaker.send(new ListMonitoringSchedulesCommand({ EndpointName: "churn-prod", MonitoringTypeEquals: "ModelBias" }));
    expect(bySchedule.MonitoringScheduleSummaries?.map((s) => s.MonitoringScheduleName)).toEqual(["churn-prod-model-bias"]);
  });

  it("the example data-quality schedule on churn-prod has a completed run in its history and its next run finds drift, well within a real minute at the default pace", async () => {
    const schedule = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: "churn-prod-data-quality" }));
    expect(schedule.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression).toBe("cron(0 * ? * * *)");

    const atStart = await executions({ MonitoringScheduleName: "churn-prod-data-quality" });
    expect(atStart.map((e) => e.MonitoringExecutionStatus)).toEqual(["Pending", "Completed"]);
    expect(await violationsOf(atStart[1] as MonitoringExecutionSummary)).toEqual({ violations: [] });

    const latest = await advanceUntil(t.clock, async () => (await executions({ MonitoringScheduleName: "churn-prod-data-quality" }))[0], (e) => e?.MonitoringExecutionStatus === "CompletedWithViolations", 30);
    const realSecondsAtDefaultPace = ((latest?.LastModifiedTime?.getTime() ?? Infinity) - START_MS) / 1000 / DEFAULT_PACE;
    expect(realSecondsAtDefaultPace).toBeLessThan(60);

    const report = await violationsOf(latest as MonitoringExecutionSummary);
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.violations.map((v) => v.constraint_check_type)).toContain("baseline_drift_check");
    for (const violation of report.violations) {
      expect(["baseline_drift_check", "data_type_check", "completeness_check"]).toContain(violation.constraint_check_type);
      expect(violation.feature_name).not.toBe("");
      expect(violation.description).not.toBe("");
    }

    const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: latest?.ProcessingJobArn?.split("/").pop() }));
    expect(job.ProcessingJobStatus).toBe("Completed");
    expect(job.ExitMessage).toMatch(/^CompletedWithViolations/);
    expect(job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri).toBe("s3://sageops-demo/churn/monitoring/reports/churn-prod/churn-prod-data-quality/2026/11/26/09");
    const statistics = await s3Text(t.s3, "s3://sageops-demo/churn/monitoring/reports/churn-prod/churn-prod-data-quality/2026/11/26/09/statistics.json");
    expect(JSON.parse(statistics)).toMatchObject({ dataset: { item_count: expect.any(Number) } });

    const described = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: "churn-prod-data-quality" }));
    expect(described.LastMonitoringExecutionSummary?.MonitoringExecutionStatus).toBe("CompletedWithViolations");
  });

  it("a new hourly schedule runs on the hour, one execution per hour, filterable by schedule and status", async () => {
    await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "churn-canary", EndpointConfigName: "churn-prod-config-v1" }));
    await t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("churn-canary-dq", "churn-canary", "cron(0 * ? * * *)")));
    expect(await executions({ MonitoringScheduleName: "churn-canary-dq" })).toEqual([]);
    t.clock.advance(5 * 3600);
    const runs = await executions({ MonitoringScheduleName: "churn-canary-dq" });
    expect(runs.length).toBe(5);
    for (const run of runs) expect(run.ScheduledTime?.getUTCMinutes()).toBe(0);
    expect(new Set(runs.map((r) => r.ScheduledTime?.getTime())).size).toBe(5);
    for (const run of runs.slice(1)) expect(["Completed", "CompletedWithViolations"]).toContain(run.MonitoringExecutionStatus);

    const withViolations = await t.sagemaker.send(new ListMonitoringExecutionsCommand({ EndpointName: "churn-prod", StatusEquals: "CompletedWithViolations" }));
    expect((withViolations.MonitoringExecutionSummaries ?? []).every((e) => e.MonitoringExecutionStatus === "CompletedWithViolations" && e.EndpointName === "churn-prod")).toBe(true);
  });

  it("a schedule on an endpoint that does not exist, with a bad expression, or a duplicate name is refused", async () => {
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("ghost-dq", "no-such-endpoint", "cron(0 * ? * * *)")))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("weird-dq", "churn-prod", "rate(5 minutes)")))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("ScheduleExpression"),
    });
    await expect(t.sagemaker.send(new CreateMonitoringScheduleCommand(scheduleRequest("churn-prod-data-quality", "churn-prod", "cron(0 * ? * * *)")))).rejects.toBeInstanceOf(ResourceInUse);
  });
});

describe("sandbox model monitoring: listing and failures", () => {
  const t = useTestSandbox();

  const list = async (input: Omit<ConstructorParameters<typeof ListMonitoringExecutionsCommand>[0], "MaxResults">): Promise<MonitoringExecutionSummary[]> =>
    (await t.sagemaker.send(new ListMonitoringExecutionsCommand({ ...input, MaxResults: 100 }))).MonitoringExecutionSummaries ?? [];

  it("ListMonitoringExecutions keeps runs scheduled strictly after ScheduledTimeAfter, names each run's MonitoringType, and filters by it", async () => {
    const eightOClock = new Date(START_MS - 3600_000);
    const recent = await list({ EndpointName: "churn-prod", ScheduledTimeAfter: new Date(START_MS - 6 * 3600_000) });
    expect(recent.length).toBeGreaterThan(3);
    for (const run of recent) expect(run.ScheduledTime?.getTime()).toBeGreaterThan(START_MS - 6 * 3600_000);
    const typeOf = Object.fromEntries(Object.entries(SEED.monitoringSchedules).map(([type, name]) => [name, type]));
    for (const run of recent) expect(run.MonitoringType).toBe(typeOf[run.MonitoringScheduleName ?? ""]);
    expect(new Set(recent.map((r) => r.MonitoringType))).toEqual(new Set(["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"]));

    const afterEight = await list({ EndpointName: "churn-prod", ScheduledTimeAfter: eightOClock });
    expect(afterEight.map((r) => [r.MonitoringScheduleName, r.ScheduledTime?.toISOString()])).toEqual([["churn-prod-data-quality", "2026-11-26T09:00:00.000Z"]]);

    const modelQuality = await list({ EndpointName: "churn-prod", MonitoringTypeEquals: "ModelQuality", ScheduledTimeAfter: new Date(START_MS - 24 * 3600_000) });
    expect(modelQuality.length).toBe(12);
    expect(modelQuality.every((r) => r.MonitoringType === "ModelQuality" && r.MonitoringScheduleName === "churn-prod-model-quality")).toBe(true);
  });

  it("a run fails now and then with a ClientError reason, its processing job failed alike and no report written; the same runs fail on every start from the same clock", async () => {
    const failedArns = async (client: typeof t.sagemaker): Promise<string[]> =>
      ((await client.send(new ListMonitoringExecutionsCommand({ EndpointName: "churn-prod", StatusEquals: "Failed", MaxResults: 100 }))).MonitoringExecutionSummaries ?? []).map((r) => r.ProcessingJobArn ?? "");
    const failed = await list({ EndpointName: "churn-prod", StatusEquals: "Failed" });
    expect(failed.length).toBeGreaterThan(0);
    for (const run of failed) {
      expect(run.FailureReason).toMatch(/^ClientError: \S/);
      const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: run.ProcessingJobArn?.split("/").pop() }));
      expect(job.ProcessingJobStatus).toBe("Failed");
      expect(job.FailureReason).toBe(run.FailureReason);
      const folder = job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri?.replace("s3://sageops-demo/", "") ?? "";
      expect((await t.s3.send(new ListObjectsV2Command({ Bucket: "sageops-demo", Prefix: `${folder}/` }))).KeyCount).toBe(0);
    }
    const again = await startTestSandbox();
    try {
      expect(await failedArns(again.sagemaker)).toEqual(await failedArns(t.sagemaker));
    } finally {
      await again.close();
    }
  });
});
