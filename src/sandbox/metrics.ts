/** Simulated but stable training metrics: the same job name and hyperparameters give the same numbers. */
import { round, unitHash } from "./random.js";

/** Metrics where higher is better get values in a plausible high band; losses and errors a low one. */
function higherIsBetter(metricName: string): boolean {
  return /auc|accuracy|acc\b|f1|precision|recall|r2|ndcg|map\b/i.test(metricName);
}

function simulatedMetric(metricName: string, seed: string): number {
  const u = unitHash(`${metricName}|${seed}`);
  return higherIsBetter(metricName) ? round(0.82 + 0.11 * u) : round(0.08 + 0.3 * u);
}

/** The metrics the built-in XGBoost reports, plus any objective metric a tuning job asked for. */
export function finalMetrics(seed: string, extraMetricNames: readonly string[]): { MetricName: string; Value: number }[] {
  const names = ["train:logloss", "validation:logloss", "validation:auc", ...extraMetricNames.filter((n) => !["train:logloss", "validation:logloss", "validation:auc"].includes(n))];
  return names.map((name) => ({ MetricName: name, Value: simulatedMetric(name, seed) }));
}
