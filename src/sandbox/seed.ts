/**
 * The example company's history (docs/architecture.md, section 3), replayed through the sandbox's own
 * operations at past simulated times, so it is exactly as a client would have left it:
 * training data in `s3://sageops-demo/churn/`, two feature groups (seed-feature-store.ts), a
 * completed and a failed training job, model package group `churn-xgb` (version 1 registered by
 * alice with her evaluation report, approved by bob and serving on endpoint `churn-prod`; version 2
 * PendingManualApproval from the last `churn-retrain` pipeline run, whose QualityCheck and
 * ClarifyCheck steps were clean and whose Evaluate step wrote its report), and churn-prod's drift
 * watching (seed-monitoring.ts): one Model Monitor schedule of each type, the hourly data-quality
 * one's next execution finding drift, and the team's own drift job's reports in S3.
 */
import { DAY, HOUR, MINUTE } from "./env.js";
import { evaluationOfJob, putEvaluation } from "./evaluation.js";
import type { UserContext } from "./identity.js";
import { reportJson } from "./report-json.js";
import { inferenceSpecification, person, SEED, trainingJobRequest } from "./seed-constants.js";
import { seedFeatureStore } from "./seed-feature-store.js";
import { putBaselines, seedMonitoring } from "./seed-monitoring.js";
import { churnRetrainDefinition } from "./seed-pipeline.js";
import type { SandboxState } from "./state.js";

export { SEED } from "./seed-constants.js";

/** A few rows of the churn data (label first, no header, as the built-in XGBoost reads CSV). */
function churnCsv(rows: number, offset: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    const n = i + offset;
    const tenure = (n * 7) % 72;
    const monthly = 20 + ((n * 13) % 98) + 0.25 * (n % 4);
    const calls = n % 6;
    const churned = calls >= 4 || (tenure < 6 && monthly > 80) ? 1 : 0;
    lines.push([churned, tenure, monthly.toFixed(2), (tenure * monthly).toFixed(2), calls, n % 3].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** What the pipeline's ClarifyCheck step is told to analyse (Clarify's analysis configuration). */
const CLARIFY_ANALYSIS_CONFIG = {
  dataset_type: "text/csv",
  headers: ["churned", "tenure_months", "monthly_charges", "total_charges", "support_calls", "contract_type"],
  label: "churned",
  label_values_or_threshold: [1],
  facet: [{ name_or_index: "contract_type", value_or_threshold: ["month-to-month"] }],
  methods: { post_training_bias: { methods: "all" } },
  predictor: { model_name: SEED.model, instance_type: "ml.m5.xlarge", initial_instance_count: 1, accept_type: "text/csv" },
};

/** Replays the example history so that `startMs` is "now" and the drift story begins right after. */
export function seedExampleAccount(state: SandboxState, startMs: number): void {
  const call = (operation: string, input: unknown, at: number, caller?: UserContext): Record<string, unknown> => state.perform(operation, input, at, caller) as Record<string, unknown>;
  const dataTime = startMs - 30 * DAY;
  const alice = person(state.env, "alice");
  seedFeatureStore(state, startMs - 45 * DAY);

  const put = (key: string, body: string, contentType: string): void => void state.s3.put(SEED.bucket, key, body, { contentType, at: dataTime });
  state.s3.createBucket(SEED.bucket);
  put("churn/train/train.csv", churnCsv(40, 0), "text/csv");
  put("churn/validation/validation.csv", churnCsv(12, 1000), "text/csv");
  put("churn/batch/input/customers-2026-11.csv", churnCsv(10, 2000).replace(/^\d,/gm, ""), "text/csv");
  put("churn/clarify/analysis_config.json", reportJson(CLARIFY_ANALYSIS_CONFIG), "application/json");
  putBaselines(state, dataTime);

  call("CreateModelPackageGroup", { ModelPackageGroupName: SEED.packageGroup, ModelPackageGroupDescription: "Customer churn classifier (built-in XGBoost)" }, dataTime, alice);
  call(
    "CreatePipeline",
    { PipelineName: SEED.pipeline, PipelineDisplayName: SEED.pipeline, PipelineDefinition: churnRetrainDefinition(), PipelineDescription: "Weekly churn model retraining", RoleArn: SEED.roleArn, ClientRequestToken: "seed-create-churn-retrain-pipeline-0001" },
    dataTime,
  );

  const trainedAt = startMs - 25 * DAY;
  const v1Job = String(call("CreateTrainingJob", trainingJobRequest(SEED.trainingJob, SEED.trainingData), trainedAt).TrainingJobArn);

  // alice evaluated the model on the validation set and registered it with her report.
  const registeredAt = startMs - 24 * DAY;
  const v1Evaluation = evaluationOfJob(state.training.require(SEED.trainingJob));
  if (v1Evaluation) putEvaluation(state.s3, SEED.v1Evaluation, v1Evaluation, registeredAt - HOUR);
  const modelData = `s3://sageops-demo/churn/models/${SEED.trainingJob}/output/model.tar.gz`;
  const v1 = call(
    "CreateModelPackage",
    {
      ModelPackageGroupName: SEED.packageGroup,
      ModelPackageDescription: `Trained by ${SEED.trainingJob}`,
      InferenceSpecification: inferenceSpecification(modelData),
      ModelApprovalStatus: "PendingManualApproval",
      ModelMetrics: { ModelQuality: { Statistics: { ContentType: "application/json", S3Uri: SEED.v1Evaluation } } },
      MetadataProperties: { GeneratedBy: v1Job },
      CustomerMetadataProperties: { "training-data": SEED.trainingData },
    },
    registeredAt,
    alice,
  );
  const v1Arn = String(v1.ModelPackageArn);
  call("UpdateModelPackage", { ModelPackageArn: v1Arn, ModelApprovalStatus: "Approved", ApprovalDescription: "Approved by U0APPROVER after offline evaluation" }, registeredAt + 2 * HOUR, person(state.env, "bob"));
  call("CreateTrainingJob", trainingJobRequest(SEED.failedTrainingJob, "s3://sageops-demo/churn/train-missing/"), registeredAt + 5 * HOUR);

  const deployedAt = startMs - 23 * DAY;
  call("CreateModel", { ModelName: SEED.model, Containers: [{ ModelPackageName: v1Arn }], ExecutionRoleArn: SEED.roleArn }, deployedAt);
  call(
    "CreateEndpointConfig",
    {
      EndpointConfigName: SEED.endpointConfig,
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: SEED.model, InstanceType: "ml.m5.large", InitialInstanceCount: 1, InitialVariantWeight: 1 }],
      DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 100, DestinationS3Uri: "s3://sageops-demo/churn/datacapture", CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }] },
    },
    deployedAt,
  );
  call("CreateEndpoint", { EndpointName: SEED.endpoint, EndpointConfigName: SEED.endpointConfig, Tags: [{ Key: "sageops:environment", Value: "prod" }] }, deployedAt + MINUTE);

  // The last weekly retrain registered version 2, which still awaits approval; its checks were
  // clean. Runs started once the story's drift begins (the top of this hour) find it in their checks.
  state.pipelines.findCheckDriftFrom(SEED.pipeline, Math.floor(startMs / HOUR) * HOUR);
  call("StartPipelineExecution", { PipelineName: SEED.pipeline, PipelineExecutionDisplayName: "weekly-retrain", ClientRequestToken: "seed-churn-retrain-execution-000000001" }, startMs - 3 * DAY);

  seedMonitoring(state, startMs);
}
