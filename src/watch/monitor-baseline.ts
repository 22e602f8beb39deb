/**
 * The figures around a Model Monitor run: `statistics.json` (the baseline's and the run's) and the
 * baseline `constraints.json`, for all four monitor types, read leniently: a feature, metric or facet
 * that does not fit is skipped and counted, never fatal. Only a file that is none of these is
 * unreadable. Names come from outside, so everything keyed by name is a `Map`.
 *
 * Shapes (developer guide pages named in test/fixtures/model-monitor/README.md):
 * - data quality statistics (Deequ): `dataset.item_count`, `features[]` with `numerical_statistics`
 *   (`common.num_present/num_missing`, `mean`, `distribution.kll.buckets[]`) or `string_statistics`;
 * - model quality statistics: `<problem>_metrics.<metric>.value` (`binary_classification_metrics`, ...);
 * - data quality constraints: `features[]` (`completeness`, `num_constraints.is_non_negative`) and
 *   `monitoring_config.distribution_constraints` (`comparison_threshold`, `categorical_comparison_threshold`);
 * - model quality constraints: `<problem>_constraints.<metric>.{threshold, comparison_operator}`;
 * - Clarify bias constraints (its analysis.json): `pre_training_bias_metrics` /
 *   `post_training_bias_metrics` with `facets.<facet>[].{value_or_threshold, metrics[].{name, value}}`;
 * - Clarify explainability constraints: `explanations.<method>.<label>.global_shap_values`.
 */
import { z } from "zod";
import { fail, ok, type Result } from "../kernel/result.js";
import type { Distribution } from "./finding.js";
import { isRecord, jsonKind, optional, readReportFile, VIOLATION_ENTRY_LIMIT } from "./monitor-report.js";

export interface FeatureStatistics {
  name: string;
  inferredType?: string;
  /** num_present / (num_present + num_missing), 0..1; absent when the run counted no values at all. */
  completeness?: number;
  mean?: number;
  /** String features: how many distinct values the run saw. */
  distinctCount?: number;
  /** Numeric features: the KLL histogram, when the file carries one whole. */
  distribution?: Distribution;
}

export interface RunStatistics {
  itemCount?: number;
  features: Map<string, FeatureStatistics>;
  /** Model quality: metric name to the value the run measured (`auc` 0.62). */
  metrics: Map<string, number>;
  /** Features or metrics that fit no shape. */
  skippedCount: number;
}

export interface FeatureConstraint {
  name: string;
  inferredType?: string;
  /** Expected completeness, 0..1. */
  completeness?: number;
  isNonNegative?: boolean;
}

export interface MetricThreshold {
  threshold: number;
  /** `LessThanThreshold`, `GreaterThanThreshold`, ... as written. */
  comparisonOperator?: string;
}

export interface BiasBaseline {
  stage: "pre-training" | "post-training";
  facet: string;
  facetValue?: string;
  metric: string;
  value: number;
}

export interface BaselineConstraints {
  features: Map<string, FeatureConstraint>;
  /** `distribution_constraints.comparison_threshold`: the drift distance numeric features may reach. */
  driftThreshold?: number;
  /** `distribution_constraints.categorical_comparison_threshold`, for string features. */
  categoricalDriftThreshold?: number;
  /** Model quality: metric name to its threshold. */
  metricThresholds: Map<string, MetricThreshold>;
  /** Clarify bias: each facet's baseline metric values. */
  biasMetrics: BiasBaseline[];
  /** Clarify explainability: label to feature to global SHAP value. */
  attributions: Map<string, Map<string, number>>;
  skippedCount: number;
}

// ---------------------------------------------------------------------------------------------
// Lenient values

/** A finite number, or numeric text ("0.5"); "NaN", which Model Monitor writes as text, is not one. */
const requiredNumber = z.union([z.number(), z.string().regex(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/).transform(Number)]).pipe(z.number());
/** The same, where a value that is not a number is simply absent. */
const looseNumber = requiredNumber.optional().catch(undefined);
const name = z.string().refine((text) => text.trim() !== "");
const optionalText = z.string().optional().catch(undefined);
/** A value Clarify writes as text or a number ("40", 40). */
const looseText = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const lenient = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

// ---------------------------------------------------------------------------------------------
// statistics.json

const Counts = lenient(z.object({ num_present: looseNumber, num_missing: looseNumber }));
const Bucket = z.object({ lower_bound: requiredNumber, upper_bound: requiredNumber, count: requiredNumber });
const NumericalStatistics = z.object({
  common: Counts,
  mean: looseNumber,
  distribution: lenient(z.object({ kll: z.object({ buckets: z.array(z.unknown()) }) })),
});
const StringStatistics = z.object({ common: Counts, distinct_count: looseNumber });
const StatisticsFeature = z.object({
  name,
  inferred_type: optionalText,
  numerical_statistics: lenient(NumericalStatistics),
  string_statistics: lenient(StringStatistics),
});
const StatisticsFile = z.object({ dataset: lenient(z.object({ item_count: looseNumber })), features: lenient(z.array(z.unknown())) });
const MetricValue = z.object({ value: requiredNumber });

/** Per-feature (data quality) or per-metric (model quality) statistics of one run, or why the file is none. */
export function parseStatistics(text: string): Result<RunStatistics> {
  const fix = "Check that the path is the run's or the baseline's `statistics.json`.";
  const read = readReportFile(text, "statistics.json", StatisticsFile, notAnObject("a statistics file"), fix);
  if (!read.ok) return read;
  const { json, top } = read.value;

  const statistics: RunStatistics = { ...optional("itemCount", top.dataset?.item_count), features: new Map(), metrics: new Map(), skippedCount: 0 };
  readNamedEntries(top.features ?? [], featureStatisticsOf, statistics);
  readMetricValues(json, statistics);
  if (top.features === undefined && statistics.metrics.size === 0) return fail({ what: "`statistics.json` has no `features` list and no metrics, so it is not Model Monitor statistics.", fix });
  return ok(statistics);
}

function notAnObject(what: string): (json: unknown) => string {
  return (json) => `not ${what}: it holds ${jsonKind(json)}, not an object`;
}

/**
 * Named entries (features) into a map, each that does not fit skipped and counted; past
 * `VIOLATION_ENTRY_LIMIT` entries are counted as skipped unread, as a violations report's are.
 */
function readNamedEntries<T extends { name: string }>(entries: readonly unknown[], read: (entry: unknown) => T | undefined, into: { features: Map<string, T>; skippedCount: number }): void {
  into.skippedCount += Math.max(0, entries.length - VIOLATION_ENTRY_LIMIT);
  for (const entry of entries.slice(0, VIOLATION_ENTRY_LIMIT)) {
    const named = read(entry);
    if (named) into.features.set(named.name, named);
    else into.skippedCount += 1;
  }
}

function featureStatisticsOf(entry: unknown): FeatureStatistics | undefined {
  const parsed = StatisticsFeature.safeParse(entry);
  if (!parsed.success) return undefined;
  const { numerical_statistics: numerical, string_statistics: strings } = parsed.data;
  // A feature with neither block carries no statistics: it fits no shape of the file.
  if (numerical === undefined && strings === undefined) return undefined;
  const counts = numerical?.common ?? strings?.common;
  const distribution = numerical?.distribution ? distributionOf(parsed.data.name, numerical.distribution.kll.buckets) : undefined;
  return {
    name: parsed.data.name,
    ...optional("inferredType", parsed.data.inferred_type),
    ...optional("completeness", completenessOf(counts?.num_present, counts?.num_missing)),
    ...optional("mean", numerical?.mean),
    ...optional("distinctCount", strings?.distinct_count),
    ...optional("distribution", distribution),
  };
}

function completenessOf(present: number | undefined, missing: number | undefined): number | undefined {
  if (present === undefined || present < 0) return undefined;
  const total = present + Math.max(0, missing ?? 0);
  return total > 0 ? present / total : undefined;
}

/** The histogram only when every bucket reads: a histogram with a bucket left out would mislead. */
function distributionOf(feature: string, entries: readonly unknown[]): Distribution | undefined {
  const buckets: Distribution["buckets"] = [];
  for (const entry of entries) {
    const bucket = Bucket.safeParse(entry);
    if (!bucket.success) return undefined;
    buckets.push({ lowerBound: bucket.data.lower_bound, upperBound: bucket.data.upper_bound, count: bucket.data.count });
  }
  return buckets.length === 0 ? undefined : { feature, buckets };
}

/** Model quality's `<problem>_metrics` sections; Clarify's bias sections end alike but hold facets, and are skipped by shape. */
function readMetricValues(json: unknown, into: RunStatistics): void {
  for (const section of sectionsEndingIn(json, "_metrics")) {
    if (Object.hasOwn(section, "facets")) continue;
    for (const [metric, entry] of Object.entries(section)) {
      // Confusion matrices and curves sit beside the metrics without a `value`: not metrics, not skipped.
      if (!isRecord(entry) || !Object.hasOwn(entry, "value")) continue;
      const value = MetricValue.safeParse(entry);
      if (value.success) into.metrics.set(metric, value.data.value);
      else into.skippedCount += 1;
    }
  }
}

function sectionsEndingIn(json: unknown, suffix: string): Record<string, unknown>[] {
  if (!isRecord(json)) return [];
  return Object.entries(json).flatMap(([key, value]) => (key.endsWith(suffix) && isRecord(value) ? [value] : []));
}

// ---------------------------------------------------------------------------------------------
// constraints.json

const ConstraintFeature = z.object({
  name,
  inferred_type: optionalText,
  // Strict where statistics are lenient: a threshold that does not read (text, a percentage) would
  // silently judge the run against nothing, so the feature is skipped and counted instead.
  completeness: requiredNumber.pipe(z.number().min(0).max(1)).optional(),
  num_constraints: lenient(z.object({ is_non_negative: z.boolean().optional().catch(undefined) })),
});
const MonitoringConfig = z.object({
  distribution_constraints: lenient(z.object({ comparison_threshold: looseNumber, categorical_comparison_threshold: looseNumber })),
});
const ConstraintsFile = z.object({ features: lenient(z.array(z.unknown())), monitoring_config: lenient(MonitoringConfig) });
const Threshold = z.object({ threshold: requiredNumber, comparison_operator: optionalText });
const FacetGroup = z.object({ value_or_threshold: looseText, metrics: z.array(z.unknown()) });
const BiasMetric = z.object({ name, value: requiredNumber });

const BIAS_STAGES = [
  { key: "pre_training_bias_metrics", stage: "pre-training" },
  { key: "post_training_bias_metrics", stage: "post-training" },
] as const;

/** A monitor's baseline constraints, whichever of the four monitor types wrote them, or why the file is none. */
export function parseConstraints(text: string): Result<BaselineConstraints> {
  const fix = "Check that the path is the monitor's baseline `constraints.json`.";
  const read = readReportFile(text, "constraints.json", ConstraintsFile, notAnObject("a constraints file"), fix);
  if (!read.ok) return read;
  const { top } = read.value;
  // The schema took an object, so this is the same JSON, typed for reading its sections by name.
  const json = isRecord(read.value.json) ? read.value.json : {};

  const distribution = top.monitoring_config?.distribution_constraints;
  const constraints: BaselineConstraints = {
    features: new Map(),
    ...optional("driftThreshold", distribution?.comparison_threshold),
    ...optional("categoricalDriftThreshold", distribution?.categorical_comparison_threshold),
    metricThresholds: new Map(),
    biasMetrics: [],
    attributions: new Map(),
    skippedCount: 0,
  };
  readNamedEntries(top.features ?? [], featureConstraintOf, constraints);
  readMetricThresholds(json, constraints);
  readBiasMetrics(json, constraints);
  readAttributions(json["explanations"], constraints);
  if (!holdsConstraints(json)) return fail({ what: "`constraints.json` holds no features, thresholds, bias metrics or explanations, so it is not a Model Monitor constraints file.", fix });
  return ok(constraints);
}

/** Whether the file has any section a constraints file of the four monitor types has, read or not. */
function holdsConstraints(json: Record<string, unknown>): boolean {
  const sections = ["features", "monitoring_config", "explanations", ...BIAS_STAGES.map((s) => s.key)];
  return sections.some((key) => Object.hasOwn(json, key)) || sectionsEndingIn(json, "_constraints").length > 0;
}

function featureConstraintOf(entry: unknown): FeatureConstraint | undefined {
  const parsed = ConstraintFeature.safeParse(entry);
  if (!parsed.success) return undefined;
  return {
    name: parsed.data.name,
    ...optional("inferredType", parsed.data.inferred_type),
    ...optional("completeness", parsed.data.completeness),
    ...optional("isNonNegative", parsed.data.num_constraints?.is_non_negative),
  };
}

function readMetricThresholds(json: Record<string, unknown>, into: BaselineConstraints): void {
  for (const section of sectionsEndingIn(json, "_constraints")) {
    for (const [metric, entry] of Object.entries(section)) {
      const parsed = Threshold.safeParse(entry);
      if (parsed.success) into.metricThresholds.set(metric, { threshold: parsed.data.threshold, ...optional("comparisonOperator", parsed.data.comparison_operator) });
      else into.skippedCount += 1;
    }
  }
}

function readBiasMetrics(json: Record<string, unknown>, into: BaselineConstraints): void {
  for (const { key, stage } of BIAS_STAGES) {
    const section = json[key];
    const facets = isRecord(section) ? section["facets"] : undefined;
    if (!isRecord(facets)) continue;
    for (const [facet, groups] of Object.entries(facets)) {
      for (const group of Array.isArray(groups) ? groups : [groups]) readFacetGroup(stage, facet, group, into);
    }
  }
}

function readFacetGroup(stage: BiasBaseline["stage"], facet: string, group: unknown, into: BaselineConstraints): void {
  const parsed = FacetGroup.safeParse(group);
  if (!parsed.success) {
    into.skippedCount += 1;
    return;
  }
  for (const entry of parsed.data.metrics) {
    const metric = BiasMetric.safeParse(entry);
    if (!metric.success) {
      into.skippedCount += 1;
      continue;
    }
    into.biasMetrics.push({ stage, facet, ...optional("facetValue", parsed.data.value_or_threshold), metric: metric.data.name, value: metric.data.value });
  }
}

/** Every method's labels (`kernel_shap.label0`): one label, one set of global SHAP values. */
function readAttributions(explanations: unknown, into: BaselineConstraints): void {
  if (!isRecord(explanations)) return;
  for (const method of Object.values(explanations)) {
    if (!isRecord(method)) continue;
    for (const [label, explanation] of Object.entries(method)) {
      const values = isRecord(explanation) ? explanation["global_shap_values"] : undefined;
      if (!isRecord(values)) {
        into.skippedCount += 1;
        continue;
      }
      const features = new Map<string, number>();
      for (const [feature, value] of Object.entries(values)) if (typeof value === "number" && Number.isFinite(value)) features.set(feature, value);
      into.attributions.set(label, features);
    }
  }
}
