import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/guard/policy.js";
import type { ObjectReader, ObjectText, PipelineExecutionStep } from "../../src/kernel/sagemaker-port.js";
import { PipelineCheckSource, ReportPrefixSource } from "../../src/watch/drift-sources.js";
import { REPO_ROOT } from "../support/cli.js";
import { sageMakerWith } from "../support/core-fakes.js";

/** S3 as a map of URIs to texts, with the times they were written. */
class MemoryObjects implements ObjectReader {
  readonly objects = new Map<string, { text: string; at: Date }>();
  put(uri: string, text: string, at: string): void {
    this.objects.set(uri, { text, at: new Date(at) });
  }
  async readText(uri: string, maxBytes: number): Promise<ObjectText> {
    const found = this.objects.get(uri);
    if (!found) return { kind: "missing" };
    const bytes = Buffer.byteLength(found.text);
    return bytes > maxBytes ? { kind: "too-large", bytes } : { kind: "text", text: found.text };
  }
  async list(prefix: string, options: { modifiedAfter?: Date; limit: number }) {
    return [...this.objects.entries()]
      .filter(([uri, o]) => uri.startsWith(prefix) && (!options.modifiedAfter || o.at > options.modifiedAfter))
      .map(([uri, o]) => ({ uri, lastModified: o.at, size: Buffer.byteLength(o.text) }))
      .sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime())
      .slice(-options.limit);
  }
}

const PREFIX = "s3://team-bucket/drift/churn-prod/";
const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/model-monitor", name), "utf8");

describe("a team's own drift job as a source", () => {
  it("reads each run folder's report once; a malformed one is one clear unreadable finding, never a crash or a silent drop", async () => {
    const s3 = new MemoryObjects();
    s3.put(`${PREFIX}run-1/constraint_violations.json`, JSON.stringify({ violations: [{ feature_name: "age", constraint_check_type: "baseline_drift_check", description: "Baseline drift distance: 0.4 exceeds threshold: 0.1" }] }), "2026-11-26T08:00:00Z");
    s3.put(`${PREFIX}run-2/constraint_violations.json`, "{ this is not json", "2026-11-26T09:00:00Z");
    s3.put(`${PREFIX}run-3/constraint_violations.json`, JSON.stringify({ violations: [] }), "2026-11-26T10:00:00Z");
    s3.put(`${PREFIX}run-3/statistics.json`, "{}", "2026-11-26T10:00:01Z");
    const source = new ReportPrefixSource("churn-prod", PREFIX, "data-quality", s3);
    const { findings } = await source.finishedRuns(undefined, () => false);
    const byRun = new Map(findings.map((f) => [f.runId, f]));
    expect(byRun.get(`${PREFIX}run-1`)).toMatchObject({ status: "violations", violations: [{ subject: { kind: "feature", name: "age" } }] });
    expect(byRun.get(`${PREFIX}run-2`)?.status).toBe("unreadable");
    expect(byRun.get(`${PREFIX}run-2`)?.reason).toContain("constraint_violations.json");
    expect(byRun.get(`${PREFIX}run-3`)?.status).toBe("clean");
    const again = await source.finishedRuns(new Date("2026-11-26T09:30:00Z"), (runId) => byRun.has(runId));
    expect(again.findings).toEqual([]);
  });

  it("a drift job that checks bias is read as a bias monitor, from its entries", async () => {
    const s3 = new MemoryObjects();
    s3.put(`${PREFIX}run-b/constraint_violations.json`, JSON.stringify({ violations: [{ facet: "gender", facet_value: "1", metric_name: "DPPL", constraint_check_type: "bias_drift_check", description: "Value 0.3 exceeds 0.1" }] }), "2026-11-26T08:00:00Z");
    const { findings } = await new ReportPrefixSource("churn-prod", PREFIX, "data-quality", s3).finishedRuns(undefined, () => false);
    expect(findings[0]?.monitorType).toBe("model-bias");
  });

  it("an oversized report is unreadable with its size, not read into memory", async () => {
    const s3 = new MemoryObjects();
    s3.put(`${PREFIX}run-9/constraint_violations.json`, `{"violations":[${'{"feature_name":"a","constraint_check_type":"x","description":"y"},'.repeat(90_000)}{}]}`, "2026-11-26T08:00:00Z");
    const { findings } = await new ReportPrefixSource("churn-prod", PREFIX, "data-quality", s3).finishedRuns(undefined, () => false);
    expect(findings[0]?.status).toBe("unreadable");
    expect(findings[0]?.reason).toMatch(/MB, over the 5\.0 MB sageops reads/);
  });

  it("reads the documented data-quality files into figures", async () => {
    const names = fs.readdirSync(path.join(REPO_ROOT, "test/fixtures/model-monitor/data-quality"));
    const report = names.find((n) => n.includes("violations"));
    if (!report) throw new Error("no data-quality violations fixture");
    const s3 = new MemoryObjects();
    s3.put(`${PREFIX}run-1/constraint_violations.json`, fixture(`data-quality/${report}`), "2026-11-26T08:00:00Z");
    const { findings } = await new ReportPrefixSource("churn-prod", PREFIX, "data-quality", s3).finishedRuns(undefined, () => false);
    expect(findings[0]?.status).toBe("violations");
    expect(findings[0]?.unrecognisedCount).toBe(0);
  });
});

describe("a pipeline's check steps as a source", () => {
  it("reads each finished execution's QualityCheck and ClarifyCheck steps once, from the reports they name", async () => {
    const s3 = new MemoryObjects();
    s3.put("s3://sageops-demo/pipelines/exec-1/quality/constraint_violations.json", JSON.stringify({ violations: [{ feature_name: "tenure", constraint_check_type: "completeness_check", description: "Data completeness requirement is not met." }] }), "2026-11-26T08:00:00Z");
    const steps: Record<string, PipelineExecutionStep[]> = {
      "arn:exec-1": [
        { StepName: "Train", StepStatus: "Succeeded" },
        { StepName: "CheckDataQuality", StepStatus: "Failed", FailureReason: "violations found", Metadata: { QualityCheck: { CheckType: "DATA_QUALITY", ViolationReport: "s3://sageops-demo/pipelines/exec-1/quality/constraint_violations.json" } } },
        { StepName: "CheckBias", StepStatus: "Succeeded", Metadata: { ClarifyCheck: { CheckType: "DATA_BIAS" } } },
      ],
      "arn:exec-2": [{ StepName: "Train", StepStatus: "Succeeded" }],
    };
    const listed: string[] = [];
    const port = sageMakerWith({
      listPipelineExecutions: async () => [
        { arn: "arn:exec-3", status: "Executing", startTime: new Date("2026-11-26T10:00:00Z") },
        { arn: "arn:exec-2", status: "Succeeded", startTime: new Date("2026-11-26T09:00:00Z") },
        { arn: "arn:exec-1", status: "Failed", startTime: new Date("2026-11-26T08:00:00Z") },
      ],
      listPipelineExecutionSteps: async (arn) => {
        listed.push(arn);
        return steps[arn] ?? [];
      },
    });
    const source = new PipelineCheckSource("churn-prod", "churn-retrain", port, s3);
    const first = await source.finishedRuns(undefined, () => false);
    expect(first.oldestOpen).toBe("2026-11-26T10:00:00.000Z");
    expect(first.findings.map((f) => [f.source, f.monitorType, f.status])).toEqual([
      [{ kind: "pipeline", pipeline: "churn-retrain", step: "CheckDataQuality" }, "data-quality", "violations"],
      [{ kind: "pipeline", pipeline: "churn-retrain", step: "CheckBias" }, "model-bias", "clean"],
    ]);
    const handled = new Set([...first.findings, ...first.quiet].map((f) => f.runId));
    const second = await source.finishedRuns(new Date("2026-11-26T08:00:00Z"), (runId) => handled.has(runId));
    expect(second.findings).toEqual([]);
    expect(listed).toEqual(["arn:exec-2", "arn:exec-1"]);
  });
});

describe("the policy's drift section", () => {
  const base = fs.readFileSync(path.join(REPO_ROOT, "policy.example.yml"), "utf8");

  it("the example's watch list is valid", () => {
    expect(parsePolicy(base).ok).toBe(true);
  });

  it("names a retraining recipe that does not exist, and a watch whose alerts would go nowhere", () => {
    const broken = base.replace("retrain: { recipe: churn-xgb, environment: prod }", "retrain: { recipe: churn-xbg }").replace("    alertChannel: C0ALERTS\n", "").replace("          channels: [C0ALERTS]\n", "");
    const result = parsePolicy(broken);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages.join("\n")).toContain('recipe "churn-xbg" is not defined under recipes; did you mean churn-xgb?');
    expect(messages.join("\n")).toContain("alerts for churn-prod would go nowhere");
  });
});
