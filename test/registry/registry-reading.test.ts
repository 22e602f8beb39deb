import { describe, expect, it } from "vitest";
import { searchTerms } from "../../src/actions/feature-store.js";
import { compareFacts, metricsFromReport, trainingJobOf, type VersionFacts } from "../../src/actions/model-registry.js";
import { readModelWords } from "../../src/actions/model-words.js";
import { approvalEnvironment } from "../../src/actions/planners/model-approval.js";
import { evaluate } from "../../src/guard/checks.js";
import { readRegistryAsk } from "../../src/interpret/registry-asks.js";
import { examplePolicy } from "../support/guard.js";

const GROUPS = ["churn-xgb", "fraud-lgbm"];
const ENVIRONMENTS = ["dev", "prod"];
const ask = { intent: "unknown" as const, services: [], params: {} };

function facts(version: number, overrides: Partial<VersionFacts> = {}): VersionFacts {
  return { group: "churn-xgb", version, arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/${version}`, status: "PendingManualApproval", metrics: [], metricsFrom: { kind: "none" }, trainingData: {}, hyperparameters: {}, servedBy: [], gaps: [], ...overrides };
}

describe("model versions as people name them", () => {
  it("reads group/version, vN in the one group, a group by part of its name, an environment and a note", () => {
    expect(readModelWords("churn-xgb/2 offline AUC checked", GROUPS, ENVIRONMENTS)).toEqual({ ok: true, value: { refs: [{ group: "churn-xgb", version: 2 }], note: "offline AUC checked" } });
    expect(readModelWords("churn v2 for prod, looks good", GROUPS, ENVIRONMENTS)).toEqual({ ok: true, value: { refs: [{ group: "churn-xgb", version: 2 }], environment: "prod", note: "looks good" } });
    expect(readModelWords("v1 and v2", ["churn-xgb"], ENVIRONMENTS)).toEqual({ ok: true, value: { refs: [{ group: "churn-xgb", version: 1 }, { group: "churn-xgb", version: 2 }] } });
    expect(readModelWords("churn-xgb versions 1 and 3", GROUPS, ENVIRONMENTS).ok && readModelWords("churn-xgb versions 1 and 3", GROUPS, ENVIRONMENTS)).toMatchObject({ value: { refs: [{ version: 1 }, { version: 3 }] } });
    expect(readModelWords("fraud-lgbm@latest env=prod", GROUPS, ENVIRONMENTS)).toEqual({ ok: true, value: { refs: [{ group: "fraud-lgbm", version: "latest" }], environment: "prod" } });
  });

  it("a version with no group when there are several groups is a question back, naming them", () => {
    const read = readModelWords("v2", GROUPS, ENVIRONMENTS);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem.fix).toContain("`fraud-lgbm`");
  });

  it("in a sentence, the words around the versions are passed over", () => {
    const read = readModelWords("how does v2 of churn-xgb compare to v1?", GROUPS, ENVIRONMENTS, { scan: true });
    expect(read).toEqual({ ok: true, value: { refs: [{ group: "churn-xgb", version: 2 }, { group: "churn-xgb", version: 1 }] } });
  });
});

describe("plain words about the registry and the Feature Store", () => {
  it("tells approvals, comparisons, listings, what an endpoint serves and feature lookups apart", () => {
    expect(readRegistryAsk("approve churn v2 for prod", ask)).toEqual({ kind: "approve", words: "churn v2 for prod" });
    expect(readRegistryAsk("please reject churn-xgb/2, recall too low", ask)).toEqual({ kind: "reject", words: "churn-xgb/2, recall too low" });
    expect(readRegistryAsk("bitte genehmige churn-xgb/2", ask)?.kind).toBe("approve");
    expect(readRegistryAsk("how does v2 compare to v1?", ask)?.kind).toBe("compare");
    expect(readRegistryAsk("v1 vs v3", ask)?.kind).toBe("compare");
    expect(readRegistryAsk("what versions of churn-xgb do we have?", { ...ask, intent: "status" })?.kind).toBe("models");
    expect(readRegistryAsk("which version is on churn-prod?", { ...ask, intent: "status" })).toEqual({ kind: "served", endpoint: "churn-prod" });
    expect(readRegistryAsk("do we already have a customer tenure feature?", ask)?.kind).toBe("features");
  });

  it("a question whether to approve is not an approval, and questions about the services in general are left to the catalogue", () => {
    expect(readRegistryAsk("should I approve v2?", ask)).toBeUndefined();
    expect(readRegistryAsk("why did you reject churn-xgb/2?", ask)).toBeUndefined();
    expect(readRegistryAsk("approve the plan", ask)).toBeUndefined();
    expect(readRegistryAsk("what is the model registry for?", { ...ask, intent: "ask" })).toBeUndefined();
    expect(readRegistryAsk("deploy version 2 of churn-xgb to churn-prod", { ...ask, intent: "deploy" })).toBeUndefined();
  });
});

describe("what a version carries", () => {
  it("reads SageMaker's model-quality metrics, leaving out entries without a value", () => {
    const report = JSON.stringify({ binary_classification_metrics: { auc: { value: 0.91, standard_deviation: "NaN" }, confusion_matrix: { "0": { "0": 10 } }, recall: { value: 0.7 } } });
    expect(metricsFromReport(report)).toEqual([
      { name: "auc", value: 0.91 },
      { name: "recall", value: 0.7 },
    ]);
    expect(metricsFromReport("not json")).toBeUndefined();
    expect(metricsFromReport(JSON.stringify({ regression_metrics: {} }))).toBeUndefined();
  });

  it("finds the training job behind a version from GeneratedBy, else from its artefacts' folder", () => {
    const arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/1";
    expect(trainingJobOf({ ModelPackageArn: arn, MetadataProperties: { GeneratedBy: "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-20261101-0900" } })).toBe("churn-xgb-20261101-0900");
    expect(trainingJobOf({ ModelPackageArn: arn, ModelDataUrl: "s3://sageops-demo/churn/models/churn-xgb-20261101-0900/output/model.tar.gz" })).toBe("churn-xgb-20261101-0900");
    expect(trainingJobOf({ ModelPackageArn: arn })).toBeUndefined();
  });

  it("compares two versions: each metric's difference, and only the hyperparameters and data that differ", () => {
    const a = facts(1, { metrics: [{ name: "auc", value: 0.9 }, { name: "recall", value: 0.8 }], hyperparameters: { max_depth: "5", eta: "0.2" }, trainingData: { train: "s3://b/train/" } });
    const b = facts(2, { metrics: [{ name: "auc", value: 0.93 }], hyperparameters: { max_depth: "6", eta: "0.2", constructor: "x" }, trainingData: { train: "s3://b/train/" } });
    const comparison = compareFacts(a, b);
    expect(comparison.metrics.find((m) => m.name === "auc")?.difference).toBeCloseTo(0.03);
    expect(comparison.metrics.find((m) => m.name === "recall")).toEqual({ name: "recall", a: 0.8, b: undefined, difference: undefined });
    expect(comparison.hyperparameters).toEqual([
      { name: "constructor", a: undefined, b: "x" },
      { name: "max_depth", a: "5", b: "6" },
    ]);
    expect(comparison.trainingData).toEqual([]);
  });

  it("a feature search keeps the words that name what is looked for", () => {
    expect(searchTerms("do we already have a customer tenure feature?")).toEqual(["customer", "tenure"]);
    expect(searchTerms("")).toEqual([]);
  });
});

describe("the policy on approving and rejecting versions", () => {
  const policy = examplePolicy();
  const model = { packageGroup: "churn-xgb", version: 2, approvalStatus: "PendingManualApproval" };
  const input = { action: "approve-model" as const, requester: { userId: "U0ENGINEER" }, channelId: "C0MLOPS", environment: "prod", region: "us-east-1", model, frozen: false, usage: { jobsLastHour: 0, concurrentJobs: 0 } };

  it("churn-xgb's approvals follow prod: an engineer may ask, an approver other than the requester must agree", () => {
    expect(approvalEnvironment(policy, "churn-xgb", undefined)).toBe("prod");
    expect(approvalEnvironment(policy, "unlisted-group", undefined)).toBe("prod");
    const decision = evaluate(policy, input);
    expect(decision.allowed).toBe(true);
    if (decision.allowed) expect(decision.approval?.approverIds).toEqual(["U0APPROVER"]);
    const byApprover = evaluate(policy, { ...input, requester: { userId: "U0APPROVER" } });
    if (byApprover.allowed) expect(byApprover.approval?.approverIds).toEqual([]);
  });

  it("a rejection needs no second person; a freeze, an unlisted person or another channel refuses both", () => {
    const reject = evaluate(policy, { ...input, action: "reject-model" });
    expect(reject.allowed && reject.approval).toBe(null);
    for (const changed of [{ frozen: true }, { requester: { userId: "U0NOBODY" } }, { channelId: "C0ALERTS" }]) {
      expect(evaluate(policy, { ...input, ...changed }).allowed).toBe(false);
      expect(evaluate(policy, { ...input, action: "reject-model", ...changed }).allowed).toBe(false);
    }
  });
});
