import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { SEED } from "../../src/sandbox/index.js";
import { DRIFT_BUTTONS } from "../../src/slack/blocks/drift-alert.js";
import { useHttpHarness } from "../support/harness.js";
import { SANDBOX_CREDENTIALS } from "../support/sandbox.js";
import { waitFor } from "../support/wait.js";

/**
 * Each source and monitor type, end to end: the sandbox's Model Monitor (all four types, shaped as
 * SageMaker writes them), a team's drift job in S3 and a pipeline's check steps, read by the bot
 * and posted to the channel the example policy names, over signed HTTP.
 */
describe("drift alerts from every source and monitor type", () => {
  const world = useHttpHarness();
  const schedules = SEED.monitoringSchedules;

  const alertsIn = (channel: string): StoredMessage[] => world.h.slack.messagesIn(channel).filter((m) => !m.threadTs && JSON.stringify(m.blocks ?? []).includes(DRIFT_BUTTONS.report));
  const newAlert = async (before: number, what: string): Promise<StoredMessage> => {
    await world.h.bot.core.driftWatcher.checkOnce();
    return waitFor(() => alertsIn("C0ALERTS")[before], { what, timeoutMs: 10_000 });
  };
  const text = (message: StoredMessage): string => `${message.text ?? ""} ${JSON.stringify(message.blocks)}`;

  it("the first read at 09:00 tells nothing old; a run started now with violations is one alert per type, with its subjects, checks and figures", async () => {
    await world.h.bot.core.driftWatcher.checkOnce();
    const start = alertsIn("C0ALERTS").length;
    expect(start).toBe(0);
    const expectations: [string, RegExp][] = [
      [schedules.ModelQuality, /model quality[\s\S]*\*auc\*[\s\S]*\(`LessThanThreshold`\)/],
      [schedules.ModelBias, /model bias[\s\S]*facets violated[\s\S]*\(`bias_drift_check`\)/],
      [schedules.ModelExplainability, /model explainability[\s\S]*label0[\s\S]*\(`feature_attribution_drift_check`\)/],
    ];
    let seen = start;
    for (const [schedule, pattern] of expectations) {
      world.h.sandbox.monitoring.runNow(schedule, { violations: true });
      world.h.sandbox.clock.advance(3 * 60);
      const alert = await newAlert(seen, `the ${schedule} alert`);
      seen += 1;
      expect(text(alert)).toMatch(pattern);
      expect(text(alert)).not.toContain("unrecognised");
    }
  });

  it("a data-quality alert shares its distribution chart in the alert's thread", async () => {
    const before = alertsIn("C0ALERTS").length;
    world.h.sandbox.monitoring.runNow(schedules.DataQuality, { violations: true });
    world.h.sandbox.clock.advance(3 * 60);
    const alert = await newAlert(before, "the data-quality alert");
    expect(text(alert)).toContain("monthly_charges");
    expect(text(alert)).toMatch(/mean \d+(\.\d)? → \d+(\.\d)?/);
    const chart = await waitFor(() => world.h.slack.files().find((file) => file.threadTs === alert.ts), { what: "the chart in the thread", timeoutMs: 15_000 });
    expect(Buffer.from(chart.bytes).subarray(0, 4).toString("hex")).toBe("89504e47");
    expect(chart.title).toContain("monthly_charges");
  });

  it("a failed run is a monitoring failure with its reason, not drift; a clean run posts nothing", async () => {
    const before = alertsIn("C0ALERTS").length;
    world.h.sandbox.monitoring.runNow(schedules.ModelQuality, { fail: true });
    world.h.sandbox.clock.advance(3 * 60);
    const alert = await newAlert(before, "the monitoring failure");
    expect(text(alert)).toContain("Monitoring failed: churn-prod (model quality)");
    expect(text(alert)).toContain("ClientError");
    world.h.sandbox.monitoring.runNow(schedules.ModelBias, { violations: false });
    world.h.sandbox.clock.advance(3 * 60);
    await world.h.bot.core.driftWatcher.checkOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alertsIn("C0ALERTS").length).toBe(before + 1);
  });

  it("a team's drift job in S3 is a source like any other: its violating run is an alert that names where it came from", async () => {
    const before = alertsIn("C0ALERTS").length;
    // The job writes a report every three hours at half past; 09:30's finds drift, in S3 by 09:34.
    world.h.sandbox.clock.advance(60 * 60);
    await world.h.bot.core.driftWatcher.checkOnce();
    const fromJob = await waitFor(() => alertsIn("C0ALERTS").slice(before).find((m) => text(m).includes("drift job reports under")), { what: "the drift job's alert", timeoutMs: 10_000 });
    expect(text(fromJob)).toContain("s3://sageops-demo/churn/drift-reports/churn-prod/");
  });

  it("a malformed report in the drift job's folder is one clear 'report unreadable, and why' alert, never a crash or a silent drop", async () => {
    const before = alertsIn("C0ALERTS").length;
    const s3 = new S3Client({ region: world.h.sandbox.region, endpoint: world.h.sandbox.url, forcePathStyle: true, credentials: SANDBOX_CREDENTIALS });
    await s3.send(new PutObjectCommand({ Bucket: "sageops-demo", Key: "churn/drift-reports/churn-prod/broken-run/constraint_violations.json", Body: '{"violations": "all of them"}' }));
    const alert = await newAlert(before, "the unreadable-report alert");
    expect(text(alert)).toContain("Drift report unreadable: churn-prod");
    expect(text(alert)).toContain("broken-run/constraint_violations.json");
    await world.h.bot.core.driftWatcher.checkOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alertsIn("C0ALERTS").length).toBe(before + 1);
  });

  it("a pipeline run's QualityCheck and ClarifyCheck steps that find drift are alerts naming the pipeline and step", async () => {
    await world.h.bot.core.sagemaker.startPipelineExecution({ PipelineName: SEED.pipeline, ClientRequestToken: "drift-monitors-test-0000000000000001" });
    for (let i = 0; i < 90; i += 1) {
      world.h.sandbox.clock.advance(60);
      await world.h.bot.core.driftWatcher.checkOnce();
      if (alertsIn("C0ALERTS").some((m) => text(m).includes("pipeline `churn-retrain`"))) break;
    }
    const fromPipeline = await waitFor(() => alertsIn("C0ALERTS").filter((m) => text(m).includes("pipeline `churn-retrain`")), { what: "the pipeline's check alerts", timeoutMs: 10_000 });
    expect(fromPipeline.length).toBeGreaterThanOrEqual(1);
    expect(fromPipeline.map(text).join(" ")).toMatch(/step `Check(DataQuality|ModelBias)`/);
  });
});
