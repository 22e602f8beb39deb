/** A SageMaker resource sageops follows: what a started plan created, or one a person asked about. */
export interface TrackedResource {
  type: "training-job" | "tuning-job" | "pipeline-execution" | "endpoint" | "transform-job";
  name: string;
  arn?: string;
}

/** `arn:aws:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>` → `<name>`. */
export function pipelineNameFromArn(arn: string): string | undefined {
  return /:pipeline\/([^/]+)\/execution\//.exec(arn)?.[1];
}
