/**
 * The reports a data-quality monitoring execution writes: constraint_violations.json and
 * statistics.json in Model Monitor's formats, with values that are stable for a given execution.
 */
import { round, unitHash } from "./random.js";

export interface Violation {
  feature_name: string;
  constraint_check_type: "baseline_drift_check" | "data_type_check" | "completeness_check";
  description: string;
}

/** The features of the churn data set the example set-up monitors. */
const FEATURES = [
  { name: "tenure_months", type: "Integral", mean: 32.4, std: 24.5, min: 0, max: 72 },
  { name: "monthly_charges", type: "Fractional", mean: 64.8, std: 30.1, min: 18.25, max: 118.75 },
  { name: "total_charges", type: "Fractional", mean: 2283.3, std: 2266.8, min: 18.8, max: 8684.8 },
  { name: "support_calls", type: "Integral", mean: 1.6, std: 1.3, min: 0, max: 9 },
  { name: "contract_type", type: "String" },
] as const;

/** The violations of one execution that found drift: always a drifted feature, sometimes more. */
export function driftViolations(seed: string): Violation[] {
  const violations: Violation[] = [
    {
      feature_name: "monthly_charges",
      constraint_check_type: "baseline_drift_check",
      description: `Baseline drift distance: ${round(0.18 + 0.25 * unitHash(`${seed}|drift`))} exceeds threshold: 0.1`,
    },
  ];
  if (unitHash(`${seed}|completeness`) < 0.7)
    violations.push({
      feature_name: "total_charges",
      constraint_check_type: "completeness_check",
      description: `Data completeness requirement is not met. Expected completeness: 100.0%. Observed: Only ${(88 + 10 * unitHash(`${seed}|complete`)).toFixed(1)}% of data is complete.`,
    });
  if (unitHash(`${seed}|type`) < 0.5)
    violations.push({
      feature_name: "support_calls",
      constraint_check_type: "data_type_check",
      description: `Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only ${(90 + 9 * unitHash(`${seed}|typed`)).toFixed(1)}% of data is Integral.`,
    });
  return violations;
}

export function constraintViolationsJson(violations: readonly Violation[]): string {
  return `${JSON.stringify({ violations }, null, 2)}\n`;
}

/** statistics.json: the dataset's item count and per-feature statistics; drift shifts the means. */
export function statisticsJson(seed: string, drifted: boolean): string {
  const items = 1200 + Math.floor(600 * unitHash(`${seed}|items`));
  const features = FEATURES.map((feature) => {
    const missing = feature.name === "total_charges" && drifted ? Math.floor(items * 0.06) : 0;
    const common = { num_present: items - missing, num_missing: missing };
    if (feature.type === "String")
      return {
        name: feature.name,
        inferred_type: "String",
        string_statistics: {
          common,
          distinct_count: 3,
          distribution: { categorical: { buckets: [{ value: "month-to-month", count: Math.round(items * 0.55) }, { value: "one-year", count: Math.round(items * 0.21) }, { value: "two-year", count: items - Math.round(items * 0.55) - Math.round(items * 0.21) }] } },
        },
      };
    const shift = drifted && feature.name === "monthly_charges" ? 1.25 : 1 + 0.04 * (unitHash(`${seed}|${feature.name}`) - 0.5);
    const mean = round(feature.mean * shift, 3);
    return {
      name: feature.name,
      inferred_type: feature.type,
      numerical_statistics: { common, mean, sum: round(mean * common.num_present, 2), std_dev: round(feature.std, 3), min: feature.min, max: feature.max },
    };
  });
  return `${JSON.stringify({ version: 0.0, dataset: { item_count: items }, features }, null, 2)}\n`;
}
