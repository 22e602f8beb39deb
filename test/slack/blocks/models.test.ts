import { describe, expect, it } from "vitest";
import type { FeatureSearch } from "../../../src/actions/feature-store.js";
import { compareFacts, type VersionFacts } from "../../../src/actions/model-registry.js";
import type { KnownBlock } from "../../../src/slack/blocks/kit.js";
import { renderComparison, renderFeatureSearch, renderGroups, renderNewVersion, renderVersions, VERSION_ACTION } from "../../../src/slack/blocks/models.js";

function facts(version: number, overrides: Partial<VersionFacts> = {}): VersionFacts {
  return {
    group: "churn-xgb",
    version,
    arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/${version}`,
    status: version === 1 ? "Approved" : "PendingManualApproval",
    createdAt: new Date("2026-11-20T10:00:00Z"),
    createdBy: "alice",
    metrics: [{ name: "auc", value: 0.9 + version / 1000 }],
    metricsFrom: { kind: "report", uri: `s3://sageops-demo/churn/evaluation/v${version}/evaluation.json` },
    trainingJob: `churn-xgb-2026112${version}-0900`,
    trainingData: { train: "s3://sageops-demo/churn/train/" },
    hyperparameters: { max_depth: String(version) },
    servedBy: version === 1 ? ["churn-prod"] : [],
    gaps: [],
    ...overrides,
  };
}

/** Every section's text is within Block Kit's 3000 characters, and the message within 50 blocks. */
function withinSlackLimits(blocks: KnownBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) if (block.type === "section" && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
}

describe("registry and Feature Store messages", () => {
  it("a page of versions shows each version's status, metrics, who registered it and where it is live, and says how to see older ones", () => {
    const page = renderVersions({ group: "churn-xgb", versions: Array.from({ length: 10 }, (_, i) => facts(25 - i)), total: 25, page: 1, pages: 3 });
    withinSlackLimits(page.blocks);
    const text = JSON.stringify(page.blocks);
    expect(text).toContain("*v25*");
    expect(text).toContain("by alice");
    expect(text).toContain("auc 0.925");
    expect(text).toContain("`/sageops models churn-xgb page=2`");
    expect(page.text).toContain("25 versions");
  });

  it("many groups are paged, never cut", () => {
    const groups = Array.from({ length: 20 }, (_, i) => ({ name: `model-${i}`, description: "d".repeat(300), versions: i, latest: { version: i, status: "Approved" as const }, latestApproved: i }));
    const rendered = renderGroups({ groups, total: 45, page: 1, pages: 3 });
    withinSlackLimits(rendered.blocks);
    expect(JSON.stringify(rendered.blocks)).toContain("model-19");
    expect(JSON.stringify(rendered.blocks)).toContain("page=2");
  });

  it("a comparison with many metrics stays within Slack's limits and says how many were left out", () => {
    const metrics = Array.from({ length: 60 }, (_, i) => ({ name: `metric_${i}`, value: i / 10 }));
    const rendered = renderComparison(compareFacts(facts(1, { metrics }), facts(2, { metrics: metrics.map((m) => ({ ...m, value: m.value + 0.5 })) })));
    withinSlackLimits(rendered.blocks);
    const text = JSON.stringify(rendered.blocks);
    expect(text).toContain("metric_0: 0 → 0.5 (+0.5)");
    expect(text).toContain("and 40 more");
    expect(text).toContain("max_depth: `1` → `2`");
  });

  it("a new version's announcement sets its metrics against the approved version and carries Approve, Reject and Compare", () => {
    const rendered = renderNewVersion(facts(3, { metrics: [{ name: "auc", value: 0.95 }] }), facts(1, { metrics: [{ name: "auc", value: 0.9 }] }));
    withinSlackLimits(rendered.blocks);
    const text = JSON.stringify(rendered.blocks);
    expect(text).toContain("New model version churn-xgb/3");
    expect(text).toContain("auc: 0.95 vs 0.9 on v1 (+0.05)");
    for (const action of ["approve", "reject", "compare"]) expect(text).toContain(`${VERSION_ACTION}:${action}`);
    expect(text).toContain('"value":"approve churn-xgb/3"');
    expect(text).toContain('"value":"compare churn-xgb/1 churn-xgb/3"');
  });

  it("a feature search marks the matching features and keeps a group with many features within a section", () => {
    const features = Array.from({ length: 200 }, (_, i) => ({ name: `feature_with_a_long_name_${i}`, type: "Fractional" }));
    const search: FeatureSearch = {
      terms: ["tenure"],
      groups: [{ name: "customer-profile", description: "Customer attributes", status: "Created", recordIdentifier: "customer_id", eventTime: "event_time", online: true, offlineUri: "s3://sageops-demo/feature-store/", features: [{ name: "tenure_months", type: "Integral" }, ...features], matched: ["tenure_months"] }],
      total: 2,
      unread: 0,
    };
    const rendered = renderFeatureSearch(search);
    withinSlackLimits(rendered.blocks);
    const text = JSON.stringify(rendered.blocks);
    expect(text).toContain("*tenure_months* (Integral)");
    expect(text).toContain("and 171 more");
    expect(rendered.text).toContain("customer-profile (tenure_months)");
  });
});
