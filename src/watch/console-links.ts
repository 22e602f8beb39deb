import { pipelineNameFromArn } from "./describe.js";
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
