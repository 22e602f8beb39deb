/**
 * The `churn-retrain` pipeline's definition: Preprocess, CheckDataQuality (a QualityCheck of the
 * processed training data against the data-quality baseline), Train, Evaluate, CheckModelBias (a
 * ClarifyCheck of the new model's predictions against the bias baseline), RegisterModel (with the
 * Evaluate step's evaluation.json as its model quality metrics). The checks report violations
 * without failing the run (FailOnViolation false), as a team does while it watches drift before it
 * gates on it. The retrain grows shallower trees, more of them and more slowly than version 1 was trained with.
 */
import { inferenceSpecification, RETRAIN_HYPERPARAMETERS, SEED, trainingChannels } from "./seed-constants.js";

type Expression = { Get: string } | { "Std:Join": { On: string; Values: unknown[] } };

function processingInput(name: string, uri: unknown): unknown {
  return { InputName: name, S3Input: { S3Uri: uri, LocalPath: `/opt/ml/processing/input/${name}`, S3DataType: "S3Prefix", S3InputMode: "File" } };
}

function processingArguments(app: Record<string, unknown>, inputs: unknown[], outputs: { name: string; uri: unknown }[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ProcessingResources: { ClusterConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } },
    AppSpecification: app,
    RoleArn: SEED.roleArn,
    ProcessingInputs: inputs,
    ProcessingOutputConfig: { Outputs: outputs.map((o) => ({ OutputName: o.name, S3Output: { S3Uri: o.uri, LocalPath: `/opt/ml/processing/${o.name}`, S3UploadMode: "EndOfJob" } })) },
    ...extra,
  };
}

function scriptStep(name: string, script: string, inputs: unknown[], outputs: { name: string; uri: unknown }[]): Record<string, unknown> {
  return { Name: name, Type: "Processing", Arguments: processingArguments({ ImageUri: SEED.sklearnImage, ContainerEntrypoint: ["python3", `/opt/ml/processing/input/code/${script}`] }, inputs, outputs) };
}

/** `<root>/<execution id>/<parts>`: each execution writes its own folder. */
function perExecution(root: string, ...parts: unknown[]): Expression {
  return { "Std:Join": { On: "/", Values: [root, { Get: "Execution.PipelineExecutionId" }, ...parts] } };
}

const checkOutput = (check: string): Expression => perExecution("s3://sageops-demo/churn/checks", check);

export function churnRetrainDefinition(): string {
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
      scriptStep("Preprocess", "preprocess.py", [processingInput("raw", { Get: "Parameters.InputData" })], [
        { name: "train", uri: "s3://sageops-demo/churn/processed/train" },
        { name: "validation", uri: "s3://sageops-demo/churn/processed/validation" },
      ]),
      {
        Name: "CheckDataQuality",
        Type: "QualityCheck",
        DependsOn: ["Preprocess"],
        Arguments: processingArguments({ ImageUri: SEED.modelMonitorImage }, [processingInput("baseline_dataset_input", processedTrain)], [{ name: "quality_check_output", uri: checkOutput("data-quality") }], {
          Environment: { dataset_format: '{"csv": {"header": false, "output_columns_position": "START"}}', dataset_source: "/opt/ml/processing/input/baseline_dataset_input", output_path: "/opt/ml/processing/quality_check_output", publish_cloudwatch_metrics: "Disabled" },
        }),
        CheckType: "DATA_QUALITY",
        ModelPackageGroupName: SEED.packageGroup,
        SkipCheck: false,
        FailOnViolation: false,
        RegisterNewBaseline: false,
        SuppliedBaselineStatistics: SEED.baselines.DataQuality.statistics,
        SuppliedBaselineConstraints: SEED.baselines.DataQuality.constraints,
      },
      {
        Name: "Train",
        Type: "Training",
        DependsOn: ["CheckDataQuality"],
        Arguments: {
          AlgorithmSpecification: { TrainingImage: SEED.xgboostImage, TrainingInputMode: "File" },
          RoleArn: SEED.roleArn,
          OutputDataConfig: { S3OutputPath: "s3://sageops-demo/churn/models/" },
          ResourceConfig: { InstanceType: { Get: "Parameters.TrainingInstanceType" }, InstanceCount: 1, VolumeSizeInGB: 30 },
          StoppingCondition: { MaxRuntimeInSeconds: 3600 },
          HyperParameters: RETRAIN_HYPERPARAMETERS,
          InputDataConfig: trainingChannels(processedTrain, processedValidation),
        },
      },
      {
        ...scriptStep("Evaluate", "evaluate.py", [processingInput("model", { Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" }), processingInput("test", processedValidation)], [{ name: "evaluation", uri: perExecution("s3://sageops-demo/churn/evaluation") }]),
        DependsOn: ["Train"],
      },
      {
        Name: "CheckModelBias",
        Type: "ClarifyCheck",
        DependsOn: ["Evaluate"],
        Arguments: processingArguments(
          { ImageUri: SEED.clarifyImage },
          [processingInput("analysis_config", "s3://sageops-demo/churn/clarify/analysis_config.json"), processingInput("dataset", processedValidation)],
          [{ name: "analysis_result", uri: checkOutput("model-bias") }],
        ),
        CheckType: "MODEL_BIAS",
        ModelPackageGroupName: SEED.packageGroup,
        SkipCheck: false,
        FailOnViolation: false,
        RegisterNewBaseline: false,
        SuppliedBaselineConstraints: SEED.baselines.ModelBias.constraints,
      },
      {
        Name: "RegisterModel",
        Type: "RegisterModel",
        DependsOn: ["CheckModelBias"],
        Arguments: {
          ModelPackageGroupName: SEED.packageGroup,
          ModelApprovalStatus: { Get: "Parameters.ModelApprovalStatus" },
          ModelPackageDescription: "Registered by the churn-retrain pipeline",
          InferenceSpecification: inferenceSpecification({ Get: "Steps.Train.ModelArtifacts.S3ModelArtifacts" }),
          ModelMetrics: {
            ModelQuality: { Statistics: { ContentType: "application/json", S3Uri: { "Std:Join": { On: "/", Values: [{ Get: "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" }, "evaluation.json"] } } } },
          },
          CustomerMetadataProperties: { "training-data": { Get: "Parameters.InputData" } },
        },
      },
    ],
  });
}
