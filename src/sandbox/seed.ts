/**
 * The example company's history (docs/architecture.md, section 3), replayed through the sandbox's own
 * operations at past simulated times, so it is exactly as a client would have left it:
 * training data in `s3://sageops-demo/churn/`, a completed and a failed training job, model
 * package group `churn-xgb` (version 1 Approved and serving on endpoint `churn-prod`, version 2
 * PendingManualApproval from the last `churn-retrain` pipeline run), and an hourly data-quality
 * schedule on `churn-prod` whose next execution finds drift.
 */
import { DAY, HOUR, MINUTE, SANDBOX_ACCOUNT } from "./env.js";
import type { SandboxState } from "./state.js";

export const SEED = {
  bucket: "sageops-demo",
  roleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/SageOpsSageMakerRole`,
  xgboostImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
  sklearnImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
  modelMonitorImage: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
  packageGroup: "churn-xgb",
  trainingJob: "churn-xgb-20261101-0900",
  failedTrainingJob: "churn-xgb-20261102-1400",
  model: "churn-xgb-v1",
  endpointConfig: "churn-prod-config-v1",
  endpoint: "churn-prod",
  monitoringSchedule: "churn-prod-data-quality",
  monitoringOutput: "s3://sageops-demo/churn/monitoring/reports",
  pipeline: "churn-retrain",
} as const;

const HYPERPARAMETERS = { objective: "binary:logistic", eval_metric: "auc", num_round: "200", max_depth: "6", eta: "0.2", subsample: "0.8" };

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

function trainingChannels(train: unknown, validation: unknown): unknown[] {
  return [
    { ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: train, S3DataDistributionType: "FullyReplicated" } }, ContentType: "text/csv" },
    { ChannelName: "validation", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: validation, S3DataDistributionType: "FullyReplicated" } }, ContentType: "text/csv" },
  ];
}

function trainingJobRequest(name: string, trainUri: string): Record<string, unknown> {
  return {
    TrainingJobName: name,
    AlgorithmSpecification: { TrainingImage: SEED.xgboostImage, TrainingInputMode: "File" },
    RoleArn: SEED.roleArn,
    InputDataConfig: trainingChannels(trainUri, "s3://sageops-demo/churn/validation/"),
    OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/models/" },
    ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    HyperParameters: HYPERPARAMETERS,
    Tags: [{ Key: "sageops:recipe", Value: "churn-xgb" }],
  };
}

function inferenceSpecification(modelDataUrl: unknown): Record<string, unknown> {
  return {
    Containers: [{ Image: SEED.xgboostImage, ModelDataUrl: modelDataUrl }],
    SupportedContentTypes: ["text/csv"],
    SupportedResponseMIMETypes: ["text/csv"],
    SupportedRealtimeInferenceInstanceTypes: ["ml.m5.large", "ml.m5.xlarge"],
    SupportedTransformInstanceTypes: ["ml.m5.xlarge"],
  };
}

function processingStep(name: string, script: string, inputs: unknown[], outputs: { name: string; uri: string }[]): Record<string, unknown> {
  return {
    Name: name,
    Type: "Processing",
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } },
      AppSpecification: { ImageUri: SEED.sklearnImage, ContainerEntrypoint: ["python3", `/opt/ml/processing/input/code/${script}`] },
      RoleArn: SEED.roleArn,
      ProcessingInputs: inputs,
      ProcessingOutputConfig: { Outputs: outputs.map((o) => ({ OutputName: o.name, S3Output: { S3Uri: o.uri, LocalPath: `/opt/ml/processing/${o.name}`, S3UploadMode: "EndOfJob" } })) },
    },
  };
}

/** The `churn-retrain` pipeline: Preprocess, Train, Evaluate, RegisterModel. */
function churnRetrainDefinition(): string {
  const input = (name: string, uri: unknown): unknown => ({ InputName: name, S3Input: { S3Uri: uri, LocalPath: `/opt/ml/processing/input/${name}`, S3DataType: "S3Prefix", S3InputMode: "File" } });
  const processedTrain = { Get: "Steps.Preprocess.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri" };
  const processedValidation = { Get: "Steps.Preprocess.ProcessingOutputConfig.Outputs['validation'].S3Output.S3Uri" };
  return JSON.stringify({
    Version: "2020-12-01",
    Metadata: {},
    Parameters: [
      { Name: "InputData", Type: "String", DefaultValue: "s3://sageops-demo/churn/train/" },
      { Name: "TrainingInstanceType", Type: "String", DefaultValue: "ml.m5.xlarge" },
      { Name: "ModelApprovalStatus", Type: "String", DefaultValue: "PendingManualApproval" },
    ],
    Steps: [
      processingStep("Preprocess", "preprocess.py", [input("raw", { Get: "Parameters.InputData" })], [
        { name: "train", uri: "s3://sageops-demo/churn/processed/train" },
        { name: "validation", uri: "s3://sageops-demo/churn/processed/validation" },
      ]),
      {
        Name: "Train",
        Type: "Training",
        DependsOn: ["Preprocess"],
        Arguments: {
          AlgorithmSpecification: { TrainingImage: SEED.xgboostImage, TrainingInputMode: "File" },
          RoleArn: SEED.roleArn,
          OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/models/" },
          ResourceConfig: { InstanceType: { Get: "Parameters.TrainingInstanceType" }, InstanceCount: 1, VolumeSizeInGB: 30 },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          HyperParameters: HYPERPARAMETERS,
          InputDataConfig: trainingChannels(processedTrain, processedValidation),
        },
      },
      { ...processingStep("Evaluate", "evaluate.py", [input("model", { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" }), input("test", processedValidation)], [{ name: "evaluation", uri: "s3://sageops-demo/churn/evaluation" }]), DependsOn: ["Train"] },
      {
        Name: "RegisterModel",
        Type: "RegisterModel",
        DependsOn: ["Evaluate"],
        Arguments: {
          ModelPackageGroupName: SEED.packageGroup,
          ModelApprovalStatus: { Get: "Parameters.ModelApprovalStatus" },
          ModelPackageDescription: "Registered by the churn-retrain pipeline",
          InferenceSpecification: inferenceSpecification({ Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" }),
        },
      },
    ],
  });
}

function monitoringScheduleRequest(): Record<string, unknown> {
  return {
    MonitoringScheduleName: SEED.monitoringSchedule,
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: "cron(0 * ? * * *)" },
      MonitoringType: "DataQuality",
      MonitoringJobDefinition: {
        BaselineConfig: {
          ConstraintsResource: { S3Uri: "s3://sageops-demo/churn/monitoring/baseline/constraints.json" },
          StatisticsResource: { S3Uri: "s3://sageops-demo/churn/monitoring/baseline/statistics.json" },
        },
        MonitoringInputs: [{ EndpointInput: { EndpointName: SEED.endpoint, LocalPath: "/opt/ml/processing/input/endpoint", S3InputMode: "File", S3DataDistributionType: "FullyReplicated" } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: SEED.monitoringOutput, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }] },
        MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20 } },
        MonitoringAppSpecification: { ImageUri: SEED.modelMonitorImage },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        RoleArn: SEED.roleArn,
      },
    },
  };
}

const BASELINE_CONSTRAINTS = {
  version: 0.0,
  features: [
    { name: "tenure_months", inferred_type: "Integral", completeness: 1.0, num_constraints: { is_non_negative: true } },
    { name: "monthly_charges", inferred_type: "Fractional", completeness: 1.0, num_constraints: { is_non_negative: true } },
    { name: "total_charges", inferred_type: "Fractional", completeness: 1.0, num_constraints: { is_non_negative: true } },
    { name: "support_calls", inferred_type: "Integral", completeness: 1.0, num_constraints: { is_non_negative: true } },
    { name: "contract_type", inferred_type: "String", completeness: 1.0, string_constraints: { domains: ["month-to-month", "one-year", "two-year"] } },
  ],
  monitoring_config: { evaluate_constraints: "Enabled", emit_metrics: "Enabled", distribution_constraints: { perform_comparison: "Enabled", comparison_threshold: 0.1, comparison_method: "Robust" } },
};

/** Replays the example history so that `startMs` is "now" and the drift story begins right after. */
export function seedExampleAccount(state: SandboxState, startMs: number): void {
  const call = (operation: string, input: unknown, at: number): Record<string, unknown> => state.perform(operation, input, at) as Record<string, unknown>;
  const topOfHour = Math.floor(startMs / HOUR) * HOUR;
  const dataTime = startMs - 30 * DAY;

  const put = (key: string, body: string, contentType: string): void => void state.s3.put(SEED.bucket, key, body, { contentType, at: dataTime });
  state.s3.createBucket(SEED.bucket);
  put("churn/train/train.csv", churnCsv(40, 0), "text/csv");
  put("churn/validation/validation.csv", churnCsv(12, 1000), "text/csv");
  put("churn/batch/input/customers-2026-11.csv", churnCsv(10, 2000).replace(/^\d,/gm, ""), "text/csv");
  put("churn/monitoring/baseline/constraints.json", `${JSON.stringify(BASELINE_CONSTRAINTS, null, 2)}\n`, "application/json");
  put("churn/monitoring/baseline/statistics.json", `${JSON.stringify({ version: 0.0, dataset: { item_count: 5000 } }, null, 2)}\n`, "application/json");

  call("CreateModelPackageGroup", { ModelPackageGroupName: SEED.packageGroup, ModelPackageGroupDescription: "Customer churn classifier (built-in XGBoost)" }, dataTime);
  call(
    "CreatePipeline",
    { PipelineName: SEED.pipeline, PipelineDisplayName: SEED.pipeline, PipelineDefinition: churnRetrainDefinition(), PipelineDescription: "Weekly churn model retraining", RoleArn: SEED.roleArn, ClientRequestToken: "seed-create-churn-retrain-pipeline-0001" },
    dataTime,
  );

  const trainedAt = startMs - 25 * DAY;
  call("CreateTrainingJob", trainingJobRequest(SEED.trainingJob, "s3://sageops-demo/churn/train/"), trainedAt);

  const registeredAt = startMs - 24 * DAY;
  const modelData = `s3://sageops-demo/churn/models/${SEED.trainingJob}/output/model.tar.gz`;
  const v1 = call(
    "CreateModelPackage",
    { ModelPackageGroupName: SEED.packageGroup, ModelPackageDescription: `Trained by ${SEED.trainingJob}`, InferenceSpecification: inferenceSpecification(modelData), ModelApprovalStatus: "PendingManualApproval" },
    registeredAt,
  );
  const v1Arn = String(v1.ModelPackageArn);
  call("UpdateModelPackage", { ModelPackageArn: v1Arn, ModelApprovalStatus: "Approved", ApprovalDescription: "Approved by U0APPROVER after offline evaluation" }, registeredAt + 2 * HOUR);
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

  // The last weekly retrain registered version 2, which still awaits approval.
  call("StartPipelineExecution", { PipelineName: SEED.pipeline, PipelineExecutionDisplayName: "weekly-retrain", ClientRequestToken: "seed-churn-retrain-execution-000000001" }, startMs - 3 * DAY);

  // Created so that one hourly run is history and the next, at the top of this hour, finds drift.
  call("CreateMonitoringSchedule", monitoringScheduleRequest(), topOfHour - 90 * MINUTE);
  state.monitoring.findDriftFrom(SEED.monitoringSchedule, topOfHour);
}
