import { pipelineNameFromArn } from "../kernel/resources.js";
import type { ResourceType } from "./status.js";

/** The console's host for a region: China regions have their own domain. */
function consoleBase(region: string): string {
  const host = region.startsWith("cn-") ? `${region}.console.amazonaws.cn` : `${region}.console.aws.amazon.com`;
  return `https://${host}/sagemaker/home?region=${encodeURIComponent(region)}`;
}

/**
 * Where a person sees this resource in the AWS console. Pipeline executions open in Studio
 * rather than the console, so the link goes to the pipeline itself.
 */
export function consoleUrl(type: ResourceType, name: string, region: string, arn?: string): string {
  const base = consoleBase(region);
  const id = encodeURIComponent(name);
  switch (type) {
    case "training-job":
      return `${base}#/jobs/${id}`;
    case "tuning-job":
      return `${base}#/hyper-tuning-jobs/${id}`;
    case "endpoint":
      return `${base}#/endpoints/${id}`;
    case "transform-job":
      return `${base}#/transform-jobs/${id}`;
    case "pipeline-execution": {
      const pipeline = arn ? pipelineNameFromArn(arn) : undefined;
      return pipeline ? `${base}#/pipelines/${encodeURIComponent(pipeline)}` : `${base}#/pipelines`;
    }
  }
}

/** An endpoint's page, where its monitoring schedules and their runs are listed. */
export function monitoringScheduleUrl(endpoint: string, region: string): string {
  return `${consoleBase(region)}#/endpoints/${encodeURIComponent(endpoint)}`;
}

/** An S3 object (or a folder, for a URI ending in /) in the S3 console. */
export function s3ConsoleUrl(uri: string, region: string): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match?.[1]) return undefined;
  const key = match[2] ?? "";
  const kind = key === "" || key.endsWith("/") ? "buckets" : "object";
  return `https://s3.console.aws.amazon.com/s3/${kind}/${encodeURIComponent(match[1])}?region=${encodeURIComponent(region)}&prefix=${encodeURIComponent(key)}`;
}
