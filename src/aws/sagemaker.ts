/**
 * The SageMaker port over the real `@aws-sdk/client-sagemaker`. Requests pass through in
 * SageMaker's own shapes; every SDK error comes out as a SageMakerError with a code.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateHyperParameterTuningJobCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeFeatureGroupCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeMonitoringScheduleCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListEndpointsCommand,
  ListFeatureGroupsCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListMonitoringExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  type ProductionVariantInstanceType,
  type SageMakerClient,
  StartPipelineExecutionCommand,
  StopHyperParameterTuningJobCommand,
  StopPipelineExecutionCommand,
  StopTrainingJobCommand,
  type TrainingInstanceType,
  type TransformInstanceType,
  UpdateEndpointCommand,
  UpdateModelPackageCommand,
} from "@aws-sdk/client-sagemaker";
import type {
  EndpointDescription,
  FeatureGroupDescription,
  FeatureGroupSummary,
  ModelApprovalStatus,
  ModelPackageDescription,
  ModelPackageSummary,
  PipelineExecutionDescription,
  SageMakerPort,
  Tag,
  TrainingJobDescription,
  TrainingJobStatus,
  TrainingJobSummary,
  TransformJobDescription,
  TuningJobDescription,
} from "../kernel/sagemaker-port.js";
import { toSageMakerError } from "./errors.js";

/*
 * The SDK types instance types as closed unions that lag behind AWS's launches; ours are
 * validated as `ml.*` strings by the policy, so they are passed through as the SDK's type.
 */
const trainingInstance = (type: string): TrainingInstanceType => type as TrainingInstanceType;
const hostingInstance = (type: string): ProductionVariantInstanceType => type as ProductionVariantInstanceType;
const transformInstance = (type: string): TransformInstanceType => type as TransformInstanceType;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw toSageMakerError(new Error(`SageMaker's answer had no ${what}`));
  return value;
}

/** SageMaker's most results in one List call. */
const LIST_PAGE = 100;

export class SdkSageMakerPort implements SageMakerPort {
  /** Reads in flight, by operation and argument: callers asking the same at once share one call. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly client: SageMakerClient) {}

  /**
   * One call for identical reads made while it is in flight (fifty people deploying at once ask
   * the registry once). A write clears the table, so a read made after a write never gets an
   * answer to a read sent before it.
   */
  private shared<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const call = this.call(work).finally(() => {
      if (this.inFlight.get(key) === call) this.inFlight.delete(key);
    });
    this.inFlight.set(key, call);
    return call;
  }

  private write<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight.clear();
    return this.call(work);
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toSageMakerError(error);
    }
  }

  createTrainingJob: SageMakerPort["createTrainingJob"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new CreateTrainingJobCommand({ ...request, ResourceConfig: { ...request.ResourceConfig, InstanceType: trainingInstance(request.ResourceConfig.InstanceType) } }))).TrainingJobArn, "TrainingJobArn") }));

  describeTrainingJob = (name: string): Promise<TrainingJobDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
      return {
        ...out,
        TrainingJobName: required(out.TrainingJobName, "TrainingJobName"),
        TrainingJobArn: required(out.TrainingJobArn, "TrainingJobArn"),
        TrainingJobStatus: required(out.TrainingJobStatus, "TrainingJobStatus"),
        SecondaryStatusTransitions: out.SecondaryStatusTransitions?.map((t) => ({ ...t, Status: t.Status ?? "" })),
        Tags: undefined,
      };
    });

  /** More than 100 results (`maxResults`) are read a page of 100 at a time, following NextToken. */
  listTrainingJobs: SageMakerPort["listTrainingJobs"] = (filter) =>
    this.call(async () => {
      const wanted = filter.maxResults ?? LIST_PAGE;
      const jobs: TrainingJobSummary[] = [];
      let token: string | undefined;
      do {
        const out = await this.client.send(
          new ListTrainingJobsCommand({
            NameContains: filter.nameContains,
            StatusEquals: filter.status,
            LastModifiedTimeAfter: filter.modifiedAfter,
            MaxResults: Math.min(LIST_PAGE, wanted - jobs.length),
            SortBy: "CreationTime",
            SortOrder: "Descending",
            NextToken: token,
          }),
        );
        for (const job of out.TrainingJobSummaries ?? []) {
          jobs.push({
            TrainingJobName: job.TrainingJobName ?? "",
            TrainingJobStatus: (job.TrainingJobStatus ?? "InProgress") as TrainingJobStatus,
            CreationTime: job.CreationTime,
            LastModifiedTime: job.LastModifiedTime,
            TrainingEndTime: job.TrainingEndTime,
          });
        }
        token = out.NextToken;
      } while (token && jobs.length < wanted);
      return jobs;
    });

  stopTrainingJob = (name: string): Promise<void> =>
    this.write(async () => {
      await this.client.send(new StopTrainingJobCommand({ TrainingJobName: name }));
    });

  stopTuningJob = (name: string): Promise<void> =>
    this.write(async () => {
      await this.client.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
    });

  createTuningJob: SageMakerPort["createTuningJob"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new CreateHyperParameterTuningJobCommand({
            ...request,
            TrainingJobDefinition: {
              ...request.TrainingJobDefinition,
              ResourceConfig: { ...request.TrainingJobDefinition.ResourceConfig, InstanceType: trainingInstance(request.TrainingJobDefinition.ResourceConfig.InstanceType) },
            },
          }))).HyperParameterTuningJobArn, "HyperParameterTuningJobArn") }));

  describeTuningJob = (name: string): Promise<TuningJobDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
      return { ...out, HyperParameterTuningJobName: required(out.HyperParameterTuningJobName, "HyperParameterTuningJobName"), HyperParameterTuningJobStatus: required(out.HyperParameterTuningJobStatus, "HyperParameterTuningJobStatus") };
    });

  startPipelineExecution: SageMakerPort["startPipelineExecution"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new StartPipelineExecutionCommand(request))).PipelineExecutionArn, "PipelineExecutionArn") }));

  describePipelineExecution = (arn: string): Promise<PipelineExecutionDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: arn }));
      return { ...out, PipelineExecutionArn: required(out.PipelineExecutionArn, "PipelineExecutionArn"), PipelineExecutionStatus: required(out.PipelineExecutionStatus, "PipelineExecutionStatus") };
    });

  listPipelineExecutionSteps: SageMakerPort["listPipelineExecutionSteps"] = (arn) =>
    this.call(async () => (await this.client.send(new ListPipelineExecutionStepsCommand({ PipelineExecutionArn: arn, SortOrder: "Ascending" }))).PipelineExecutionSteps ?? []);

  listPipelineExecutions: SageMakerPort["listPipelineExecutions"] = (pipeline, filter) =>
    this.call(async () =>
      (
        (await this.client.send(new ListPipelineExecutionsCommand({ PipelineName: pipeline, CreatedAfter: filter.createdAfter, SortBy: "CreationTime", SortOrder: "Descending", MaxResults: filter.maxResults ?? 20 }))).PipelineExecutionSummaries ?? []
      ).flatMap((e) => (e.PipelineExecutionArn ? [{ arn: e.PipelineExecutionArn, status: e.PipelineExecutionStatus ?? "Executing", startTime: e.StartTime }] : [])),
    );

  stopPipelineExecution: SageMakerPort["stopPipelineExecution"] = (request) =>
    this.write(async () => {
      await this.client.send(new StopPipelineExecutionCommand(request));
    });

  listPipelines: SageMakerPort["listPipelines"] = () =>
    this.call(async () => ((await this.client.send(new ListPipelinesCommand({ MaxResults: 100 }))).PipelineSummaries ?? []).map((p) => ({ name: p.PipelineName ?? "", arn: p.PipelineArn })));

  listModelPackageGroups: SageMakerPort["listModelPackageGroups"] = () =>
    this.shared("ListModelPackageGroups", async () =>
      ((await this.client.send(new ListModelPackageGroupsCommand({ MaxResults: 100, SortBy: "Name", SortOrder: "Ascending" }))).ModelPackageGroupSummaryList ?? []).map((g) => ({
        ModelPackageGroupName: g.ModelPackageGroupName ?? "",
        ModelPackageGroupDescription: g.ModelPackageGroupDescription,
        CreationTime: g.CreationTime,
      })),
    );

  listModelPackages = (group: string, status?: ModelApprovalStatus, createdAfter?: Date): Promise<ModelPackageSummary[]> =>
    this.shared(`ListModelPackages ${group} ${status ?? ""} ${createdAfter?.toISOString() ?? ""}`, async () =>
      (
        (await this.client.send(new ListModelPackagesCommand({ ModelPackageGroupName: group, ModelApprovalStatus: status, CreationTimeAfter: createdAfter, SortBy: "CreationTime", SortOrder: "Descending", MaxResults: 100 })))
          .ModelPackageSummaryList ?? []
      ).map((p) => ({ ...p, ModelPackageArn: p.ModelPackageArn ?? "" })),
    );

  describeModelPackage = (nameOrArn: string): Promise<ModelPackageDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribeModelPackageCommand({ ModelPackageName: nameOrArn }));
      return {
        ModelPackageGroupName: out.ModelPackageGroupName,
        ModelPackageVersion: out.ModelPackageVersion,
        ModelPackageArn: required(out.ModelPackageArn, "ModelPackageArn"),
        ModelApprovalStatus: out.ModelApprovalStatus,
        CreationTime: out.CreationTime,
        ModelPackageDescription: out.ModelPackageDescription,
        ApprovalDescription: out.ApprovalDescription,
        CreatedBy: out.CreatedBy,
        LastModifiedTime: out.LastModifiedTime,
        ModelMetrics: out.ModelMetrics,
        CustomerMetadataProperties: out.CustomerMetadataProperties,
        MetadataProperties: out.MetadataProperties,
        ModelDataUrl: out.InferenceSpecification?.Containers?.[0]?.ModelDataUrl,
      };
    });

  updateModelPackage: SageMakerPort["updateModelPackage"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new UpdateModelPackageCommand(request))).ModelPackageArn, "ModelPackageArn") }));

  listFeatureGroups = (filter: { nameContains?: string; maxResults?: number }): Promise<FeatureGroupSummary[]> =>
    this.call(async () => {
      const wanted = filter.maxResults ?? LIST_PAGE;
      const groups: FeatureGroupSummary[] = [];
      let token: string | undefined;
      do {
        const out = await this.client.send(new ListFeatureGroupsCommand({ NameContains: filter.nameContains, SortBy: "Name", SortOrder: "Ascending", MaxResults: Math.min(LIST_PAGE, wanted - groups.length), NextToken: token }));
        for (const group of out.FeatureGroupSummaries ?? []) if (group.FeatureGroupName) groups.push({ FeatureGroupName: group.FeatureGroupName, FeatureGroupStatus: group.FeatureGroupStatus, CreationTime: group.CreationTime });
        token = out.NextToken;
      } while (token && groups.length < wanted);
      return groups;
    });

  describeFeatureGroup = (name: string): Promise<FeatureGroupDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name }));
      return {
        ...out,
        FeatureGroupName: required(out.FeatureGroupName, "FeatureGroupName"),
        FeatureDefinitions: (out.FeatureDefinitions ?? []).flatMap((f) => (f.FeatureName ? [{ FeatureName: f.FeatureName, FeatureType: f.FeatureType, CollectionType: f.CollectionType }] : [])),
      };
    });

  createModel: SageMakerPort["createModel"] = (request) => this.write(async () => ({ arn: required((await this.client.send(new CreateModelCommand(request))).ModelArn, "ModelArn") }));

  describeModel: SageMakerPort["describeModel"] = (name) =>
    this.shared(`DescribeModel ${name}`, async () => {
      const out = await this.client.send(new DescribeModelCommand({ ModelName: name }));
      return { ModelName: required(out.ModelName, "ModelName"), Containers: out.Containers, PrimaryContainer: out.PrimaryContainer };
    });

  createEndpointConfig: SageMakerPort["createEndpointConfig"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new CreateEndpointConfigCommand({ ...request, ProductionVariants: request.ProductionVariants.map((v) => ({ ...v, InstanceType: hostingInstance(v.InstanceType) })) }))).EndpointConfigArn, "EndpointConfigArn") }));

  describeEndpointConfig: SageMakerPort["describeEndpointConfig"] = (name) =>
    this.shared(`DescribeEndpointConfig ${name}`, async () => {
      const out = await this.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
      return { EndpointConfigName: required(out.EndpointConfigName, "EndpointConfigName"), ProductionVariants: out.ProductionVariants ?? [], CreationTime: out.CreationTime };
    });

  createEndpoint: SageMakerPort["createEndpoint"] = (request) => this.write(async () => ({ arn: required((await this.client.send(new CreateEndpointCommand(request))).EndpointArn, "EndpointArn") }));

  updateEndpoint: SageMakerPort["updateEndpoint"] = (request) => this.write(async () => ({ arn: required((await this.client.send(new UpdateEndpointCommand(request))).EndpointArn, "EndpointArn") }));

  listTags = (arn: string): Promise<Tag[]> =>
    this.call(async () => {
      const tags: Tag[] = [];
      let token: string | undefined;
      // A resource has at most 50 tags; a few pages at most.
      for (let page = 0; page < 5; page++) {
        const out = await this.client.send(new ListTagsCommand({ ResourceArn: arn, NextToken: token, MaxResults: 50 }));
        for (const tag of out.Tags ?? []) if (tag.Key !== undefined) tags.push({ Key: tag.Key, Value: tag.Value ?? "" });
        token = out.NextToken;
        if (!token) break;
      }
      return tags;
    });

  describeEndpoint = (name: string): Promise<EndpointDescription> =>
    this.shared(`DescribeEndpoint ${name}`, async () => {
      const out = await this.client.send(new DescribeEndpointCommand({ EndpointName: name }));
      return {
        ...out,
        EndpointName: required(out.EndpointName, "EndpointName"),
        EndpointStatus: required(out.EndpointStatus, "EndpointStatus"),
        PendingEndpointConfigName: out.PendingDeploymentSummary?.EndpointConfigName,
      };
    });

  listEndpoints: SageMakerPort["listEndpoints"] = (filter) =>
    this.call(async () =>
      ((await this.client.send(new ListEndpointsCommand({ NameContains: filter.nameContains, LastModifiedTimeAfter: filter.modifiedAfter, MaxResults: 100 }))).Endpoints ?? []).map((e) => ({
        EndpointName: e.EndpointName ?? "",
        EndpointStatus: e.EndpointStatus ?? "Creating",
        LastModifiedTime: e.LastModifiedTime,
      })),
    );

  createTransformJob: SageMakerPort["createTransformJob"] = (request) =>
    this.write(async () => ({ arn: required((await this.client.send(new CreateTransformJobCommand({ ...request, TransformResources: { ...request.TransformResources, InstanceType: transformInstance(request.TransformResources.InstanceType) } }))).TransformJobArn, "TransformJobArn") }));

  describeTransformJob = (name: string): Promise<TransformJobDescription> =>
    this.call(async () => {
      const out = await this.client.send(new DescribeTransformJobCommand({ TransformJobName: name }));
      return { ...out, TransformJobName: required(out.TransformJobName, "TransformJobName"), TransformJobStatus: required(out.TransformJobStatus, "TransformJobStatus") };
    });

  listMonitoringExecutions: SageMakerPort["listMonitoringExecutions"] = (filter) =>
    this.call(async () =>
      ((await this.client.send(new ListMonitoringExecutionsCommand({
          EndpointName: filter.endpointName,
          MonitoringScheduleName: filter.scheduleName,
          ScheduledTimeAfter: filter.scheduledAfter,
          SortBy: "ScheduledTime",
          SortOrder: "Descending",
          MaxResults: filter.maxResults ?? 10,
        })))
        .MonitoringExecutionSummaries ?? []
      ).map((m) => ({ ...m, MonitoringScheduleName: m.MonitoringScheduleName ?? "", MonitoringExecutionStatus: m.MonitoringExecutionStatus ?? "Pending" })),
    );

  describeMonitoringSchedule: SageMakerPort["describeMonitoringSchedule"] = (name) =>
    this.call(async () => {
      const out = await this.client.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name }));
      const config = out.MonitoringScheduleConfig;
      const baseline = config?.MonitoringJobDefinition?.BaselineConfig;
      return {
        MonitoringScheduleName: required(out.MonitoringScheduleName, "MonitoringScheduleName"),
        MonitoringType: out.MonitoringType ?? config?.MonitoringType,
        EndpointName: out.EndpointName,
        BaselineConstraintsUri: baseline?.ConstraintsResource?.S3Uri,
        BaselineStatisticsUri: baseline?.StatisticsResource?.S3Uri,
      };
    });

  monitoringReportUri: SageMakerPort["monitoringReportUri"] = (processingJobArn) =>
    this.call(async () => {
      const name = processingJobArn.split("/").pop() ?? processingJobArn;
      const out = await this.client.send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));
      return out.ProcessingOutputConfig?.Outputs?.[0]?.S3Output?.S3Uri;
    });
}
