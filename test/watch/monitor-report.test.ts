import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Result } from "../../src/kernel/result.js";
import type { FindingViolation } from "../../src/watch/finding.js";
import { parseConstraints, parseStatistics } from "../../src/watch/monitor-baseline.js";
import { findingFigures } from "../../src/watch/monitor-figures.js";
import {
  checkMeaning,
  monitorTypeOf,
  parseConstraintViolations,
  RAW_ENTRY_LIMIT,
  REPORT_TEXT_LIMIT,
  VIOLATION_ENTRY_LIMIT,
} from "../../src/watch/monitor-report.js";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/model-monitor");
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), "utf8");

function readValue<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got: ${result.problem.what}`);
  return result.value;
}

function problemOf<T>(result: Result<T>): string {
  if (result.ok) throw new Error("expected a problem, got a value");
  return result.problem.what;
}

const violationsOf = (name: string) => readValue(parseConstraintViolations(fixture(name)));
const report = (violations: unknown[]): string => JSON.stringify({ violations });

describe("constraint_violations.json, each monitor type's entries", () => {
  it("reads data-quality entries: a feature, the check as written, the description", () => {
    const read = violationsOf("data-quality/constraint_violations.json");
    expect(read.unrecognisedCount).toBe(0);
    expect(read.entryCount).toBe(7);
    expect(read.violations[0]).toEqual({ subject: { kind: "feature", name: "Day Mins" }, checkType: "baseline_drift_check", description: "Baseline drift distance: 0.34 exceeds threshold: 0.1" });
    expect(read.violations.map((v) => v.checkType)).toEqual([
      "baseline_drift_check",
      "baseline_drift_check",
      "completeness_check",
      "data_type_check",
      "missing_column_check",
      "extra_column_check",
      "categorical_values_check",
    ]);
  });

  it("reads model-quality entries as metrics, the comparison operator as the check", () => {
    const read = violationsOf("model-quality/constraint_violations.json");
    expect(read.violations[0]).toEqual({ subject: { kind: "metric", name: "auc" }, checkType: "LessThanThreshold", description: "Metric auc with 0.62 was LessThanThreshold 0.8" });
    expect(read.violations.map((v) => v.subject)).toEqual([
      { kind: "metric", name: "auc" },
      { kind: "metric", name: "recall" },
    ]);
  });

  it("reads Clarify bias entries as facets with their value and metric", () => {
    const read = violationsOf("model-bias/constraint_violations.json");
    expect(read.violations.map((v) => v.subject)).toEqual([
      { kind: "facet", facet: "Age", facetValue: "40", metric: "CI" },
      { kind: "facet", facet: "Age", facetValue: "40", metric: "DPPL" },
    ]);
    expect(read.violations[1]?.checkType).toBe("bias_drift_check");
  });

  it("reads Clarify explainability entries as labels with their method", () => {
    const read = violationsOf("model-explainability/constraint_violations.json");
    expect(read.violations.map((v) => [v.subject, v.checkType])).toEqual([
      [{ kind: "label", label: "label0", metric: "shap" }, "feature_attribution_drift_check"],
      [{ kind: "label", label: "label1", metric: "shap" }, "feature_attribution_drift_check"],
    ]);
  });

  it("keeps a check type outside the documented ones as written", () => {
    const read = readValue(parseConstraintViolations(report([{ feature_name: "age", constraint_check_type: "range_check_v2", description: "out of range" }])));
    expect(read.violations[0]?.checkType).toBe("range_check_v2");
    expect(read.unrecognisedCount).toBe(0);
  });

  it("reads an entry without a description, and a facet given as an index", () => {
    const read = readValue(parseConstraintViolations(report([{ facet: 3, metric_name: "DPL", constraint_check_type: "bias_drift_check" }])));
    expect(read.violations[0]).toEqual({ subject: { kind: "facet", facet: "3", metric: "DPL" }, checkType: "bias_drift_check", description: "" });
  });
});

describe("constraint_violations.json, entries that fit no shape", () => {
  const good = { feature_name: "Day Mins", constraint_check_type: "baseline_drift_check", description: "drifted" };

  it("keeps an odd entry raw and counted, and every good entry around it", () => {
    const odd = { feature: "Day Mins", check: "drift" };
    const read = readValue(parseConstraintViolations(report([good, odd, { ...good, feature_name: "Eve Mins" }, null])));
    expect(read.unrecognisedCount).toBe(2);
    expect(read.violations.map((v) => v.subject)).toEqual([
      { kind: "feature", name: "Day Mins" },
      { kind: "unrecognised", raw: '{"feature":"Day Mins","check":"drift"}' },
      { kind: "feature", name: "Eve Mins" },
      { kind: "unrecognised", raw: "null" },
    ]);
  });

  it("judges an entry by the shape it claims: a facet that is no name is not read as a metric", () => {
    const read = readValue(parseConstraintViolations(report([{ facet: { name: "Age" }, metric_name: "CI", constraint_check_type: "bias_drift_check", description: "" }])));
    expect(read.violations[0]?.subject.kind).toBe("unrecognised");
    expect(read.violations[0]?.checkType).toBe("bias_drift_check");
  });

  it("cuts a long unrecognised entry at a character boundary, never inside an emoji", () => {
    const read = readValue(parseConstraintViolations(report([{ n: "😀".repeat(400) }])));
    const subject = read.violations[0]?.subject;
    if (subject?.kind !== "unrecognised") throw new Error("expected an unrecognised entry");
    expect(subject.raw.length).toBeLessThanOrEqual(RAW_ENTRY_LIMIT);
    expect(subject.raw.endsWith("…")).toBe(true);
    expect(subject.raw.startsWith('{"n":"😀')).toBe(true);
    // No lone surrogate: the cut fell between characters.
    expect(subject.raw).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("constraint_violations.json, size", () => {
  it("reads a 600-entry report whole", () => {
    const entries = Array.from({ length: 600 }, (_, i) => ({ feature_name: `f${i}`, constraint_check_type: "baseline_drift_check", description: `Baseline drift distance: 0.${i} exceeds threshold: 0.1` }));
    const read = readValue(parseConstraintViolations(report(entries)));
    expect(read.violations).toHaveLength(600);
    expect(read.entryCount).toBe(600);
    expect(read.omittedCount).toBe(0);
    expect(read.violations[599]?.subject).toEqual({ kind: "feature", name: "f599" });
  });

  it("reads the first entries of a report past the entry cap, keeps the true count, and says so", () => {
    const total = VIOLATION_ENTRY_LIMIT + 250;
    const entries = Array.from({ length: total }, (_, i) => ({ metric_name: `m${i}`, constraint_check_type: "LessThanThreshold", description: "" }));
    const result = parseConstraintViolations(report(entries));
    const read = readValue(result);
    expect(read.violations).toHaveLength(VIOLATION_ENTRY_LIMIT);
    expect(read.entryCount).toBe(total);
    expect(read.omittedCount).toBe(250);
    expect(result.ok && result.note).toBe("The report lists 10,250 violations; these are the first 10,000.");
  });

  it("refuses a file larger than the limit as too large, without parsing it", () => {
    const huge = `{"violations":[${'"x",'.repeat(REPORT_TEXT_LIMIT / 4)}"x"]}`;
    expect(huge.length).toBeGreaterThan(REPORT_TEXT_LIMIT);
    expect(problemOf(parseConstraintViolations(huge))).toBe("`constraint_violations.json` is too large to read: sageops reads reports up to 5 MB, and this one is 5.1 MB.");
  });
});

describe("constraint_violations.json, files that are no report", () => {
  it.each([
    ["text that is not JSON", "<html>Access Denied</html>", /is not JSON \(/],
    ["an empty file", "  \n", /is empty/],
    ["a list at the top", "[]", /not a violations report: the file holds a list, not an object/],
    ["an object without violations", '{"features": []}', /not a violations report: it has no `violations` list/],
    ["violations that are no list", '{"violations": "none"}', /not a violations report: its `violations` is text, not a list/],
    ["violations that are null", '{"violations": null}', /its `violations` is null, not a list/],
  ])("%s is unreadable, with the reason", (_, text, reason) => {
    expect(problemOf(parseConstraintViolations(text))).toMatch(reason);
  });

  it("reads a report that starts with a byte-order mark", () => {
    expect(readValue(parseConstraintViolations(`\uFEFF${report([])}`)).violations).toEqual([]);
  });
});

describe("statistics.json", () => {
  it("gives each feature's completeness, mean and histogram", () => {
    const statistics = readValue(parseStatistics(fixture("data-quality/baseline-statistics.json")));
    expect(statistics.itemCount).toBe(2333);
    expect(statistics.skippedCount).toBe(0);
    const dayMins = statistics.features.get("Day Mins");
    expect(dayMins?.mean).toBe(41.2);
    expect(dayMins?.completeness).toBe(1);
    expect(dayMins?.distribution?.buckets).toHaveLength(10);
    expect(dayMins?.distribution?.buckets[0]).toEqual({ lowerBound: 0, upperBound: 10, count: 40 });
    expect(statistics.features.get("State")).toEqual({ name: "State", inferredType: "String", completeness: 1, distinctCount: 3 });
  });

  it("reads features without a distribution, and completeness from the counts", () => {
    const statistics = readValue(parseStatistics(fixture("data-quality/current-statistics.json")));
    const vmail = statistics.features.get("VMail Message");
    expect(vmail?.completeness).toBeCloseTo(1104 / 1200, 10);
    expect(vmail?.distribution).toBeUndefined();
    expect(statistics.features.get("Account Length")?.distribution).toBeUndefined();
  });

  it("skips a feature that does not fit, and counts it", () => {
    const text = JSON.stringify({
      features: [
        { name: "ok", inferred_type: "Integral", numerical_statistics: { common: { num_present: 3, num_missing: 1 }, mean: "NaN" } },
        { inferred_type: "Integral", numerical_statistics: { mean: 2 } },
        { name: "bad-bucket", numerical_statistics: { mean: 2, distribution: { kll: { buckets: [{ lower_bound: 0, upper_bound: 1, count: 2 }, { lower_bound: 1 }] } } } },
        7,
      ],
    });
    const statistics = readValue(parseStatistics(text));
    expect(statistics.skippedCount).toBe(2);
    expect(statistics.features.get("ok")).toEqual({ name: "ok", inferredType: "Integral", completeness: 0.75 });
    // One bucket that does not read drops the histogram, not the feature.
    expect(statistics.features.get("bad-bucket")).toEqual({ name: "bad-bucket", mean: 2 });
  });

  it("reads a model-quality run's metric values, not its confusion matrix", () => {
    const statistics = readValue(parseStatistics(fixture("model-quality/baseline-statistics.json")));
    expect([...statistics.metrics]).toEqual([
      ["recall", 0.7],
      ["precision", 0.74],
      ["auc", 0.86],
    ]);
    expect(statistics.features.size).toBe(0);
  });

  it("is unreadable when it holds no features and no metrics", () => {
    expect(problemOf(parseStatistics('{"version": 0}'))).toMatch(/has no `features` list and no metrics/);
    expect(problemOf(parseStatistics("[1,2]"))).toMatch(/not a statistics file: it holds a list/);
  });

  it("keeps a feature named like an object's built-ins as a feature", () => {
    const statistics = readValue(parseStatistics(JSON.stringify({ features: [{ name: "constructor", string_statistics: { distinct_count: 2 } }] })));
    expect(statistics.features.get("constructor")?.distinctCount).toBe(2);
    expect(statistics.features.get("toString")).toBeUndefined();
  });
});

describe("constraints.json", () => {
  it("gives data quality's drift thresholds and each feature's expected completeness", () => {
    const constraints = readValue(parseConstraints(fixture("data-quality/constraints.json")));
    expect(constraints.driftThreshold).toBe(0.1);
    expect(constraints.categoricalDriftThreshold).toBe(0.1);
    expect(constraints.features.get("Day Mins")).toEqual({ name: "Day Mins", inferredType: "Fractional", completeness: 1, isNonNegative: true });
    expect(constraints.features.get("State")?.inferredType).toBe("String");
  });

  it("gives model quality's metric thresholds", () => {
    const constraints = readValue(parseConstraints(fixture("model-quality/constraints.json")));
    expect(constraints.metricThresholds.get("auc")).toEqual({ threshold: 0.8, comparisonOperator: "LessThanThreshold" });
    expect(constraints.metricThresholds.size).toBe(3);
  });

  it("gives Clarify's baseline bias metrics, per stage and facet", () => {
    const constraints = readValue(parseConstraints(fixture("model-bias/constraints.json")));
    expect(constraints.biasMetrics).toEqual([
      { stage: "pre-training", facet: "Age", facetValue: "40", metric: "CI", value: 0.03 },
      { stage: "post-training", facet: "Age", facetValue: "40", metric: "DPPL", value: 0.02 },
      { stage: "post-training", facet: "Age", facetValue: "40", metric: "DI", value: 0.93 },
    ]);
  });

  it("gives Clarify's global SHAP values per label", () => {
    const constraints = readValue(parseConstraints(fixture("model-explainability/constraints.json")));
    expect([...constraints.attributions.keys()]).toEqual(["label0", "label1"]);
    expect(constraints.attributions.get("label0")?.get("Day Mins")).toBe(0.0225);
  });

  it("is unreadable when it holds none of the four monitor types' sections", () => {
    expect(problemOf(parseConstraints('{"violations": []}'))).toMatch(/holds no features, thresholds, bias metrics or explanations/);
    expect(problemOf(parseConstraints('"constraints"'))).toMatch(/it holds text, not an object/);
  });
});

describe("the figures of each violation", () => {
  const dataQuality = () => {
    const violations = violationsOf("data-quality/constraint_violations.json").violations;
    return findingFigures(violations, {
      baselineStatistics: readValue(parseStatistics(fixture("data-quality/baseline-statistics.json"))),
      currentStatistics: readValue(parseStatistics(fixture("data-quality/current-statistics.json"))),
      constraints: readValue(parseConstraints(fixture("data-quality/constraints.json"))),
    });
  };
  const figuresFor = (violations: FindingViolation[], name: string) => violations.find((v) => v.subject.kind === "feature" && v.subject.name === name);

  it("gives the mean baseline to current, and the drift distance against its threshold", () => {
    const dayMins = figuresFor(dataQuality().violations, "Day Mins");
    expect(dayMins?.baseline).toEqual({ mean: 41.2, completeness: 1 });
    expect(dayMins?.current).toEqual({ mean: 57.9, completeness: 1, distance: 0.34, threshold: 0.1 });
  });

  it("reads the drift from Model Monitor's other wording too", () => {
    expect(figuresFor(dataQuality().violations, "Account Length")?.current).toMatchObject({ distance: 0.2711598746081505, threshold: 0.1 });
  });

  it("gives completeness expected against the run's", () => {
    const vmail = figuresFor(dataQuality().violations, "VMail Message");
    expect(vmail?.baseline?.completeness).toBe(1);
    expect(vmail?.current?.completeness).toBeCloseTo(0.92, 10);
  });

  it("takes the completeness a completeness check states over the run's statistics", () => {
    const violations: FindingViolation[] = [
      { subject: { kind: "feature", name: "VMail Message" }, checkType: "completeness_check", description: "Value: 0.0 does not meet the constraint requirement! " },
      { subject: { kind: "feature", name: "VMail Message" }, checkType: "completeness_check", description: "Observed: Only 87.5% of data is complete." },
      { subject: { kind: "feature", name: "VMail Message" }, checkType: "data_type_check", description: "Value: 0.5 does not meet the constraint requirement! " },
    ];
    const filled = findingFigures(violations, { currentStatistics: readValue(parseStatistics(fixture("data-quality/current-statistics.json"))) });
    expect(filled.violations.map((v) => v.current?.completeness)).toEqual([0, 0.875, 1104 / 1200]);
  });

  it("takes a drift threshold from the constraints when the description gives none, the categorical one for text features", () => {
    const violations: FindingViolation[] = [
      { subject: { kind: "feature", name: "Day Mins" }, checkType: "baseline_drift_check", description: "drifted" },
      { subject: { kind: "feature", name: "State" }, checkType: "baseline_drift_check", description: "drifted" },
    ];
    const constraints = readValue(parseConstraints(JSON.stringify({ features: [{ name: "State", inferred_type: "String" }], monitoring_config: { distribution_constraints: { comparison_threshold: 0.2, categorical_comparison_threshold: 0.3 } } })));
    const filled = findingFigures(violations, { constraints }).violations;
    expect(filled.map((v) => v.current)).toEqual([{ threshold: 0.2 }, { threshold: 0.3 }]);
  });

  it("pairs the histograms of violated features whose baseline and run both have one", () => {
    const { distributions } = dataQuality();
    expect(distributions.map((d) => [d.baseline.feature, d.current.feature])).toEqual([["Day Mins", "Day Mins"]]);
    expect(distributions[0]?.current.buckets[6]).toEqual({ lowerBound: 60, upperBound: 70, count: 270 });
  });

  it("counts the features the run checked, and leaves the given violations as they were", () => {
    const violations = violationsOf("data-quality/constraint_violations.json").violations;
    const before = structuredClone(violations);
    const filled = findingFigures(violations, { currentStatistics: readValue(parseStatistics(fixture("data-quality/current-statistics.json"))) });
    expect(filled.checkedCount).toBe(4);
    expect(violations).toEqual(before);
  });

  it("gives a model-quality metric's baseline value, the run's value and the threshold", () => {
    const filled = findingFigures(violationsOf("model-quality/constraint_violations.json").violations, {
      baselineStatistics: readValue(parseStatistics(fixture("model-quality/baseline-statistics.json"))),
      constraints: readValue(parseConstraints(fixture("model-quality/constraints.json"))),
    });
    expect(filled.violations.map((v) => [v.baseline, v.current])).toEqual([
      [{ value: 0.86 }, { value: 0.62, threshold: 0.8 }],
      [{ value: 0.7 }, { value: 0.41, threshold: 0.57 }],
    ]);
  });

  it("takes a metric's value and threshold from the files when the description states neither", () => {
    const violations: FindingViolation[] = [{ subject: { kind: "metric", name: "auc" }, checkType: "LessThanThreshold", description: "auc is low" }];
    const filled = findingFigures(violations, {
      currentStatistics: readValue(parseStatistics(fixture("model-quality/current-statistics.json"))),
      constraints: readValue(parseConstraints(fixture("model-quality/constraints.json"))),
    });
    expect(filled.violations[0]?.current).toEqual({ value: 0.62, threshold: 0.8 });
  });

  it("gives a bias metric's baseline value against the run's", () => {
    const filled = findingFigures(violationsOf("model-bias/constraint_violations.json").violations, { constraints: readValue(parseConstraints(fixture("model-bias/constraints.json"))) });
    expect(filled.violations.map((v) => [v.baseline, v.current])).toEqual([
      [{ value: 0.03 }, { value: 0.0751544567666083 }],
      [{ value: 0.02 }, { value: -0.0791244970125596 }],
    ]);
  });

  it("gives an attribution drift's score against its threshold", () => {
    const filled = findingFigures(violationsOf("model-explainability/constraint_violations.json").violations, {});
    expect(filled.violations[0]?.current).toEqual({ value: 0.7639720923277322, threshold: 0.9 });
    expect(filled.violations[0]?.baseline).toBeUndefined();
  });
});

describe("check types in plain words", () => {
  it.each([
    ["baseline_drift_check", "distribution drifted"],
    ["completeness_check", "values missing"],
    ["data_type_check", "wrong data type"],
    ["missing_column_check", "column missing"],
    ["extra_column_check", "unexpected column"],
    ["categorical_values_check", "unknown category values"],
    ["bias_drift_check", "bias drifted"],
    ["feature_attribution_drift_check", "feature importance drifted"],
    ["LessThanThreshold", "fell below its threshold"],
    ["GreaterThanThreshold", "rose above its threshold"],
    ["LessThanOrEqualToThreshold", "fell to or below its threshold"],
    ["GreaterThanOrEqualToThreshold", "rose to or above its threshold"],
  ])("%s: %s", (check, words) => {
    expect(checkMeaning(check)).toBe(words);
  });

  it("names an unknown check by its id, built-in names of objects included", () => {
    expect(checkMeaning("foo_bar")).toBe("check foo_bar failed");
    expect(checkMeaning("constructor")).toBe("check constructor failed");
    expect(checkMeaning(" ")).toBe("a check failed");
  });
});

describe("the monitor type", () => {
  it.each([
    ["DataQuality", "data-quality"],
    ["ModelQuality", "model-quality"],
    ["ModelBias", "model-bias"],
    ["ModelExplainability", "model-explainability"],
  ] as const)("%s is %s", (given, type) => {
    expect(monitorTypeOf(given)).toBe(type);
  });

  it("prefers the type SageMaker gives to what the entries suggest", () => {
    expect(monitorTypeOf("ModelQuality", violationsOf("model-bias/constraint_violations.json").violations)).toBe("model-quality");
  });

  it("guesses from the entries when the type is not given or not known", () => {
    expect(monitorTypeOf(undefined, violationsOf("model-bias/constraint_violations.json").violations)).toBe("model-bias");
    expect(monitorTypeOf("Custom", violationsOf("model-explainability/constraint_violations.json").violations)).toBe("model-explainability");
    expect(monitorTypeOf(undefined, violationsOf("model-quality/constraint_violations.json").violations)).toBe("model-quality");
    expect(monitorTypeOf(undefined, violationsOf("data-quality/constraint_violations.json").violations)).toBe("data-quality");
  });

  it("leaves the choice to the caller when nothing tells", () => {
    expect(monitorTypeOf(undefined)).toBeUndefined();
    expect(monitorTypeOf("__proto__", [{ subject: { kind: "unrecognised", raw: "{}" }, checkType: "x", description: "" }])).toBeUndefined();
  });
});

/** Variants written before the parser and kept out of sight while writing it (held-out/README.md, EXPECTED.md). */
describe("held-out files", () => {
  const held = (name: string) => fixture(`held-out/${name}`);

  it("data quality with extra keys, scientific notation, an undocumented check and a non-ASCII name", () => {
    const read = readValue(parseConstraintViolations(held("dq-violations-variants.json")));
    expect(read.violations).toHaveLength(4);
    expect(read.unrecognisedCount).toBe(0);
    expect(read.violations.map((v) => v.checkType)).toContain("custom_range_check");
    expect(read.violations.map((v) => v.subject)).toContainEqual({ kind: "feature", name: "Prénom ✓" });
    const filled = findingFigures(read.violations, {});
    expect(filled.violations[0]?.current).toEqual({ distance: 0.34, threshold: 0.1 });
  });

  it("model-quality regression metrics with other operators and key orders", () => {
    const filled = findingFigures(readValue(parseConstraintViolations(held("mq-regression-violations.json"))).violations, {});
    expect(filled.violations.map((v) => [v.subject, v.checkType, v.current])).toEqual([
      [{ kind: "metric", name: "mae" }, "GreaterThanThreshold", { value: 4.12, threshold: 3.5 }],
      [{ kind: "metric", name: "r2" }, "LessThanOrEqualToThreshold", { value: -0.2, threshold: 0.1 }],
    ]);
  });

  it("bias entries with numbers for facet and value, and one without a value", () => {
    const filled = findingFigures(readValue(parseConstraintViolations(held("bias-numeric-facet.json"))).violations, {});
    expect(filled.violations.map((v) => [v.subject, v.current])).toEqual([
      [{ kind: "facet", facet: "3", facetValue: "1", metric: "DPPL" }, { value: -0.31 }],
      [{ kind: "facet", facet: "Gender", metric: "CI" }, { value: 0.2 }],
    ]);
  });

  it("explainability entries with a numeric label and one without a method", () => {
    const filled = findingFigures(readValue(parseConstraintViolations(held("explainability-variants.json"))).violations, {});
    expect(filled.violations.map((v) => [v.subject, v.current])).toEqual([
      [{ kind: "label", label: "0", metric: "shap" }, { value: 0.71, threshold: 0.9 }],
      [{ kind: "label", label: "churn" }, { value: 0.5, threshold: 0.9 }],
    ]);
  });

  it("odd entries of every kind around one good one", () => {
    const read = readValue(parseConstraintViolations(held("violations-odd-entries.json")));
    expect(read.unrecognisedCount).toBe(6);
    expect(read.violations.filter((v) => v.subject.kind !== "unrecognised").map((v) => v.subject)).toEqual([{ kind: "feature", name: "Eve Mins" }]);
  });

  it("an empty report", () => {
    expect(readValue(parseConstraintViolations(held("violations-empty.json")))).toEqual({ violations: [], unrecognisedCount: 0, entryCount: 0, omittedCount: 0 });
  });

  it("statistics with NaN as text, a feature without a histogram, one counted over nothing, and misfits", () => {
    const statistics = readValue(parseStatistics(held("statistics-variants.json")));
    expect(statistics.features.get("Day Mins")).toMatchObject({ completeness: 0.975, mean: 180 });
    expect(statistics.features.get("Day Mins")?.distribution?.buckets).toHaveLength(2);
    expect(statistics.features.get("Intl Calls")).toEqual({ name: "Intl Calls", inferredType: "Integral", completeness: 1, mean: 4.5 });
    expect(statistics.features.get("State")?.completeness).toBeUndefined();
    expect([...statistics.features.keys()]).toEqual(["Day Mins", "Intl Calls", "State"]);
    expect(statistics.skippedCount).toBe(3);
  });

  it("constraints with the robust method, categorical thresholds and a feature that does not fit", () => {
    const constraints = readValue(parseConstraints(held("constraints-variants.json")));
    expect(constraints.driftThreshold).toBe(0.2);
    expect(constraints.categoricalDriftThreshold).toBe(0.15);
    expect(constraints.features.get("Day Mins")?.completeness).toBe(0.975);
    expect(constraints.features.get("State")?.completeness).toBe(1);
    expect(constraints.features.has("Broken")).toBe(false);
  });

  it("multiclass model-quality constraints beside a confusion matrix", () => {
    const constraints = readValue(parseConstraints(held("mq-multiclass-constraints.json")));
    expect([...constraints.metricThresholds]).toEqual([
      ["weighted_recall", { threshold: 0.57, comparisonOperator: "LessThanThreshold" }],
      ["accuracy", { threshold: 0.6, comparisonOperator: "LessThanThreshold" }],
    ]);
  });

  it("Clarify bias constraints with both stages and a metric without a value", () => {
    const constraints = readValue(parseConstraints(held("bias-constraints-pre-and-post.json")));
    expect(constraints.biasMetrics.map((m) => [m.facet, m.facetValue, m.metric, m.value])).toEqual([
      ["Gender", "F", "CI", 0.05],
      ["Gender", "F", "DPPL", -0.1],
    ]);
  });
});
