/** A SageMaker resource sageops follows: what a started plan created, or one a person asked about. */
export interface TrackedResource {
  type: "training-job" | "tuning-job" | "pipeline-execution" | "endpoint" | "transform-job";
  name: string;
  arn?: string;
}
