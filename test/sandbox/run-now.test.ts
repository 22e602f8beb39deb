import { DescribeProcessingJobCommand, ListMonitoringExecutionsCommand, type MonitoringExecutionSummary } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { parseConstraintViolations } from "../../src/watch/monitor-report.js";
import { START_MS } from "../support/constants.js";
import { s3Report, useTestSandbox } from "../support/sandbox.js";

describe("running a monitoring schedule now, from code", () => {
  const t = useTestSandbox();

  const newestOf = async (schedule: string): Promise<MonitoringExecutionSummary | undefined> =>
    (await t.sagemaker.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: schedule, SortBy: "ScheduledTime", SortOrder: "Descending", MaxResults: 1 }))).MonitoringExecutionSummaries?.[0];

  it("starts a run at the simulated now that SageMaker lists like any other, done two minutes later with its reports in S3", async () => {
    const started = t.sandbox.monitoring.runNow(SEED.monitoringSchedules.ModelQuality, { violations: true });
    expect(started).toMatchObject({
      schedule: "churn-prod-model-quality",
      monitoringType: "ModelQuality",
      endpoint: "churn-prod",
      outcome: "violations",
      scheduledTime: new Date(START_MS).toISOString(),
      finishesAt: new Date(START_MS + 2 * 60_000).toISOString(),
    });
    expect(started.violationCount).toBeGreaterThan(0);
    expect(started.outputUri).toMatch(/^s3:\/\/sageops-demo\/churn\/monitoring\/reports\/churn-prod\/churn-prod-model-quality\/2026\/11\/26\/09\/on-demand-/);

    const pending = await newestOf(SEED.monitoringSchedules.ModelQuality);
    expect(pending).toMatchObject({ MonitoringExecutionStatus: "Pending", ProcessingJobArn: started.processingJobArn, MonitoringType: "ModelQuality" });
    expect(pending?.ScheduledTime?.getTime()).toBe(START_MS);
    t.clock.advance(119);
    expect((await newestOf(SEED.monitoringSchedules.ModelQuality))?.MonitoringExecutionStatus).toBe("InProgress");
    t.clock.advance(1);
    expect((await newestOf(SEED.monitoringSchedules.ModelQuality))?.MonitoringExecutionStatus).toBe("CompletedWithViolations");
    const report = await s3Report(t.s3, `${started.outputUri}/constraint_violations.json`, parseConstraintViolations);
    expect(report.entryCount).toBe(started.violationCount);
    const job = await t.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: started.processingJobName }));
    expect(job.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri).toBe(started.outputUri);
  });

  it("fail: true fails the run with its type's reason; clean and natural runs follow the request and the story; each run has its own job and folder", async () => {
    const failed = t.sandbox.monitoring.runNow(SEED.monitoringSchedules.ModelExplainability, { fail: true });
    expect(failed.outcome).toBe("failed");
    expect(failed.failureReason).toMatch(/^ClientError: Clarify could not compute SHAP values/);
    t.clock.advance(120);
    const run = await newestOf(SEED.monitoringSchedules.ModelExplainability);
    expect(run).toMatchObject({ MonitoringExecutionStatus: "Failed", FailureReason: failed.failureReason });

    const clean = t.sandbox.monitoring.runNow(SEED.monitoringSchedules.DataQuality, { violations: false });
    // Without options a run turns out as a scheduled one would now: churn-prod's data drifted from 09:00.
    const natural = t.sandbox.monitoring.runNow(SEED.monitoringSchedules.DataQuality);
    expect([clean.outcome, natural.outcome]).toEqual(["clean", "violations"]);
    expect(clean.processingJobArn).not.toBe(natural.processingJobArn);
    expect(clean.outputUri).not.toBe(natural.outputUri);
  });

  it("refuses what it cannot do: an unknown schedule, or a run that both fails and finds violations", () => {
    expect(() => t.sandbox.monitoring.runNow("no-such-schedule")).toThrow(expect.objectContaining({ name: "ResourceNotFound", message: "Monitoring schedule no-such-schedule does not exist." }));
    expect(() => t.sandbox.monitoring.runNow(SEED.monitoringSchedules.DataQuality, { fail: true, violations: true })).toThrow(/either fails or finds violations/);
  });
});

describe("running a monitoring schedule now, over the sandbox's HTTP control route", () => {
  const t = useTestSandbox();

  const post = (body: string, method = "POST", path = "/_sandbox/monitoring/run"): Promise<Response> => fetch(`${t.sandbox.url}${path}`, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : body });

  it("POST /_sandbox/monitoring/run starts the run and answers with it, saying it is a simulation", async () => {
    const response = await post(JSON.stringify({ schedule: SEED.monitoringSchedules.ModelBias, violations: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-sageops-sandbox")).toBe("true");
    const body = (await response.json()) as { simulated: boolean; note: string; run: { processingJobArn: string; outcome: string } };
    expect(body.simulated).toBe(true);
    expect(body.note).toContain("local simulation of SageMaker");
    expect(body.run.outcome).toBe("violations");
    t.clock.advance(120);
    const runs = await t.sagemaker.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: SEED.monitoringSchedules.ModelBias, SortBy: "ScheduledTime", SortOrder: "Descending", MaxResults: 1 }));
    expect(runs.MonitoringExecutionSummaries?.[0]).toMatchObject({ ProcessingJobArn: body.run.processingJobArn, MonitoringExecutionStatus: "CompletedWithViolations" });
    expect(t.sandbox.countCalls("Sandbox.RunMonitor")).toBe(1);
  });

  it.each([
    ["not JSON", "{schedule:", 400, /not JSON/],
    ["no schedule", "{}", 400, /^schedule: required: the name of a monitoring schedule$/],
    ["a bad name", JSON.stringify({ schedule: "no spaces please" }), 400, /^schedule: must be a monitoring schedule name/],
    ["a misspelt field", JSON.stringify({ schedule: SEED.monitoringSchedule, violation: true }), 400, /violation/],
    ["a flag that is not a boolean", JSON.stringify({ schedule: SEED.monitoringSchedule, fail: "yes" }), 400, /^fail: must be true or false$/],
    ["fail and violations at once", JSON.stringify({ schedule: SEED.monitoringSchedule, fail: true, violations: true }), 400, /either fails or finds violations/],
    ["an unknown schedule", JSON.stringify({ schedule: "churn-prod-nothing" }), 404, /churn-prod-nothing does not exist/],
  ])("%s is refused with %s and a clear message", async (_what, body, status, message) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { simulated: boolean; error: { code: string; message: string } };
    expect(answer.simulated).toBe(true);
    expect(answer.error.message).toMatch(message);
  });

  it("another method is 405 and another path 404; injected faults never reach the controls", async () => {
    const get = await post("", "GET");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await post("{}", "POST", "/_sandbox/nothing")).status).toBe(404);
    t.sandbox.setFaults({ errorRate: 1 });
    try {
      expect((await post(JSON.stringify({ schedule: SEED.monitoringSchedule }))).status).toBe(200);
    } finally {
      t.sandbox.setFaults({ errorRate: 0 });
    }
  });
});
