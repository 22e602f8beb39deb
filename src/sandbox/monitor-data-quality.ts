/**
 * Data quality reports, as Model Monitor's Deequ-based analyzer writes them, for the churn data set
 * the example monitors: statistics.json (per-feature counts, mean, sum, standard deviation and a KLL
 * histogram), the baseline's constraints.json, and constraint_violations.json entries
 * `{ feature_name, constraint_check_type, description }`. Every figure comes from one simulated
 * population per run, so a description's numbers agree with the files written beside it: a drifted
 * run shifts monthly_charges, and the drift distance it states is measured between the baseline's
 * histogram and its own.
 */
import { round, unitHash } from "./random.js";
import { reportJson } from "./report-json.js";

interface NumericFeature {
  name: string;
  type: "Integral" | "Fractional";
  mean: number;
  std: number;
  min: number;
  max: number;
}

interface StringFeature {
  name: string;
  type: "String";
  shares: readonly (readonly [string, number])[];
}

/** The features of the churn data set the example set-up monitors. */
const NUMERIC_FEATURES: readonly NumericFeature[] = [
  { name: "tenure_months", type: "Integral", mean: 32.4, std: 24.5, min: 0, max: 72 },
  { name: "monthly_charges", type: "Fractional", mean: 64.8, std: 30.1, min: 18.25, max: 118.75 },
  { name: "total_charges", type: "Fractional", mean: 2283.3, std: 2266.8, min: 18.8, max: 8684.8 },
  { name: "support_calls", type: "Integral", mean: 1.6, std: 1.3, min: 0, max: 9 },
];
const CONTRACT_TYPE: StringFeature = {
  name: "contract_type",
  type: "String",
  shares: [
    ["month-to-month", 0.55],
    ["one-year", 0.21],
    ["two-year", 0.24],
  ],
};

/** The feature whose distribution moves when a run finds drift, and the one that loses values. */
export const DRIFTING_FEATURE = "monthly_charges";
const INCOMPLETE_FEATURE = "total_charges";
const MISTYPED_FEATURE = "support_calls";

/** distribution_constraints.comparison_threshold in the baseline constraints. */
export const DRIFT_THRESHOLD = 0.1;
const BUCKETS = 10;
const BASELINE_ITEMS = 5000;

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, good to about 1e-7). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(z) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Whole counts that sum to `total`, in proportion to `weights` (largest remainder). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

interface Bucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/** Ten equal-width buckets over the feature's range, filled from a normal population cut to that range. */
function histogram(feature: NumericFeature, mean: number, std: number, present: number): Bucket[] {
  const width = (feature.max - feature.min) / BUCKETS;
  const edges = Array.from({ length: BUCKETS + 1 }, (_, i) => feature.min + i * width);
  const mass = edges.slice(1).map((upper, i) => normalCdf((upper - mean) / std) - normalCdf(((edges[i] ?? feature.min) - mean) / std));
  const counts = apportion(mass, present);
  return counts.map((count, i) => ({ lower_bound: round(edges[i] ?? feature.min, 4), upper_bound: round(edges[i + 1] ?? feature.max, 4), count }));
}

/** The largest gap between two cumulative histograms over the same buckets: the drift distance stated. */
function distance(baseline: readonly Bucket[], current: readonly Bucket[]): number {
  const total = (buckets: readonly Bucket[]): number => buckets.reduce((sum, b) => sum + b.count, 0) || 1;
  const [baseTotal, currentTotal] = [total(baseline), total(current)];
  let baseCumulative = 0;
  let currentCumulative = 0;
  let largest = 0;
  baseline.forEach((bucket, i) => {
    baseCumulative += bucket.count / baseTotal;
    currentCumulative += (current[i]?.count ?? 0) / currentTotal;
    largest = Math.max(largest, Math.abs(baseCumulative - currentCumulative));
  });
  return largest;
}

function numericalStatistics(feature: NumericFeature, buckets: Bucket[], missing: number): Record<string, unknown> {
  const present = buckets.reduce((sum, b) => sum + b.count, 0);
  const mid = (b: Bucket): number => (b.lower_bound + b.upper_bound) / 2;
  const mean = present > 0 ? buckets.reduce((sum, b) => sum + mid(b) * b.count, 0) / present : 0;
  const variance = present > 0 ? buckets.reduce((sum, b) => sum + (mid(b) - mean) ** 2 * b.count, 0) / present : 0;
  const occupied = buckets.filter((b) => b.count > 0);
  return {
    common: { num_present: present, num_missing: missing },
    mean: round(mean, 4),
    sum: round(mean * present, 2),
    std_dev: round(Math.sqrt(variance), 4),
    min: occupied[0]?.lower_bound ?? feature.min,
    max: occupied[occupied.length - 1]?.upper_bound ?? feature.max,
    distribution: {
      kll: {
        buckets,
        // Deequ writes its KLL sketch beside the buckets; the sandbox's holds the bucket midpoints.
        sketch: { parameters: { c: 0.64, k: 2048.0 }, data: [occupied.map((b) => round(mid(b), 4))] },
      },
    },
  };
}

function stringStatistics(items: number): Record<string, unknown> {
  const counts = apportion(
    CONTRACT_TYPE.shares.map(([, share]) => share),
    items,
  );
  return {
    name: CONTRACT_TYPE.name,
    inferred_type: CONTRACT_TYPE.type,
    string_statistics: {
      common: { num_present: items, num_missing: 0 },
      distinct_count: CONTRACT_TYPE.shares.length,
      distribution: { categorical: { buckets: CONTRACT_TYPE.shares.map(([value], i) => ({ value, count: counts[i] ?? 0 })) } },
    },
  };
}

/** How a run's population differs from the baseline's. */
interface Population {
  items: number;
  /** Mean shift per numeric feature, in standard deviations. */
  shifts: ReadonlyMap<string, number>;
  /** Values missing per feature. */
  missing: ReadonlyMap<string, number>;
}

const BASELINE_POPULATION: Population = { items: BASELINE_ITEMS, shifts: new Map(), missing: new Map() };

function statistics(population: Population): { json: Record<string, unknown>; histograms: Map<string, Bucket[]> } {
  const histograms = new Map<string, Bucket[]>();
  const features = NUMERIC_FEATURES.map((feature) => {
    const missing = population.missing.get(feature.name) ?? 0;
    const buckets = histogram(feature, feature.mean + (population.shifts.get(feature.name) ?? 0) * feature.std, feature.std, population.items - missing);
    histograms.set(feature.name, buckets);
    return { name: feature.name, inferred_type: feature.type, numerical_statistics: numericalStatistics(feature, buckets, missing) };
  });
  return { json: { version: 0.0, dataset: { item_count: population.items }, features: [...features, stringStatistics(population.items)] }, histograms };
}

/** The baseline's statistics.json: the training data the constraints were suggested from. */
export function dataQualityBaselineStatistics(): string {
  return reportJson(statistics(BASELINE_POPULATION).json);
}

/** The baseline's constraints.json: per-feature completeness and types, and the drift threshold. */
export function dataQualityConstraints(): string {
  return reportJson({
    version: 0.0,
    features: [
      ...NUMERIC_FEATURES.map((f) => ({ name: f.name, inferred_type: f.type, completeness: 1.0, num_constraints: { is_non_negative: f.min >= 0 } })),
      { name: CONTRACT_TYPE.name, inferred_type: CONTRACT_TYPE.type, completeness: 1.0, string_constraints: { domains: CONTRACT_TYPE.shares.map(([value]) => value) } },
    ],
    monitoring_config: {
      evaluate_constraints: "Enabled",
      emit_metrics: "Enabled",
      datatype_check_threshold: 0.1,
      domain_content_threshold: 0.1,
      distribution_constraints: { perform_comparison: "Enabled", comparison_threshold: DRIFT_THRESHOLD, comparison_method: "Robust", categorical_comparison_threshold: 0.1, categorical_drift_method: "LInfinity" },
    },
  });
}

export interface DataQualityViolation {
  feature_name: string;
  constraint_check_type: "baseline_drift_check" | "data_type_check" | "completeness_check";
  description: string;
}

/** One run's statistics.json and its violations: stable for a given seed. */
export function dataQualityRun(seed: string, drifted: boolean): { statistics: string; violations: DataQualityViolation[] } {
  const items = 1200 + Math.floor(600 * unitHash(`${seed}|items`));
  // Healthy runs wander a little around the baseline; a drifted one moves monthly_charges by about half a standard deviation.
  const shifts = new Map(NUMERIC_FEATURES.map((f) => [f.name, 0.08 * (unitHash(`${seed}|${f.name}`) - 0.5)]));
  if (drifted) shifts.set(DRIFTING_FEATURE, 0.5 + 0.3 * unitHash(`${seed}|drift`));
  const incomplete = drifted && unitHash(`${seed}|completeness`) < 0.7;
  const completeness = incomplete ? 0.88 + 0.1 * unitHash(`${seed}|complete`) : 1;
  const missing = new Map([[INCOMPLETE_FEATURE, Math.round(items * (1 - completeness))]]);
  const run = statistics({ items, shifts, missing });
  const baseline = statistics(BASELINE_POPULATION).histograms;

  const violations: DataQualityViolation[] = [];
  for (const feature of NUMERIC_FEATURES) {
    const gap = distance(baseline.get(feature.name) ?? [], run.histograms.get(feature.name) ?? []);
    if (gap > DRIFT_THRESHOLD) violations.push({ feature_name: feature.name, constraint_check_type: "baseline_drift_check", description: `Baseline drift distance: ${round(gap, 4)} exceeds threshold: ${DRIFT_THRESHOLD}` });
  }
  const missingCount = missing.get(INCOMPLETE_FEATURE) ?? 0;
  if (missingCount > 0) {
    const observed = (100 * (items - missingCount)) / items;
    violations.push({
      feature_name: INCOMPLETE_FEATURE,
      constraint_check_type: "completeness_check",
      description: `Data completeness requirement is not met. Expected completeness: 100.0%. Observed: Only ${observed.toFixed(1)}% of data is complete.`,
    });
  }
  if (drifted && unitHash(`${seed}|type`) < 0.5)
    violations.push({
      feature_name: MISTYPED_FEATURE,
      constraint_check_type: "data_type_check",
      description: `Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only ${(90 + 9 * unitHash(`${seed}|typed`)).toFixed(1)}% of data is Integral.`,
    });
  return { statistics: reportJson(run.json), violations };
}
