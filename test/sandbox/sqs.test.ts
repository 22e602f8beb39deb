import {
  CreateEndpointCommand,
  CreateFeatureGroupCommand,
  CreateHyperParameterTuningJobCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
  DeleteFeatureGroupCommand,
  StartPipelineExecutionCommand,
  StopTrainingJobCommand,
  UpdateModelPackageCommand,
} from "@aws-sdk/client-sagemaker";
import { DeleteMessageBatchCommand, DeleteMessageCommand, GetQueueUrlCommand, type Message, QueueDoesNotExist, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { START_MS } from "../support/constants.js";
import { SAGEMAKER_ROLE_ARN, SANDBOX_CREDENTIALS, startTestSandbox, type TestSandbox, trainingRequest, tuningRequest } from "../support/sandbox.js";
import { groupRequest } from "./feature-groups.js";

interface SageMakerEvent {
  id: string;
  "detail-type": string;
  source: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

const eventOf = (message: Message): SageMakerEvent => JSON.parse(message.Body ?? "{}") as SageMakerEvent;

describe("SageMaker state-change events through the sandbox's SQS queue", () => {
  let t: TestSandbox;
  let sqs: SQSClient;
  let queueUrl: string;

  beforeEach(async () => {
    t = await startTestSandbox({ maxAttempts: 1 });
    sqs = new SQSClient({ endpoint: t.sandbox.url, region: t.sandbox.region, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    queueUrl = t.sandbox.eventsQueue.url;
  });

  afterEach(async () => {
    sqs.destroy();
    await t.close();
  });

  /** Receives until the queue has nothing visible, deleting what it got. */
  async function drain(): Promise<SageMakerEvent[]> {
    const events: SageMakerEvent[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
      if (Messages.length === 0) return events;
      events.push(...Messages.map(eventOf));
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })) }));
    }
  }

  it("the queue starts empty (the seeded history predates the rule) and GetQueueUrl finds it", async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "sageops-events" }));
    expect(QueueUrl).toBe(queueUrl);
    expect(queueUrl).toBe(`${t.sandbox.url}/123456789012/sageops-events`);
    expect(await drain()).toEqual([]);
  });

  it("an engineer's training job sends a Training Job State Change at each status, in time order, ending Completed", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-events")));
    const [created] = await drain();
    expect(created?.["detail-type"]).toBe("SageMaker Training Job State Change");
    expect(created?.source).toBe("aws.sagemaker");
    expect(created?.region).toBe("us-east-1");
    expect(created?.resources).toEqual(["arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-events"]);
    expect(created?.detail).toMatchObject({ TrainingJobName: "churn-xgb-events", TrainingJobStatus: "InProgress", SecondaryStatus: "Starting" });

    // Nothing moves while the clock stands still.
    expect(await drain()).toEqual([]);
    t.clock.advance(3600);
    const later = await drain();
    expect(later.map((e) => e.detail.SecondaryStatus)).toEqual(["Downloading", "Training", "Uploading", "Completed"]);
    expect(later.at(-1)?.detail.TrainingJobStatus).toBe("Completed");
    const times = later.map((e) => Date.parse(e.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Stamped when the change happened, not when the queue was read.
    expect(times.at(-1)).toBeLessThan(t.clock.now());
    expect(new Set([created, ...later].map((e) => e?.id)).size).toBe(5);
  });

  it("a message not deleted comes back after the visibility timeout; only the latest receipt handle deletes it", async () => {
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-redeliver")));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ["All"] }));
    expect(first.Messages).toHaveLength(1);
    const [message] = first.Messages ?? [];
    // In flight: hidden from other readers.
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? []).toEqual([]);
    t.clock.advance(29);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages ?? []).toEqual([]);
    t.clock.advance(2);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ["All"], VisibilityTimeout: 5 }));
    expect(again.Messages?.[0]?.MessageId).toBe(message?.MessageId);
    expect(again.Messages?.[0]?.Body).toBe(message?.Body);
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("2");

    // The stale handle is accepted but deletes nothing: the message returns once more.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle ?? "" }));
    t.clock.advance(5);
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(third.Messages?.[0]?.MessageId).toBe(message?.MessageId);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: third.Messages?.[0]?.ReceiptHandle ?? "" }));
    t.clock.advance(60);
    expect(t.sandbox.eventsQueue.depth).toBe(0);
  });

  it("a long poll returns as soon as an event arrives, and ends when the sandbox closes", async () => {
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-longpoll")));
    const { Messages = [] } = await waiting;
    expect(eventOf(Messages[0] ?? {}).detail.TrainingJobName).toBe("churn-xgb-longpoll");
    expect(Date.now() - started).toBeLessThan(2000);

    const closing = Date.now();
    const pending = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 })).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.sandbox.close();
    expect(["answered", "failed"]).toContain(await pending);
    expect(Date.now() - closing).toBeLessThan(2000);
  });

  it("a closed queue answers QueueDoesNotExist and loses the events sent meanwhile", async () => {
    t.sandbox.eventsQueue.close();
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("churn-xgb-unheard")));
    t.sandbox.eventsQueue.reopen();
    await t.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: "churn-xgb-unheard" }));
    t.clock.advance(60);
    const events = await drain();
    expect(events.map((e) => e.detail.TrainingJobStatus)).toEqual(["Stopping", "Stopped"]);
  });

  it("endpoints and pipeline executions send their own detail types", async () => {
    await t.sagemaker.send(new CreateEndpointCommand({ EndpointName: "churn-staging", EndpointConfigName: SEED.endpointConfig }));
    const { PipelineExecutionArn } = await t.sagemaker.send(new StartPipelineExecutionCommand({ PipelineName: SEED.pipeline, ClientRequestToken: "events-test-0001-aaaaaaaaaaaaaaaaaaaaaaaa" }));
    t.clock.advance(3 * 3600);
    const events = await drain();
    const endpoint = events.filter((e) => e["detail-type"] === "SageMaker Endpoint State Change");
    expect(endpoint.map((e) => e.detail.EndpointStatus)).toEqual(["Creating", "InService"]);
    expect(endpoint[0]?.detail.EndpointName).toBe("churn-staging");
    const pipeline = events.filter((e) => e["detail-type"] === "SageMaker Model Building Pipeline Execution Status Change");
    expect(pipeline.map((e) => e.detail.currentPipelineExecutionStatus)).toEqual(["Executing", "Succeeded"]);
    expect(pipeline[1]?.detail).toMatchObject({ previousPipelineExecutionStatus: "Executing", pipelineExecutionArn: PipelineExecutionArn });
    expect(pipeline[1]?.resources).toContain(PipelineExecutionArn);
    // The pipeline's training step is a training job of its own, with its own events; its RegisterModel step's version has its own too.
    expect(events.some((e) => e["detail-type"] === "SageMaker Training Job State Change")).toBe(true);
    const registered = events.filter((e) => e["detail-type"] === "SageMaker Model Package State Change");
    expect(registered.map((e) => [e.detail.ModelPackageVersion, e.detail.ModelApprovalStatus, (e.detail.MetadataProperties as { GeneratedBy?: string } | undefined)?.GeneratedBy])).toEqual([[3, "PendingManualApproval", PipelineExecutionArn]]);
  });

  it("a model package sends a Model Package State Change when it is registered and whenever its approval status changes", async () => {
    const registered = t.sandbox.registry.registerVersion(SEED.packageGroup, { auc: 0.9 });
    const packageEvents = async (): Promise<SageMakerEvent[]> => (await drain()).filter((e) => e["detail-type"] === "SageMaker Model Package State Change");
    const [created, ...more] = await packageEvents();
    expect(more).toEqual([]);
    expect(created).toMatchObject({ source: "aws.sagemaker", time: "2026-11-26T09:00:00Z", resources: [registered.ModelPackageArn] });
    expect(created?.detail).toMatchObject({
      ModelPackageName: "churn-xgb/3",
      ModelPackageGroupName: "churn-xgb",
      ModelPackageVersion: 3,
      ModelPackageArn: registered.ModelPackageArn,
      ModelPackageDescription: `Trained by ${registered.TrainingJobName}`,
      CreationTime: START_MS,
      LastModifiedTime: START_MS,
      ModelPackageStatus: "Completed",
      ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
      CertifyForMarketplace: false,
      ModelApprovalStatus: "PendingManualApproval",
      MetadataProperties: { GeneratedBy: registered.TrainingJobArn },
      ModelMetrics: { ModelQuality: { Statistics: { ContentType: "application/json", S3Uri: registered.ModelQualityStatistics } } },
      InferenceSpecification: { Containers: [expect.objectContaining({ ModelDataUrl: expect.stringContaining(registered.TrainingJobName) })] },
    });

    t.clock.advance(60);
    await t.sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: registered.ModelPackageArn, ModelApprovalStatus: "Approved", ApprovalDescription: "Approved in #mlops" }));
    await t.sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: registered.ModelPackageArn, CustomerMetadataProperties: { reviewed: "yes" } }));
    const [approved, ...others] = await packageEvents();
    expect(others).toEqual([]);
    expect(approved?.time).toBe("2026-11-26T09:01:00Z");
    expect(approved?.detail).toMatchObject({ ModelPackageVersion: 3, ModelApprovalStatus: "Approved", ApprovalDescription: "Approved in #mlops", LastModifiedTime: START_MS + 60_000 });
  });

  it("a feature group sends a Feature Group State Change at each status it goes through", async () => {
    await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("events-group")));
    t.clock.advance(60);
    await t.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: "events-group" }));
    t.clock.advance(60);
    const events = (await drain()).filter((e) => e["detail-type"] === "SageMaker Feature Group State Change");
    expect(events.map((e) => [e.time, e.detail.FeatureGroupStatus])).toEqual([
      ["2026-11-26T09:00:00Z", "Creating"],
      ["2026-11-26T09:01:00Z", "Created"],
      ["2026-11-26T09:01:00Z", "Deleting"],
    ]);
    expect(events[0]).toMatchObject({ resources: ["arn:aws:sagemaker:us-east-1:123456789012:feature-group/events-group"], detail: { FeatureGroupName: "events-group", CreationTime: START_MS, RoleArn: SAGEMAKER_ROLE_ARN } });
  });

  it("batch transform and tuning jobs send theirs too, the tuning job's when its last training job ends", async () => {
    await t.sagemaker.send(
      new CreateTransformJobCommand({
        TransformJobName: "churn-batch-events",
        ModelName: SEED.model,
        TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://sageops-demo/churn/batch/input/" } }, ContentType: "text/csv" },
        TransformOutput: { S3OutputPath: "s3://sageops-demo/churn/batch/output/events" },
        TransformResources: { InstanceType: "ml.m5.xlarge", InstanceCount: 1 },
      }),
    );
    await t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("churn-tune-events", 2, 1)));
    t.clock.advance(3 * 3600);
    const events = await drain();
    const transform = events.filter((e) => e["detail-type"] === "SageMaker Transform Job State Change");
    expect(transform.map((e) => e.detail.TransformJobStatus)).toEqual(["InProgress", "Completed"]);
    const tuning = events.filter((e) => e["detail-type"] === "SageMaker HyperParameter Tuning Job State Change");
    expect(tuning.map((e) => e.detail.HyperParameterTuningJobStatus)).toEqual(["InProgress", "Completed"]);
    const lastTrainingEnd = Math.max(...events.filter((e) => e["detail-type"] === "SageMaker Training Job State Change" && e.detail.TrainingJobStatus === "Completed").map((e) => Date.parse(e.time)));
    expect(Date.parse(tuning[1]?.time ?? "")).toBe(lastTrainingEnd);
  });
});
