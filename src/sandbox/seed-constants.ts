/** The example company's names and the request parts its history and its pipeline share (seed.ts). */
import { SANDBOX_ACCOUNT } from "./env.js";
import { studioUser, type UserContext } from "./identity.js";

export const SEED = {
  bucket: "sageops-demo",
  roleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/SageOpsSageMakerRole`,
  xgboostImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
  sklearnImage: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
  modelMonitorImage: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer",
  clarifyImage: "205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0",
  packageGroup: "churn-xgb",
  trainingJob: "churn-xgb-20261101-0900",
  failedTrainingJob: "churn-xgb-20261102-1400",
  model: "churn-xgb-v1",
  endpointConfig: "churn-prod-config-v1",
  endpoint: "churn-prod",
  /** The drifting data-quality schedule (the story's first alert). */
  monitoringSchedule: "churn-prod-data-quality",
  /** One schedule of each monitor type on churn-prod. */
  monitoringSchedules: {
    DataQuality: "churn-prod-data-quality",
    ModelQuality: "churn-prod-model-quality",
    ModelBias: "churn-prod-model-bias",
    ModelExplainability: "churn-prod-model-explainability",
  },
  monitoringOutput: "s3://sageops-demo/churn/monitoring/reports",
  /** Each monitor type's baseline files (Clarify's analysis.json serves as its constraints). */
  baselines: {
    DataQuality: { constraints: "s3://sageops-demo/churn/monitoring/baseline/constraints.json", statistics: "s3://sageops-demo/churn/monitoring/baseline/statistics.json" },
    ModelQuality: { constraints: "s3://sageops-demo/churn/monitoring/model-quality/baseline/constraints.json", statistics: "s3://sageops-demo/churn/monitoring/model-quality/baseline/statistics.json" },
    ModelBias: { constraints: "s3://sageops-demo/churn/monitoring/model-bias/baseline/analysis.json" },
    ModelExplainability: { constraints: "s3://sageops-demo/churn/monitoring/model-explainability/baseline/analysis.json" },
  },
  /** Where the team's own drift job writes, one folder per run (policy.example.yml's reportPrefix). */
  driftReportPrefix: "s3://sageops-demo/churn/drift-reports/churn-prod/",
  pipeline: "churn-retrain",
  /** The team's SageMaker Studio domain, and who works in it (identity.ts): alice registers models, bob approves them. */
  studioDomain: "d-sageops0demo",
  people: {
    alice: { profile: "alice", role: "ml-engineer" },
    bob: { profile: "bob", role: "ml-approver" },
  },
  /** Version 1's evaluation report, alice's (the pipeline's runs write theirs under churn/evaluation/<execution id>/). */
  v1Evaluation: "s3://sageops-demo/churn/evaluation/churn-xgb-20261101-0900/evaluation.json",
  trainingData: "s3://sageops-demo/churn/train/",
  /** Feature Store: customers' profile (online and offline) and their recent activity (offline). */
  featureGroups: { profile: "customer-profile", activity: "customer-activity" },
  featureStoreUri: "s3://sageops-demo/feature-store/",
} as const;

/** Version 1's training job's. */
export const HYPERPARAMETERS = { objective: "binary:logistic", eval_metric: "auc", num_round: "200", max_depth: "6", eta: "0.2", subsample: "0.8" };
/** The churn-retrain pipeline's Train step's (version 2's). */
export const RETRAIN_HYPERPARAMETERS = { ...HYPERPARAMETERS, num_round: "300", max_depth: "5", eta: "0.05" };

export function trainingChannels(train: unknown, validation: unknown): unknown[] {
  return [
    { ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: train, S3DataDistributionType: "FullyReplicated" } }, ContentType: "text/csv" },
    { ChannelName: "validation", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: validation, S3DataDistributionType: "FullyReplicated" } }, ContentType: "text/csv" },
  ];
}

/** A CreateTrainingJob request of the churn-xgb recipe's, as version 1's job was started. */
export function trainingJobRequest(name: string, trainUri: string): Record<string, unknown> {
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

export function inferenceSpecification(modelDataUrl: unknown): Record<string, unknown> {
  return {
    Containers: [{ Image: SEED.xgboostImage, ModelDataUrl: modelDataUrl }],
    SupportedContentTypes: ["text/csv"],
    SupportedResponseMIMETypes: ["text/csv"],
    SupportedRealtimeInferenceInstanceTypes: ["ml.m5.large", "ml.m5.xlarge"],
    SupportedTransformInstanceTypes: ["ml.m5.xlarge"],
  };
}

/** One of the team, as SageMaker records them as a caller. */
export function person(where: { region: string; account: string }, who: keyof typeof SEED.people): UserContext {
  const { profile, role } = SEED.people[who];
  return studioUser(where, SEED.studioDomain, profile, role);
}
