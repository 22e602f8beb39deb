/**
 * Batch transform jobs: CreateTransformJob, DescribeTransformJob, ListTransformJobs. A job runs
 * for a few simulated minutes, then writes one `.out` object per input object it found (or fails
 * when its input cannot exist).
 */
import { z } from "zod";
import { joinS3, MINUTE, parseS3Uri, type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { inUseError, notFoundError } from "./errors.js";
import { eventDetail } from "./events.js";
import type { Models } from "./models.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { paginate, sortItems, within } from "./paging.js";
import { unitHash } from "./random.js";
import { instanceType, LIST_FILTERS, parseRequest, resourceName, s3Uri, sortOrder, stringMap, tags, } from "./validate.js";

const CreateTransformJobSchema = z.looseObject({
  TransformJobName: resourceName(),
  ModelName: resourceName(),
  MaxConcurrentTransforms: z.number().int().min(0).optional(),
  MaxPayloadInMB: z.number().int().min(0).optional(),
  BatchStrategy: z.enum(["MultiRecord", "SingleRecord"]).optional(),
  Environment: stringMap(16).optional(),
  TransformInput: z.looseObject({
    DataSource: z.looseObject({ S3DataSource: z.looseObject({ S3DataType: z.enum(["ManifestFile", "S3Prefix", "AugmentedManifestFile"]), S3Uri: s3Uri }) }),
    ContentType: z.string().max(256).optional(),
    CompressionType: z.enum(["None", "Gzip"]).optional(),
    SplitType: z.enum(["None", "Line", "RecordIO", "TFRecord"]).optional(),
  }),
  TransformOutput: z.looseObject({ S3OutputPath: s3Uri, Accept: z.string().max(256).optional(), AssembleWith: z.enum(["None", "Line"]).optional(), KmsKeyId: z.string().optional() }),
  TransformResources: z.looseObject({ InstanceType: instanceType, InstanceCount: z.number().int().min(1) }),
  DataProcessing: z.looseObject({}).optional(),
  Tags: tags.optional(),
});
type CreateTransformJobInput = z.output<typeof CreateTransformJobSchema>;

const STATUSES = ["InProgress", "Completed", "Failed", "Stopping", "Stopped"] as const;
type TransformStatus = (typeof STATUSES)[number];

const NameSchema = z.looseObject({ TransformJobName: resourceName() });
const ListSchema = z.looseObject({
  ...LIST_FILTERS,
  StatusEquals: z.enum(STATUSES).optional(),
  SortBy: z.enum(["Name", "CreationTime", "Status"]).optional(),
  SortOrder: sortOrder.optional(),
});

interface TransformJob {
  name: string;
  arn: string;
  request: CreateTransformJobInput;
  createdAt: number;
  startsAt: number;
  endsAt: number;
  failureReason?: string;
}

export class TransformJobs {
  private readonly jobs = new NameMap<TransformJob>();

  constructor(
    private readonly env: SandboxEnv,
    private readonly models: Models,
  ) {}

  private require(name: string): TransformJob {
    const job = this.jobs.get(name);
    if (!job) throw notFoundError(`Could not find requested job with name ${name}`);
    return job;
  }

  private view(job: TransformJob, now: number): { status: TransformStatus; start?: number; end?: number; lastModified: number } {
    if (now >= job.endsAt) return { status: job.failureReason ? "Failed" : "Completed", start: job.startsAt, end: job.endsAt, lastModified: job.endsAt };
    if (now >= job.startsAt) return { status: "InProgress", start: job.startsAt, lastModified: job.startsAt };
    return { status: "InProgress", lastModified: job.createdAt };
  }

  create(request: CreateTransformJobInput, at: number): TransformJob {
    const existing = this.jobs.get(request.TransformJobName);
    if (existing) throw inUseError(`Job name must be unique within an AWS account and region, and a job with this name already exists (${existing.arn})`);
    this.models.requireModel(request.ModelName);
    const inputUri = request.TransformInput.DataSource.S3DataSource.S3Uri;
    const failureReason = inputUri.includes("missing") ? `ClientError: No objects were found under the input S3 prefix ${inputUri}. Please ensure the input data exists.` : undefined;
    const startsAt = at + 3 * MINUTE;
    const runMs = Math.round(240 + 120 * unitHash(request.TransformJobName)) * SECOND;
    const job: TransformJob = { name: request.TransformJobName, arn: sagemakerArn(this.env, "transform-job", request.TransformJobName), request, createdAt: at, startsAt, endsAt: startsAt + (failureReason ? MINUTE : runMs), failureReason };
    this.jobs.set(job.name, job);
    if (!failureReason) this.env.timeline.schedule(job.endsAt, (when) => this.writeOutputs(job, when));
    this.env.events.checkAt({ kind: "transform-job", arn: job.arn, read: (when) => ({ status: this.view(job, when).status, detail: eventDetail(this.describe(job, when)) }) }, [at, job.startsAt, job.endsAt]);
    return job;
  }

  /** One `<input file>.out` per input object, as batch transform names its outputs. */
  private writeOutputs(job: TransformJob, at: number): void {
    const input = parseS3Uri(job.request.TransformInput.DataSource.S3DataSource.S3Uri);
    const output = parseS3Uri(job.request.TransformOutput.S3OutputPath);
    if (!input || !output) return;
    const inputs = this.env.s3.list(input.bucket, input.key);
    for (const object of inputs.length > 0 ? inputs : [{ key: `${input.key.replace(/\/$/, "")}/input.csv` }]) {
      const file = object.key.split("/").pop() ?? "input";
      const key = joinS3(output.key, `${file}.out`);
      this.env.s3.put(output.bucket, key, `${(0.1 + 0.8 * unitHash(`${job.name}|${file}`)).toFixed(4)}\n`, { contentType: "text/csv", at });
    }
  }

  private describe(job: TransformJob, now: number): Record<string, unknown> {
    const view = this.view(job, now);
    const r = job.request;
    return compact({
      TransformJobName: job.name,
      TransformJobArn: job.arn,
      TransformJobStatus: view.status,
      FailureReason: view.status === "Failed" ? job.failureReason : undefined,
      ModelName: r.ModelName,
      MaxConcurrentTransforms: r.MaxConcurrentTransforms,
      MaxPayloadInMB: r.MaxPayloadInMB,
      BatchStrategy: r.BatchStrategy,
      Environment: r.Environment,
      TransformInput: r.TransformInput,
      TransformOutput: r.TransformOutput,
      TransformResources: r.TransformResources,
      DataProcessing: r.DataProcessing,
      CreationTime: wireTime(job.createdAt),
      TransformStartTime: wireTime(view.start),
      TransformEndTime: wireTime(view.end),
    });
  }

  operations(): Operations {
    return {
      CreateTransformJob: (input, now) => ({ TransformJobArn: this.create(parseRequest(CreateTransformJobSchema, input), now).arn }),
      DescribeTransformJob: (input, now) => this.describe(this.require(parseRequest(NameSchema, input).TransformJobName), now),
      ListTransformJobs: (input, now) => {
        const q = parseRequest(ListSchema, input);
        const rows = [...this.jobs.values()]
          .map((job) => ({ job, view: this.view(job, now) }))
          .filter(({ job, view }) => (q.NameContains === undefined || job.name.toLowerCase().includes(q.NameContains.toLowerCase())) && (q.StatusEquals === undefined || view.status === q.StatusEquals))
          .filter(({ job, view }) => within(job.createdAt, q.CreationTimeAfter, q.CreationTimeBefore) && within(view.lastModified, q.LastModifiedTimeAfter, q.LastModifiedTimeBefore));
        const sortBy = q.SortBy ?? "CreationTime";
        const sorted = sortItems(rows, ({ job, view }) => (sortBy === "Name" ? job.name : sortBy === "Status" ? view.status : job.createdAt), q.SortOrder ?? "Descending");
        const { page, nextToken: next } = paginate(sorted, { maxResults: q.MaxResults, nextToken: q.NextToken });
        return compact({
          TransformJobSummaries: page.map(({ job, view }) =>
            compact({
              TransformJobName: job.name,
              TransformJobArn: job.arn,
              CreationTime: wireTime(job.createdAt),
              TransformEndTime: wireTime(view.end),
              LastModifiedTime: wireTime(view.lastModified),
              TransformJobStatus: view.status,
              FailureReason: view.status === "Failed" ? job.failureReason : undefined,
            }),
          ),
          NextToken: next,
        });
      },
    };
  }
}
