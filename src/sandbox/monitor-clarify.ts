/**
 * SageMaker Clarify's reports, for the bias and explainability monitors (and ClarifyCheck steps):
 * analysis.json (the baseline's, and each run's) and constraint_violations.json entries, in the
 * shapes the developer guide documents:
 * - bias: `pre_training_bias_metrics` / `post_training_bias_metrics` with
 *   `facets.<facet>[].{ value_or_threshold, metrics[].{ name, description, value } }`; violations
 *   `{ facet, facet_value, metric_name, constraint_check_type: "bias_drift_check", description }`;
 * - explainability: `explanations.kernel_shap.<label>.{ global_shap_values, expected_value }`;
 *   violations `{ label, metric_name: "shap", constraint_check_type: "feature_attribution_drift_check",
 *   description }`, the drift being the nDCG score of the run's feature ranking against the baseline's.
 */
import { round, unitHash } from "./random.js";
import { reportJson } from "./report-json.js";

export interface BiasViolation {
  facet: string;
  facet_value: string;
  metric_name: string;
  constraint_check_type: "bias_drift_check";
  description: string;
}

export interface ExplainabilityViolation {
  label: string;
  metric_name: string;
  constraint_check_type: "feature_attribution_drift_check";
  description: string;
}

/** Pre-training metrics describe the data (a DATA_BIAS check); post-training ones the model's predictions (the bias monitor). */
export type BiasStage = "pre-training" | "post-training";

const LABEL = { name: "churned", value: "1" } as const;
const FACET = { name: "contract_type", value: "month-to-month" } as const;

interface BiasMetric {
  name: string;
  description: string;
  baseline: number;
  /** What a drifted run measures instead, at the low and high ends. */
  drifted: readonly [number, number];
  /** How far from the baseline a run may move before the check fails. */
  tolerance: number;
}

const BIAS_METRICS: Readonly<Record<BiasStage, readonly BiasMetric[]>> = {
  "pre-training": [
    { name: "CI", description: "Class Imbalance (CI)", baseline: -0.1, drifted: [-0.32, -0.24], tolerance: 0.1 },
    { name: "DPL", description: "Difference in Proportions in Labels (DPL)", baseline: 0.05, drifted: [0.17, 0.26], tolerance: 0.1 },
    { name: "KL", description: "Kullback-Leibler Divergence (KL)", baseline: 0.01, drifted: [0.02, 0.04], tolerance: 0.05 },
  ],
  "post-training": [
    { name: "DPPL", description: "Difference in Positive Proportions in Predicted Labels (DPPL)", baseline: 0.04, drifted: [0.17, 0.28], tolerance: 0.1 },
    { name: "DI", description: "Disparate Impact (DI)", baseline: 0.93, drifted: [0.62, 0.76], tolerance: 0.15 },
    { name: "DCAcc", description: "Difference in Conditional Acceptance (DCAcc)", baseline: -0.02, drifted: [-0.06, -0.01], tolerance: 0.1 },
    { name: "RD", description: "Recall Difference (RD)", baseline: 0.03, drifted: [0.05, 0.09], tolerance: 0.1 },
  ],
};

const STAGE_KEYS: Readonly<Record<BiasStage, string>> = { "pre-training": "pre_training_bias_metrics", "post-training": "post_training_bias_metrics" };

function biasAnalysis(stage: BiasStage, values: ReadonlyMap<string, number>): string {
  const metrics = BIAS_METRICS[stage].map((m) => ({ name: m.name, description: m.description, value: values.get(m.name) ?? m.baseline }));
  return reportJson({
    version: "1.0",
    [STAGE_KEYS[stage]]: { label: LABEL.name, label_value_or_threshold: LABEL.value, facets: { [FACET.name]: [{ value_or_threshold: FACET.value, metrics }] } },
  });
}

/** The baseline's analysis.json, which the bias monitor takes as its constraints. */
export function biasBaseline(stage: BiasStage): string {
  return biasAnalysis(stage, new Map());
}

/** One run's analysis.json and its violations: stable for a given seed. */
export function biasRun(seed: string, drifted: boolean, stage: BiasStage): { analysis: string; violations: BiasViolation[] } {
  const values = new Map<string, number>();
  const violations: BiasViolation[] = [];
  for (const metric of BIAS_METRICS[stage]) {
    const draw = unitHash(`${seed}|${metric.name}`);
    const [low, high] = metric.drifted;
    const value = round(drifted ? low + (high - low) * draw : metric.baseline + metric.tolerance * 0.4 * (draw - 0.5), 4);
    values.set(metric.name, value);
    if (Math.abs(value - metric.baseline) > metric.tolerance)
      violations.push({ facet: FACET.name, facet_value: FACET.value, metric_name: metric.name, constraint_check_type: "bias_drift_check", description: `Value ${value} does not meet the constraint requirement` });
  }
  return { analysis: biasAnalysis(stage, values), violations };
}

const SHAP_LABEL = "label0";
/** Global SHAP values of the baseline, by feature: tenure matters most, then charges and support calls. */
const BASELINE_ATTRIBUTIONS: readonly (readonly [string, number])[] = [
  ["tenure_months", 0.21],
  ["monthly_charges", 0.14],
  ["support_calls", 0.11],
  ["contract_type", 0.09],
  ["total_charges", 0.06],
];
/** Clarify's default: a run's nDCG below this fails the feature attribution drift check. */
export const ATTRIBUTION_THRESHOLD = 0.9;

function explainabilityAnalysis(attributions: ReadonlyMap<string, number>, expectedValue: number): string {
  return reportJson({ version: "1.0", explanations: { kernel_shap: { [SHAP_LABEL]: { global_shap_values: Object.fromEntries(attributions), expected_value: expectedValue } } } });
}

/** The baseline's analysis.json, which the explainability monitor takes as its constraints. */
export function explainabilityBaseline(): string {
  return explainabilityAnalysis(new Map(BASELINE_ATTRIBUTIONS), 0.27);
}

/**
 * nDCG of the run's ranking of features, each scored by its baseline attribution: 1 when the order
 * is unchanged, lower the more the important features moved down.
 */
function ndcg(current: ReadonlyMap<string, number>): number {
  const baseline = new Map(BASELINE_ATTRIBUTIONS);
  const gain = (ranked: readonly string[]): number => ranked.reduce((sum, feature, i) => sum + (baseline.get(feature) ?? 0) / Math.log2(i + 2), 0);
  const ideal = gain(BASELINE_ATTRIBUTIONS.map(([feature]) => feature));
  const ranked = [...current.entries()].sort((a, b) => b[1] - a[1]).map(([feature]) => feature);
  return ideal > 0 ? gain(ranked) / ideal : 1;
}

/** One run's analysis.json and its violations: a drifted run's model leans on monthly_charges instead of tenure. */
export function explainabilityRun(seed: string, drifted: boolean): { analysis: string; violations: ExplainabilityViolation[] } {
  const attributions = new Map(
    BASELINE_ATTRIBUTIONS.map(([feature, value]) => {
      const jitter = 1 + 0.1 * (unitHash(`${seed}|${feature}`) - 0.5);
      const moved = !drifted ? 1 : feature === "monthly_charges" ? 1.7 : feature === "tenure_months" ? 0.25 : feature === "support_calls" ? 0.5 : 1;
      return [feature, round(value * jitter * moved, 4)] as const;
    }),
  );
  const score = round(ndcg(attributions), 4);
  const violations: ExplainabilityViolation[] =
    score < ATTRIBUTION_THRESHOLD ? [{ label: SHAP_LABEL, metric_name: "shap", constraint_check_type: "feature_attribution_drift_check", description: `Feature attribution drift ${score} exceeds threshold ${ATTRIBUTION_THRESHOLD}` }] : [];
  return { analysis: explainabilityAnalysis(attributions, round(0.27 + 0.04 * (unitHash(`${seed}|expected`) - 0.5), 4)), violations };
}
