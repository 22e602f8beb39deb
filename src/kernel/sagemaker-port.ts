/**
 * The SageMaker port: what the domain asks of SageMaker, in SageMaker's own request shapes
 * (a subset), so a plan can show the exact request it will send and the AWS adapter can pass
 * it through unchanged. Implemented by src/aws/sagemaker.ts; the domain imports no AWS SDK.
 */

export interface Tag {
  Key: string;
  Value: string;
}

export interface TrainingChannel {
  ChannelName: string;
  DataSource: { S3DataSource: { S3DataType: "S3Prefix"; S3Uri: string; S3DataDistributionType?: "FullyReplicated" | "ShardedByS3Key" } };
  ContentType?: string;
  InputMode?: "File" | "Pipe" | "FastFile";
}

/** What a training job runs on and with; shared by training jobs and a tuning job's trials. */
export interface TrainingSetup {
  AlgorithmSpecification: { TrainingImage: string; TrainingInputMode: "File" | "Pipe" | "FastFile" };
  RoleArn: string;
  InputDataConfig: TrainingChannel[];
  OutputDataConfig: { S3OutputPath: string };
  ResourceConfig: { InstanceType: string; InstanceCount: number; VolumeSizeInGB: number };
  StoppingCondition: { MaxRuntimeInSeconds: number };
}

export interface CreateTrainingJobRequest extends TrainingSetup {
  TrainingJobName: string;
  HyperParameters?: Record<string, string>;
  Tags?: Tag[];
}

export interface ParameterRanges {
  ContinuousParameterRanges?: { Name: string; MinValue: string; MaxValue: string; ScalingType?: "Auto" | "Linear" | "Logarithmic" | "ReverseLogarithmic" }[];
  IntegerParameterRanges?: { Name: string; MinValue: string; MaxValue: string; ScalingType?: "Auto" | "Linear" | "Logarithmic" | "ReverseLogarithmic" }[];
  CategoricalParameterRanges?: { Name: string; Values: string[] }[];
}

export interface CreateHyperParameterTuningJobRequest {
  HyperParameterTuningJobName: string;
  HyperParameterTuningJobConfig: {
    Strategy: "Bayesian" | "Random" | "Hyperband" | "Grid";
    HyperParameterTuningJobObjective: { Type: "Maximize" | "Minimize"; MetricName: string };
    ResourceLimits: { MaxNumberOfTrainingJobs: number; MaxParallelTrainingJobs: number };
    ParameterRanges: ParameterRanges;
  };
  TrainingJobDefinition: TrainingSetup & { StaticHyperParameters?: Record<string, string> };
  Tags?: Tag[];
}

export interface StopPipelineExecutionRequest {
  PipelineExecutionArn: string;
  /** At least 32 characters; SageMaker stops an execution once per token. */
  ClientRequestToken: string;
}

export interface StartPipelineExecutionRequest {
  PipelineName: string;
  PipelineExecutionDisplayName?: string;
  PipelineParameters?: { Name: string; Value: string }[];
  /** Idempotency: the same token never starts a second execution. */
  ClientRequestToken: string;
}

export interface CreateModelRequest {
  ModelName: string;
  ExecutionRoleArn: string;
  Containers: { ModelPackageName: string }[];
  Tags?: Tag[];
}

export interface CreateEndpointConfigRequest {
  EndpointConfigName: string;
  ProductionVariants: { VariantName: string; ModelName: string; InstanceType: string; InitialInstanceCount: number; InitialVariantWeight?: number }[];
  Tags?: Tag[];
}

export interface DeploymentConfig {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: "ALL_AT_ONCE" | "CANARY" | "LINEAR";
      WaitIntervalInSeconds: number;
      CanarySize?: { Type: "INSTANCE_COUNT" | "CAPACITY_PERCENT"; Value: number };
      LinearStepSize?: { Type: "INSTANCE_COUNT" | "CAPACITY_PERCENT"; Value: number };
    };
    TerminationWaitInSeconds?: number;
    MaximumExecutionTimeoutInSeconds?: number;
  };
  AutoRollbackConfiguration?: { Alarms: { AlarmName: string }[] };
}

export interface CreateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  Tags?: Tag[];
}

export interface UpdateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  DeploymentConfig?: DeploymentConfig;
}

export interface CreateTransformJobRequest {
  TransformJobName: string;
  ModelName: string;
  TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix"; S3Uri: string } }; ContentType?: string; SplitType?: "None" | "Line" | "RecordIO" | "TFRecord" };
  TransformOutput: { S3OutputPath: string };
  TransformResources: { InstanceType: string; InstanceCount: number };
  Tags?: Tag[];
}

export type TrainingJobStatus = "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped" | "Deleting";

export interface TrainingJobDescription {
  TrainingJobName: string;
  TrainingJobArn: string;
  TrainingJobStatus: TrainingJobStatus;
  SecondaryStatus?: string;
  SecondaryStatusTransitions?: { Status: string; StartTime?: Date; EndTime?: Date; StatusMessage?: string }[];
  FailureReason?: string;
  CreationTime?: Date;
  TrainingStartTime?: Date;
  TrainingEndTime?: Date;
  LastModifiedTime?: Date;
  BillableTimeInSeconds?: number;
  FinalMetricDataList?: { MetricName?: string; Value?: number }[];
  HyperParameters?: Record<string, string>;
  InputDataConfig?: { ChannelName?: string; DataSource?: { S3DataSource?: { S3Uri?: string } } }[];
  ResourceConfig?: { InstanceType?: string; InstanceCount?: number };
  StoppingCondition?: { MaxRuntimeInSeconds?: number };
  Tags?: Tag[];
}

export interface TrainingJobSummary {
  TrainingJobName: string;
  TrainingJobStatus: TrainingJobStatus;
  CreationTime?: Date;
  LastModifiedTime?: Date;
  TrainingEndTime?: Date;
}

export interface TuningJobDescription {
  HyperParameterTuningJobName: string;
  HyperParameterTuningJobStatus: "Completed" | "InProgress" | "Failed" | "Stopped" | "Stopping" | "Deleting" | "DeleteFailed";
  FailureReason?: string;
  CreationTime?: Date;
  HyperParameterTuningEndTime?: Date;
  LastModifiedTime?: Date;
  TrainingJobStatusCounters?: { Completed?: number; InProgress?: number; RetryableError?: number; NonRetryableError?: number; Stopped?: number };
  BestTrainingJob?: { TrainingJobName?: string; FinalHyperParameterTuningJobObjectiveMetric?: { MetricName?: string; Value?: number }; TunedHyperParameters?: Record<string, string> };
}

export type EndpointStatus = "OutOfService" | "Creating" | "Updating" | "SystemUpdating" | "RollingBack" | "InService" | "Deleting" | "Failed" | "UpdateRollbackFailed";

export interface EndpointDescription {
  EndpointName: string;
  EndpointArn?: string;
  /** The config serving now; during an update, the one being replaced. */
  EndpointConfigName?: string;
  /** During an update: the config being deployed (SageMaker's PendingDeploymentSummary). */
  PendingEndpointConfigName?: string;
  EndpointStatus: EndpointStatus;
  FailureReason?: string;
  CreationTime?: Date;
  LastModifiedTime?: Date;
  ProductionVariants?: { VariantName?: string; CurrentInstanceCount?: number; DesiredInstanceCount?: number; CurrentWeight?: number; DesiredWeight?: number }[];
}

export interface EndpointConfigDescription {
  EndpointConfigName: string;
  ProductionVariants: { VariantName?: string; ModelName?: string; InstanceType?: string; InitialInstanceCount?: number }[];
  CreationTime?: Date;
}

export interface ModelDescription {
  ModelName: string;
  Containers?: { ModelPackageName?: string; Image?: string }[];
  PrimaryContainer?: { ModelPackageName?: string; Image?: string };
}

export type ModelApprovalStatus = "Approved" | "Rejected" | "PendingManualApproval";

export interface ModelPackageSummary {
  ModelPackageGroupName?: string;
  ModelPackageVersion?: number;
  ModelPackageArn: string;
  ModelApprovalStatus?: ModelApprovalStatus;
  CreationTime?: Date;
}

/** Where one of a version's metric reports lies (SageMaker's MetricsSource). */
export interface MetricsSource {
  ContentType?: string;
  S3Uri?: string;
}

/** Who did something in SageMaker (its UserContext). */
export interface UserContext {
  UserProfileName?: string;
  IamIdentity?: { Arn?: string };
}

/** A version as DescribeModelPackage tells it: the summary, and what it was made from and measured at. */
export interface ModelPackageDescription extends ModelPackageSummary {
  ModelPackageDescription?: string;
  ApprovalDescription?: string;
  CreatedBy?: UserContext;
  LastModifiedTime?: Date;
  /** The evaluation reports registered with it. */
  ModelMetrics?: {
    ModelQuality?: { Statistics?: MetricsSource; Constraints?: MetricsSource };
    ModelDataQuality?: { Statistics?: MetricsSource; Constraints?: MetricsSource };
  };
  CustomerMetadataProperties?: Record<string, string>;
  /** GeneratedBy: the ARN of the job that produced it (SageMaker Pipelines sets it). */
  MetadataProperties?: { GeneratedBy?: string; ProjectId?: string; CommitId?: string; Repository?: string };
  /** The first container's artefacts. */
  ModelDataUrl?: string;
}

export interface UpdateModelPackageRequest {
  ModelPackageArn: string;
  ModelApprovalStatus: ModelApprovalStatus;
  ApprovalDescription?: string;
}

export interface FeatureGroupSummary {
  FeatureGroupName: string;
  FeatureGroupStatus?: string;
  CreationTime?: Date;
}

export interface FeatureGroupDescription {
  FeatureGroupName: string;
  FeatureGroupArn?: string;
  RecordIdentifierFeatureName?: string;
  EventTimeFeatureName?: string;
  FeatureDefinitions: { FeatureName: string; FeatureType?: string; CollectionType?: string }[];
  OnlineStoreConfig?: { EnableOnlineStore?: boolean };
  OfflineStoreConfig?: { S3StorageConfig?: { S3Uri?: string; ResolvedOutputS3Uri?: string } };
  FeatureGroupStatus?: string;
  Description?: string;
  CreationTime?: Date;
}

export interface ModelPackageGroupSummary {
  ModelPackageGroupName: string;
  ModelPackageGroupDescription?: string;
  CreationTime?: Date;
}

export interface TransformJobDescription {
  TransformJobName: string;
  TransformJobStatus: "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped";
  FailureReason?: string;
  CreationTime?: Date;
  TransformStartTime?: Date;
  TransformEndTime?: Date;
  TransformOutput?: { S3OutputPath?: string };
}

export interface PipelineExecutionDescription {
  PipelineExecutionArn: string;
  PipelineExecutionStatus: "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";
  PipelineExecutionDisplayName?: string;
  FailureReason?: string;
  CreationTime?: Date;
  LastModifiedTime?: Date;
}

/** What a pipeline's QualityCheck or ClarifyCheck step reports about its run. */
export interface CheckStepMetadata {
  CheckType?: string;
  /** The constraint_violations.json the check wrote, when it found violations. */
  ViolationReport?: string;
  BaselineUsedForDriftCheckConstraints?: string;
  BaselineUsedForDriftCheckStatistics?: string;
  CheckJobArn?: string;
  SkipCheck?: boolean;
}

export interface PipelineExecutionStep {
  StepName?: string;
  StepStatus?: string;
  StartTime?: Date;
  EndTime?: Date;
  FailureReason?: string;
  Metadata?: { QualityCheck?: CheckStepMetadata; ClarifyCheck?: CheckStepMetadata };
}

export interface MonitoringExecutionSummary {
  MonitoringScheduleName: string;
  ScheduledTime?: Date;
  CreationTime?: Date;
  MonitoringExecutionStatus: string;
  ProcessingJobArn?: string;
  EndpointName?: string;
  FailureReason?: string;
  /** DataQuality, ModelQuality, ModelBias or ModelExplainability. */
  MonitoringType?: string;
}

/** A schedule's monitor type and the baseline files its runs compare against. */
export interface MonitoringScheduleDescription {
  MonitoringScheduleName: string;
  MonitoringType?: string;
  EndpointName?: string;
  BaselineConstraintsUri?: string;
  BaselineStatisticsUri?: string;
}

/** What went wrong on the AWS side, as a typed value (see src/aws/errors.ts for the mapping). */
export type AwsErrorCode = "ResourceInUse" | "ResourceNotFound" | "Validation" | "Throttling" | "LimitExceeded" | "AccessDenied" | "Unavailable" | "Other";

export class SageMakerError extends Error {
  constructor(
    readonly code: AwsErrorCode,
    message: string,
    /** The AWS error name as the service sent it. */
    readonly awsName: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SageMakerError";
  }
}

export interface SageMakerPort {
  createTrainingJob(request: CreateTrainingJobRequest): Promise<{ arn: string }>;
  describeTrainingJob(name: string): Promise<TrainingJobDescription>;
  listTrainingJobs(filter: { nameContains?: string; status?: TrainingJobStatus; modifiedAfter?: Date; maxResults?: number }): Promise<TrainingJobSummary[]>;
  stopTrainingJob(name: string): Promise<void>;

  createTuningJob(request: CreateHyperParameterTuningJobRequest): Promise<{ arn: string }>;
  describeTuningJob(name: string): Promise<TuningJobDescription>;
  stopTuningJob(name: string): Promise<void>;

  startPipelineExecution(request: StartPipelineExecutionRequest): Promise<{ arn: string }>;
  describePipelineExecution(arn: string): Promise<PipelineExecutionDescription>;
  listPipelineExecutionSteps(arn: string): Promise<PipelineExecutionStep[]>;
  /** A pipeline's executions, newest first; `createdAfter` keeps only later ones. */
  listPipelineExecutions(pipeline: string, filter: { createdAfter?: Date; maxResults?: number }): Promise<{ arn: string; status: string; startTime?: Date }[]>;
  listPipelines(): Promise<{ name: string; arn?: string }[]>;
  /** Asks a running execution to stop; the same token again is a no-op. */
  stopPipelineExecution(request: StopPipelineExecutionRequest): Promise<void>;

  listModelPackageGroups(): Promise<ModelPackageGroupSummary[]>;
  /** A group's versions, newest first; `createdAfter` keeps only later ones. */
  listModelPackages(group: string, status?: ModelApprovalStatus, createdAfter?: Date): Promise<ModelPackageSummary[]>;
  describeModelPackage(nameOrArn: string): Promise<ModelPackageDescription>;
  /** Sets a version's approval status. */
  updateModelPackage(request: UpdateModelPackageRequest): Promise<{ arn: string }>;

  /** Every feature group, by name (at most `maxResults`, default 100). */
  listFeatureGroups(filter: { nameContains?: string; maxResults?: number }): Promise<FeatureGroupSummary[]>;
  describeFeatureGroup(name: string): Promise<FeatureGroupDescription>;

  createModel(request: CreateModelRequest): Promise<{ arn: string }>;
  describeModel(name: string): Promise<ModelDescription>;
  createEndpointConfig(request: CreateEndpointConfigRequest): Promise<{ arn: string }>;
  describeEndpointConfig(name: string): Promise<EndpointConfigDescription>;
  createEndpoint(request: CreateEndpointRequest): Promise<{ arn: string }>;
  updateEndpoint(request: UpdateEndpointRequest): Promise<{ arn: string }>;
  describeEndpoint(name: string): Promise<EndpointDescription>;
  listEndpoints(filter: { nameContains?: string; modifiedAfter?: Date }): Promise<{ EndpointName: string; EndpointStatus: EndpointStatus; LastModifiedTime?: Date }[]>;

  createTransformJob(request: CreateTransformJobRequest): Promise<{ arn: string }>;
  describeTransformJob(name: string): Promise<TransformJobDescription>;

  /** A resource's tags, by its ARN. */
  listTags(arn: string): Promise<Tag[]>;

  /** Newest first; `scheduledAfter` keeps only runs scheduled after it. */
  listMonitoringExecutions(filter: { endpointName?: string; scheduleName?: string; maxResults?: number; scheduledAfter?: Date }): Promise<MonitoringExecutionSummary[]>;
  describeMonitoringSchedule(name: string): Promise<MonitoringScheduleDescription>;
  /** Where a monitoring execution wrote its report (its processing job's output URI). */
  monitoringReportUri(processingJobArn: string): Promise<string | undefined>;
}

/** An object's text, or why there is none: missing, or larger than the reader was allowed to read. */
export type ObjectText = { kind: "text"; text: string } | { kind: "missing" } | { kind: "too-large"; bytes: number };

/** Reads objects (Model Monitor reports) from S3. */
export interface ObjectReader {
  readText(s3Uri: string, maxBytes: number): Promise<ObjectText>;
  /** Objects under a prefix modified after a moment, oldest first (the newest `limit` of them). */
  list(prefix: string, options: { modifiedAfter?: Date; limit: number }): Promise<{ uri: string; lastModified: Date; size: number }[]>;
}
