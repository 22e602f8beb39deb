import { formatDuration } from "../../guard/duration.js";
import type { RequestParams } from "../../interpret/schema.js";
import { describeVersion, type ModelRef, resolveModelVersion } from "../model-versions.js";
import { decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult, timestampedName } from "../planning.js";
import { derivedName } from "./deploy.js";

/** Transform jobs have no stopping condition of their own; this bounds the cost estimate. */
const DEFAULT_BATCH_HOURS = 1;

/** `/deploy batch <group>[/<version>] input=s3://... [output=s3://...] [instance=...] [count=N] [max-runtime=1h]` */
export async function planBatch(spec: ModelRef, params: RequestParams, context: PlanningContext): Promise<PlanningResult> {
  if (!params.data) return invalid({ what: "Which data should the batch transform score?", fix: "Add `input=s3://bucket/prefix/`, e.g. `/deploy batch churn-xgb/1 input=s3://sageops-demo/churn/score/`." });
  const found = await resolveModelVersion(context.port, spec.group, spec.version);
  if (!found.ok) return invalid(found.problem);
  const pkg = found.value;
  const environment = params.environment ?? defaultEnvironment(context.policy);
  const env = context.policy.environments[environment];
  const group = pkg.ModelPackageGroupName ?? spec.group;
  const version = pkg.ModelPackageVersion ?? 0;
  const planId = context.newPlanId();
  const jobName = timestampedName(`${group}-v${version}-batch`, context.now, planId);
  const output = params.output ?? `${env?.outputPrefix ?? "s3://missing-output-prefix/"}batch/${jobName}/`;
  const instanceType = params.instanceType ?? env?.instanceTypes[0] ?? "ml.m5.large";
  const instanceCount = params.instanceCount ?? 1;
  const maxRuntimeSeconds = params.maxRuntimeSeconds ?? DEFAULT_BATCH_HOURS * 3600;
  const modelName = derivedName(`${group}-v${version}`, planId);

  return decide(
    context,
    { action: "batch", environment, model: { packageGroup: group, version, approvalStatus: pkg.ModelApprovalStatus ?? "Unknown", arn: pkg.ModelPackageArn }, inputUris: [params.data], outputUri: output, instanceType, instanceCount, maxRuntimeSeconds },
    {
      id: planId,
      kind: "batch",
      title: `Batch transform with ${group}/${version}`,
      resourceName: jobName,
      track: { type: "transform-job", name: jobName },
      details: [
        { label: "Transform job", value: jobName },
        { label: "Model version", value: describeVersion(pkg) },
        { label: "Input", value: params.data },
        { label: "Output", value: output },
        { label: "Instances", value: `${instanceCount} × ${instanceType}` },
        { label: "Cost bound", value: `${formatDuration(maxRuntimeSeconds)} of running` },
      ],
      steps: (permit) => [
        { operation: "CreateModel", request: { ModelName: modelName, ExecutionRoleArn: permit.executionRoleArn, Containers: [{ ModelPackageName: pkg.ModelPackageArn }], Tags: [{ Key: "sageops:plan", Value: planId }] } },
        {
          operation: "CreateTransformJob",
          request: {
            TransformJobName: jobName,
            ModelName: modelName,
            TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: params.data ?? "" } }, ContentType: "text/csv", SplitType: "Line" },
            TransformOutput: { S3OutputPath: output },
            TransformResources: { InstanceType: instanceType, InstanceCount: instanceCount },
            Tags: [
              { Key: "sageops:requester", Value: context.requester.userId },
              { Key: "sageops:environment", Value: environment },
            ],
          },
        },
      ],
    },
  );
}
