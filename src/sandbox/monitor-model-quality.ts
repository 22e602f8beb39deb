/**
 * Model quality reports, as Model Monitor's model quality analyzer writes them: statistics.json
 * with `binary_classification_metrics` (or `regression_metrics`) as `{ value, standard_deviation }`,
 * the baseline's constraints.json with `<problem>_constraints.<metric>.{ threshold,
 * comparison_operator }`, and constraint_violations.json entries `{ metric_name,
 * constraint_check_type, description }` with the operator as the check type ("Metric auc with 0.62
 * was LessThanThreshold 0.75"). Classification metrics are worked out from one confusion matrix per
 * run, so they agree with each other; a degraded run's model finds fewer churners.
 */
import { round, unitHash } from "./random.js";
import { reportJson } from "./report-json.js";

type Operator = "LessThanThreshold" | "GreaterThanThreshold";

export interface ModelQualityViolation {
  metric_name: string;
  constraint_check_type: Operator;
  description: string;
}

/** The schedule's `problem_type` (its Environment), as the model quality container reads it. */
export type ProblemType = "BinaryClassification" | "Regression";

export function problemTypeOf(environment: Readonly<Record<string, string>> | undefined): ProblemType {
  return environment?.["problem_type"] === "Regression" ? "Regression" : "BinaryClassification";
}

interface Problem {
  metricsKey: string;
  constraintsKey: string;
  thresholds: Readonly<Record<string, { threshold: number; operator: Operator }>>;
}

const PROBLEMS: Readonly<Record<ProblemType, Problem>> = {
  BinaryClassification: {
    metricsKey: "binary_classification_metrics",
    constraintsKey: "binary_classification_constraints",
    thresholds: {
      recall: { threshold: 0.6, operator: "LessThanThreshold" },
      precision: { threshold: 0.6, operator: "LessThanThreshold" },
      accuracy: { threshold: 0.8, operator: "LessThanThreshold" },
      f1: { threshold: 0.6, operator: "LessThanThreshold" },
      auc: { threshold: 0.75, operator: "LessThanThreshold" },
    },
  },
  Regression: {
    metricsKey: "regression_metrics",
    constraintsKey: "regression_constraints",
    thresholds: {
      mae: { threshold: 3.5, operator: "GreaterThanThreshold" },
      rmse: { threshold: 4.5, operator: "GreaterThanThreshold" },
      r2: { threshold: 0.6, operator: "LessThanThreshold" },
    },
  },
};

/** How well the model did on one set of labelled records. */
interface Quality {
  items: number;
  /** Classification: recall, precision and AUC the counts are drawn to; regression: the error scale and r2. */
  recall: number;
  precision: number;
  auc: number;
  mae: number;
  r2: number;
}

const BASELINE_QUALITY: Quality = { items: 2000, recall: 0.7, precision: 0.74, auc: 0.86, mae: 2.6, r2: 0.78 };
/** Share of customers who churn, in the baseline and in live traffic alike. */
const POSITIVE_SHARE = 0.2;

function metric(value: number, seed: string): { value: number; standard_deviation: number } {
  return { value: round(value, 4), standard_deviation: round(0.002 + 0.006 * unitHash(seed), 4) };
}

const safe = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** The counts of a binary classifier with this recall and precision on `items` records (a fifth of them churners), and the rates they give. */
export function confusionOf(quality: Pick<Quality, "items" | "recall" | "precision">) {
  const positives = Math.round(quality.items * POSITIVE_SHARE);
  const negatives = quality.items - positives;
  const tp = Math.round(quality.recall * positives);
  const fn = positives - tp;
  const fp = Math.min(negatives, Math.round(tp / quality.precision - tp));
  const tn = negatives - fp;
  const recall = safe(tp, tp + fn);
  const precision = safe(tp, tp + fp);
  return {
    matrix: { "0": { "0": tn, "1": fp }, "1": { "0": fn, "1": tp } },
    tp,
    fn,
    fp,
    tn,
    recall,
    precision,
    accuracy: safe(tp + tn, quality.items),
    fBeta: (beta: number): number => safe((1 + beta * beta) * precision * recall, beta * beta * precision + recall),
  };
}

function classificationMetrics(quality: Quality, seed: string): Record<string, unknown> {
  const { matrix, tp, fn, fp, tn, recall, precision, accuracy, fBeta } = confusionOf(quality);
  const named = (name: string, value: number) => [name, metric(value, `${seed}|${name}`)] as const;
  return {
    confusion_matrix: matrix,
    ...Object.fromEntries([
      named("recall", recall),
      named("precision", precision),
      named("accuracy", accuracy),
      named("recall_best_constant_classifier", 1),
      named("precision_best_constant_classifier", POSITIVE_SHARE),
      named("accuracy_best_constant_classifier", 1 - POSITIVE_SHARE),
      named("true_positive_rate", recall),
      named("true_negative_rate", safe(tn, tn + fp)),
      named("false_positive_rate", safe(fp, tn + fp)),
      named("false_negative_rate", safe(fn, tp + fn)),
      named("auc", quality.auc),
      named("f0_5", fBeta(0.5)),
      named("f1", fBeta(1)),
      named("f2", fBeta(2)),
    ]),
  };
}

function regressionMetrics(quality: Quality, seed: string): Record<string, unknown> {
  // Errors of a roughly normal spread: rmse about 1.25 times mae.
  const rmse = quality.mae * 1.25;
  return { mae: metric(quality.mae, `${seed}|mae`), mse: metric(rmse * rmse, `${seed}|mse`), rmse: metric(rmse, `${seed}|rmse`), r2: metric(quality.r2, `${seed}|r2`) };
}

function metricsOf(problem: ProblemType, quality: Quality, seed: string): Record<string, unknown> {
  return problem === "Regression" ? regressionMetrics(quality, seed) : classificationMetrics(quality, seed);
}

function statisticsJson(problem: ProblemType, quality: Quality, seed: string, evaluatedAt: number): string {
  return reportJson({ version: 0.0, dataset: { item_count: quality.items, evaluation_time: new Date(evaluatedAt).toISOString() }, [PROBLEMS[problem].metricsKey]: metricsOf(problem, quality, seed) });
}

/** The baseline's statistics.json: the model on its validation set. */
export function modelQualityBaselineStatistics(problem: ProblemType, evaluatedAt: number): string {
  return statisticsJson(problem, BASELINE_QUALITY, "baseline", evaluatedAt);
}

/** The baseline's constraints.json: each metric's threshold and comparison. */
export function modelQualityConstraints(problem: ProblemType): string {
  const thresholds = Object.entries(PROBLEMS[problem].thresholds).map(([name, t]) => [name, { threshold: t.threshold, comparison_operator: t.operator }]);
  return reportJson({ version: 0.0, [PROBLEMS[problem].constraintsKey]: Object.fromEntries(thresholds) });
}

function breaks(value: number, threshold: number, operator: Operator): boolean {
  return operator === "LessThanThreshold" ? value < threshold : value > threshold;
}

/** One run's statistics.json and its violations: stable for a given seed. */
export function modelQualityRun(seed: string, degraded: boolean, problem: ProblemType, evaluatedAt: number): { statistics: string; violations: ModelQualityViolation[] } {
  const draw = (name: string): number => unitHash(`${seed}|${name}`);
  const quality: Quality = degraded
    ? { items: 200 + Math.floor(200 * draw("items")), recall: 0.42 + 0.12 * draw("recall"), precision: 0.5 + 0.08 * draw("precision"), auc: 0.62 + 0.08 * draw("auc"), mae: 3.8 + 1.2 * draw("mae"), r2: 0.35 + 0.2 * draw("r2") }
    : { items: 200 + Math.floor(200 * draw("items")), recall: 0.66 + 0.08 * draw("recall"), precision: 0.7 + 0.08 * draw("precision"), auc: 0.83 + 0.05 * draw("auc"), mae: 2.4 + 0.6 * draw("mae"), r2: 0.72 + 0.1 * draw("r2") };
  const statistics = statisticsJson(problem, quality, seed, evaluatedAt);
  const metrics = metricsOf(problem, quality, seed);
  const violations: ModelQualityViolation[] = [];
  for (const [name, { threshold, operator }] of Object.entries(PROBLEMS[problem].thresholds)) {
    const entry = metrics[name];
    const value = typeof entry === "object" && entry !== null && "value" in entry && typeof entry.value === "number" ? entry.value : undefined;
    if (value !== undefined && breaks(value, threshold, operator)) violations.push({ metric_name: name, constraint_check_type: operator, description: `Metric ${name} with ${value} was ${operator} ${threshold}` });
  }
  return { statistics, violations };
}
