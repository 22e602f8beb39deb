/**
 * A model's evaluation report, as a team's evaluate script writes it after training and registers
 * with the version (ModelMetrics.ModelQuality.Statistics): evaluation.json in SageMaker's model
 * quality metrics format, `binary_classification_metrics` with each metric as `{ value,
 * standard_deviation }` ("NaN" for a single evaluation, as SageMaker's examples write it), all
 * worked out from one confusion matrix so they agree. The evaluation set is the validation
 * channel, so the AUC is the training job's `validation:auc`.
 */
import { joinS3, parseS3Uri } from "./env.js";
import { confusionOf } from "./monitor-model-quality.js";
import type { ProcessingJob } from "./processing.js";
import { round, unitHash } from "./random.js";
import { reportJson } from "./report-json.js";
import type { ObjectStore } from "./s3.js";
import { finalMetricsOf, type TrainingJob, type TrainingJobs } from "./training.js";

export const EVALUATION_FILE = "evaluation.json";
/** Records in the held-out set the evaluation counts. */
const EVALUATED_ITEMS = 1000;

export interface Evaluation {
  auc: number;
  recall: number;
  precision: number;
  accuracy: number;
  f1: number;
  confusionMatrix: Record<string, Record<string, number>>;
}

/** An evaluation of a model with this AUC; its recall and precision lie a little below, stable for `seed`. */
export function evaluationFor(auc: number, seed: string): Evaluation {
  const within = (value: number): number => Math.min(0.99, Math.max(0.05, value));
  const counts = confusionOf({ items: EVALUATED_ITEMS, recall: within(auc - 0.1 - 0.25 * unitHash(`${seed}|recall`)), precision: within(auc - 0.08 - 0.12 * unitHash(`${seed}|precision`)) });
  return { auc: round(auc), recall: round(counts.recall), precision: round(counts.precision), accuracy: round(counts.accuracy), f1: round(counts.fBeta(1)), confusionMatrix: counts.matrix };
}

/** The evaluation of a training job's model (undefined when the job reports no validation AUC). */
export function evaluationOfJob(job: TrainingJob): Evaluation | undefined {
  const auc = finalMetricsOf(job).find((m) => m.MetricName === "validation:auc")?.Value;
  return auc === undefined ? undefined : evaluationFor(auc, `${job.name}|${JSON.stringify(job.request.HyperParameters ?? {})}`);
}

export function evaluationJson(evaluation: Evaluation): string {
  const metric = (value: number) => ({ value, standard_deviation: "NaN" });
  return reportJson({
    binary_classification_metrics: {
      confusion_matrix: evaluation.confusionMatrix,
      accuracy: metric(evaluation.accuracy),
      auc: metric(evaluation.auc),
      f1: metric(evaluation.f1),
      precision: metric(evaluation.precision),
      recall: metric(evaluation.recall),
    },
  });
}

/** Writes the report at `uri` (an s3:// URI of evaluation.json). */
export function putEvaluation(s3: ObjectStore, uri: string, evaluation: Evaluation, at: number): void {
  const where = parseS3Uri(uri);
  if (!where || where.key === "") throw new RangeError(`not an S3 object URI: ${uri}`);
  s3.put(where.bucket, where.key, evaluationJson(evaluation), { contentType: "application/json", at });
}

/**
 * What a finished processing job with an output named `evaluation` leaves there, as an evaluate
 * script would: evaluation.json for the model among its inputs (a training job's model.tar.gz).
 * Nothing when it has no such output, or evaluates no model the sandbox trained.
 */
export function simulateEvaluationScript(job: ProcessingJob, training: TrainingJobs, s3: ObjectStore, at: number): void {
  const output = job.outputs.find((o) => o.OutputName === "evaluation");
  if (!output) return;
  for (const input of job.inputs) {
    const model = training.byModelArtifacts(input.S3Input.S3Uri);
    const evaluation = model ? evaluationOfJob(model) : undefined;
    if (evaluation) {
      putEvaluation(s3, joinS3(output.S3Output.S3Uri, EVALUATION_FILE), evaluation, at);
      return;
    }
  }
}
