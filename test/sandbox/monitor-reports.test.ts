import { DescribeMonitoringScheduleCommand, ListMonitoringExecutionsCommand } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import type { Distribution, ViolationSubject } from "../../src/watch/finding.js";
import { type BaselineConstraints, parseConstraints, parseStatistics, type RunStatistics } from "../../src/watch/monitor-baseline.js";
import { findingFigures } from "../../src/watch/monitor-figures.js";
import { monitorTypeOf, parseConstraintViolations, type ViolationsReport } from "../../src/watch/monitor-report.js";
import { s3Report, s3Text, useTestSandbox } from "../support/sandbox.js";

/** What each monitor type's report looks like to the bot: the subject its entries name, its check types, and its run file. */
const TYPES = [
  { type: "DataQuality", monitorType: "data-quality", subject: "feature", checks: ["baseline_drift_check", "completeness_check", "data_type_check"], runFile: "statistics.json" },
  { type: "ModelQuality", monitorType: "model-quality", subject: "metric", checks: ["LessThanThreshold", "GreaterThanThreshold"], runFile: "statistics.json" },
  { type: "ModelBias", monitorType: "model-bias", subject: "facet", checks: ["bias_drift_check"], runFile: "analysis.json" },
  { type: "ModelExplainability", monitorType: "model-explainability", subject: "label", checks: ["feature_attribution_drift_check"], runFile: "analysis.json" },
] as const;

/** The largest gap between two cumulative histograms over the same buckets. */
function cumulativeGap(a: Distribution, b: Distribution): number {
  const total = (d: Distribution): number => d.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  let [ca, cb, gap] = [0, 0, 0];
  a.buckets.forEach((bucket, i) => {
    ca += bucket.count / total(a);
    cb += (b.buckets[i]?.count ?? 0) / total(b);
    gap = Math.max(gap, Math.abs(ca - cb));
  });
  return gap;
}

const meanOf = (d: Distribution): number => d.buckets.reduce((sum, b) => sum + ((b.lowerBound + b.upperBound) / 2) * b.count, 0) / d.buckets.reduce((sum, b) => sum + b.count, 0);

describe("sandbox Model Monitor reports, read by the bot's own parsers", () => {
  const t = useTestSandbox();

  interface RunFiles {
    violations: ViolationsReport;
    /** The run's statistics.json (data and model quality) or analysis.json (Clarify). */
    runUri: string;
    baselineConstraints: BaselineConstraints;
    baselineStatistics?: RunStatistics;
  }

  /** Runs the schedule now, lets it finish, and reads its files and its baseline's as the bot would. */
  async function runAndRead(schedule: string, runFile: string, violations: boolean): Promise<RunFiles> {
    const started = t.sandbox.monitoring.runNow(schedule, { violations });
    t.clock.advance(3 * 60);
    const described = await t.sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: schedule }));
    const baseline = described.MonitoringScheduleConfig?.MonitoringJobDefinition?.BaselineConfig;
    const statisticsUri = baseline?.StatisticsResource?.S3Uri;
    return {
      violations: await s3Report(t.s3, `${started.outputUri}/constraint_violations.json`, parseConstraintViolations),
      runUri: `${started.outputUri}/${runFile}`,
      baselineConstraints: await s3Report(t.s3, baseline?.ConstraintsResource?.S3Uri ?? "", parseConstraints),
      baselineStatistics: statisticsUri ? await s3Report(t.s3, statisticsUri, parseStatistics) : undefined,
    };
  }

  it.each(TYPES)("a $type run with violations writes entries of its type's shape, and files the parsers read whole", async ({ type, monitorType, subject, checks, runFile }) => {
    const files = await runAndRead(SEED.monitoringSchedules[type], runFile, true);
    expect(files.violations.entryCount).toBeGreaterThan(0);
    expect(files.violations.unrecognisedCount).toBe(0);
    expect(files.violations.omittedCount).toBe(0);
    for (const violation of files.violations.violations) {
      expect(violation.subject.kind).toBe(subject);
      expect(checks).toContain(violation.checkType);
      expect(violation.description).not.toBe("");
    }
    expect(monitorTypeOf(undefined, files.violations.violations)).toBe(monitorType);
    expect(files.baselineConstraints.skippedCount).toBe(0);
    expect(files.baselineStatistics?.skippedCount ?? 0).toBe(0);
    const run = runFile === "statistics.json" ? await s3Report(t.s3, files.runUri, parseStatistics) : await s3Report(t.s3, files.runUri, parseConstraints);
    expect(run.skippedCount).toBe(0);
  });

  it.each(TYPES)("a clean $type run writes an empty violations report", async ({ type, runFile }) => {
    const files = await runAndRead(SEED.monitoringSchedules[type], runFile, false);
    expect(files.violations).toMatchObject({ entryCount: 0, unrecognisedCount: 0 });
    const runs = await t.sagemaker.send(new ListMonitoringExecutionsCommand({ MonitoringScheduleName: SEED.monitoringSchedules[type], SortBy: "ScheduledTime", SortOrder: "Descending", MaxResults: 1 }));
    expect(runs.MonitoringExecutionSummaries?.[0]?.MonitoringExecutionStatus).toBe("Completed");
  });

  it("data quality: the run's and the baseline's statistics carry KLL histograms for every numeric feature, the constraints per-feature completeness and the drift threshold", async () => {
    const files = await runAndRead(SEED.monitoringSchedules.DataQuality, "statistics.json", true);
    const current = await s3Report(t.s3, files.runUri, parseStatistics);
    const baseline = files.baselineStatistics;
    if (!baseline) throw new Error("the data-quality schedule has baseline statistics");
    const numeric = ["tenure_months", "monthly_charges", "total_charges", "support_calls"];
    for (const statistics of [baseline, current]) {
      for (const name of numeric) expect(statistics.features.get(name)?.distribution?.buckets.length).toBe(10);
      expect(statistics.features.get("contract_type")?.distinctCount).toBe(3);
    }
    expect(baseline.itemCount).toBe(5000);
    expect([...files.baselineConstraints.features.values()].map((f) => [f.name, f.completeness])).toEqual([...numeric, "contract_type"].map((name) => [name, 1]));
    expect(files.baselineConstraints.driftThreshold).toBe(0.1);
  });

  it("data quality: drift moves the drifted feature's histogram, by the distance its violation states, so a chart of baseline against current shows it", async () => {
    const files = await runAndRead(SEED.monitoringSchedules.DataQuality, "statistics.json", true);
    const sources = { currentStatistics: await s3Report(t.s3, files.runUri, parseStatistics), baselineStatistics: files.baselineStatistics, constraints: files.baselineConstraints };
    const figures = findingFigures(files.violations.violations, sources);
    const drift = figures.violations.find((v) => v.checkType === "baseline_drift_check");
    expect(drift?.subject).toEqual<ViolationSubject>({ kind: "feature", name: "monthly_charges" });
    expect(drift?.current?.threshold).toBe(0.1);
    const pair = figures.distributions.find((d) => d.baseline.feature === "monthly_charges");
    if (!pair || drift?.current?.distance === undefined) throw new Error("a drifted run gives monthly_charges' distance and both histograms");
    expect(drift.current.distance).toBeCloseTo(cumulativeGap(pair.baseline, pair.current), 3);
    expect(drift.current.distance).toBeGreaterThan(0.1);
    expect(meanOf(pair.current) - meanOf(pair.baseline)).toBeGreaterThan(10);
    // A feature that did not drift keeps its shape.
    const steady = (name: string) => ({ baseline: sources.baselineStatistics?.features.get(name)?.distribution, current: sources.currentStatistics.features.get(name)?.distribution });
    const tenure = steady("tenure_months");
    if (!tenure.baseline || !tenure.current) throw new Error("tenure_months has histograms");
    expect(cumulativeGap(tenure.baseline, tenure.current)).toBeLessThan(0.1);
    // Completeness stated and counted agree.
    const completeness = figures.violations.find((v) => v.checkType === "completeness_check");
    if (completeness) expect(completeness.current?.completeness).toBeCloseTo(sources.currentStatistics.features.get("total_charges")?.completeness ?? 0, 3);
  });

  it("model quality: each violation's value is the run's metric, below the baseline's threshold, and the run's metrics come from one confusion matrix", async () => {
    const files = await runAndRead(SEED.monitoringSchedules.ModelQuality, "statistics.json", true);
    const current = await s3Report(t.s3, files.runUri, parseStatistics);
    const figures = findingFigures(files.violations.violations, { currentStatistics: current, baselineStatistics: files.baselineStatistics, constraints: files.baselineConstraints });
    expect(figures.violations.map((v) => v.subject.kind === "metric" && v.subject.name)).toContain("auc");
    for (const violation of figures.violations) {
      const name = violation.subject.kind === "metric" ? violation.subject.name : "";
      expect(violation.description).toMatch(new RegExp(`^Metric ${name} with [0-9.]+ was LessThanThreshold [0-9.]+$`));
      expect(violation.current?.value).toBe(current.metrics.get(name));
      expect(violation.current?.threshold).toBe(files.baselineConstraints.metricThresholds.get(name)?.threshold);
      expect(violation.current?.value ?? 1).toBeLessThan(violation.current?.threshold ?? 0);
      expect(violation.baseline?.value).toBe(files.baselineStatistics?.metrics.get(name));
    }
    const matrix = (JSON.parse(await s3Text(t.s3, files.runUri)) as { binary_classification_metrics: { confusion_matrix: Record<string, Record<string, number>> } }).binary_classification_metrics.confusion_matrix;
    const [tp, fn, fp] = [matrix["1"]?.["1"] ?? 0, matrix["1"]?.["0"] ?? 0, matrix["0"]?.["1"] ?? 0];
    expect(current.metrics.get("recall")).toBeCloseTo(tp / (tp + fn), 4);
    expect(current.metrics.get("precision")).toBeCloseTo(tp / (tp + fp), 4);
  });

  it("model bias and explainability: the baseline analysis.json gives the metrics and attributions the violations are measured against", async () => {
    const bias = await runAndRead(SEED.monitoringSchedules.ModelBias, "analysis.json", true);
    const biasFigures = findingFigures(bias.violations.violations, { constraints: bias.baselineConstraints });
    expect(biasFigures.violations.length).toBeGreaterThan(0);
    for (const violation of biasFigures.violations) {
      expect(violation.subject).toMatchObject({ kind: "facet", facet: "contract_type", facetValue: "month-to-month" });
      expect(violation.baseline?.value).toBeTypeOf("number");
      expect(Math.abs((violation.current?.value ?? 0) - (violation.baseline?.value ?? 0))).toBeGreaterThan(0.1);
    }
    const explainability = await runAndRead(SEED.monitoringSchedules.ModelExplainability, "analysis.json", true);
    expect([...explainability.baselineConstraints.attributions.keys()]).toEqual(["label0"]);
    const [violation] = findingFigures(explainability.violations.violations, {}).violations;
    expect(violation?.current?.threshold).toBe(0.9);
    expect(violation?.current?.value ?? 1).toBeLessThan(0.9);
    const runAttributions = (await s3Report(t.s3, explainability.runUri, parseConstraints)).attributions.get("label0");
    expect(runAttributions?.get("monthly_charges") ?? 0).toBeGreaterThan(runAttributions?.get("tenure_months") ?? 1);
  });
});
