/**
 * Processing jobs, as the sandbox's monitoring schedules and pipeline steps run them. Only
 * DescribeProcessingJob is exposed: it is how a client finds where a monitoring execution wrote
 * its report (ProcessingOutputConfig.Outputs[].S3Output.S3Uri).
 */
import { z } from "zod";
import { type SandboxEnv, SECOND, sagemakerArn, wireTime } from "./env.js";
import { notFoundError } from "./errors.js";
import { NameMap } from "./names.js";
import { compact, type Operations } from "./operations.js";
import { parseRequest, resourceName } from "./validate.js";

interface ProcessingJobSpec {
  name: string;
  imageUri: string;
  roleArn: string;
  instanceType: string;
  instanceCount: number;
  inputs: { InputName: string; S3Input: { S3Uri: string; LocalPath: string; S3DataType: string; S3InputMode: string } }[];
  outputs: { OutputName: string; S3Output: { S3Uri: string; LocalPath: string; S3UploadMode: string } }[];
  environment?: Record<string, string>;
  monitoringScheduleArn?: string;
  createdAt: number;
  startsAt: number;
  endsAt: number;
  outcome: { status: "Completed" | "Failed"; exitMessage?: string; failureReason?: string };
}

export interface ProcessingJob extends ProcessingJobSpec {
  arn: string;
  stopRequestedAt?: number;
}

const STOPPING_DURATION = 30 * SECOND;
const NameSchema = z.looseObject({ ProcessingJobName: resourceName() });

type ProcessingStatus = "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped";

export class ProcessingJobs {
  private readonly jobs = new NameMap<ProcessingJob>();

  constructor(private readonly env: SandboxEnv) {}

  create(spec: ProcessingJobSpec): ProcessingJob {
    const job: ProcessingJob = { ...spec, arn: sagemakerArn(this.env, "processing-job", spec.name) };
    this.jobs.set(job.name, job);
    return job;
  }

  get(name: string): ProcessingJob | undefined {
    return this.jobs.get(name);
  }

  stop(job: ProcessingJob, at: number): void {
    if (this.view(job, at).status === "InProgress") job.stopRequestedAt = at;
  }

  view(job: ProcessingJob, now: number): { status: ProcessingStatus; start?: number; end?: number; lastModified: number } {
    const stop = job.stopRequestedAt;
    if (stop !== undefined && stop < job.endsAt) {
      if (now >= stop + STOPPING_DURATION) return { status: "Stopped", start: job.startsAt <= stop ? job.startsAt : undefined, end: stop + STOPPING_DURATION, lastModified: stop + STOPPING_DURATION };
      if (now >= stop) return { status: "Stopping", start: job.startsAt <= stop ? job.startsAt : undefined, lastModified: stop };
    }
    if (now >= job.endsAt) return { status: job.outcome.status, start: job.startsAt, end: job.endsAt, lastModified: job.endsAt };
    if (now >= job.startsAt) return { status: "InProgress", start: job.startsAt, lastModified: job.startsAt };
    return { status: "InProgress", lastModified: job.createdAt };
  }

  private describe(job: ProcessingJob, now: number): Record<string, unknown> {
    const view = this.view(job, now);
    const finished = view.status === "Completed" || view.status === "Failed";
    return compact({
      ProcessingJobName: job.name,
      ProcessingJobArn: job.arn,
      ProcessingInputs: job.inputs,
      ProcessingOutputConfig: { Outputs: job.outputs },
      ProcessingResources: { ClusterConfig: { InstanceCount: job.instanceCount, InstanceType: job.instanceType, VolumeSizeInGB: 30 } },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      AppSpecification: { ImageUri: job.imageUri },
      Environment: job.environment,
      RoleArn: job.roleArn,
      ProcessingJobStatus: view.status,
      ExitMessage: finished ? job.outcome.exitMessage : undefined,
      FailureReason: view.status === "Failed" ? job.outcome.failureReason : undefined,
      ProcessingStartTime: wireTime(view.start),
      ProcessingEndTime: wireTime(view.end),
      LastModifiedTime: wireTime(view.lastModified),
      CreationTime: wireTime(job.createdAt),
      MonitoringScheduleArn: job.monitoringScheduleArn,
    });
  }

  operations(): Operations {
    return {
      DescribeProcessingJob: (input, now) => {
        const name = parseRequest(NameSchema, input).ProcessingJobName;
        const job = this.jobs.get(name);
        if (!job) throw notFoundError(`Processing job ${name} does not exist.`);
        return this.describe(job, now);
      },
    };
  }
}
