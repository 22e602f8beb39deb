/**
 * A request put back into words the interpreter reads exactly (the command form), so a reading
 * offered as a choice goes on, once picked, as if the person had typed it: through the same
 * interpreter, guard and confirmation. And the short label a person picks it by.
 */
import type { Choice } from "../kernel/result.js";
import type { Request, RequestParams } from "./schema.js";

/** The arguments a command carries besides its names, as `key=value`. */
function extras(params: RequestParams): string {
  const pairs: string[] = [];
  if (params.environment) pairs.push(`env=${params.environment}`);
  if (params.data) pairs.push(`data=${params.data}`);
  if (params.output) pairs.push(`output=${params.output}`);
  if (params.instanceType) pairs.push(`instance=${params.instanceType}`);
  if (params.instanceCount) pairs.push(`count=${params.instanceCount}`);
  if (params.trials) pairs.push(`trials=${params.trials}`);
  if (params.parallel) pairs.push(`parallel=${params.parallel}`);
  for (const [key, value] of Object.entries(params.hyperparameters ?? {})) pairs.push(`${key}=${value}`);
  return pairs.length > 0 ? ` ${pairs.join(" ")}` : "";
}

function modelRef(params: RequestParams): string | undefined {
  if (!params.modelPackageGroup) return undefined;
  const version = params.modelVersion ?? "latest-approved";
  return typeof version === "number" ? `${params.modelPackageGroup}/${version}` : `${params.modelPackageGroup}@${version}`;
}

/**
 * The reading as a choice, or undefined when it lacks what its command needs (a choice that
 * would only be asked about again is no help). Questions keep their own words.
 */
export function choiceOf(request: Request): Choice | undefined {
  const { params } = request;
  switch (request.intent) {
    case "train":
    case "tune":
      if (!params.recipe) return undefined;
      return { label: `${request.intent === "train" ? "Train" : "Tune"} ${params.recipe}`, text: `${request.intent} ${params.recipe}${extras(params)}` };
    case "pipeline":
      if (!params.pipelineName) return undefined;
      return { label: `Start pipeline ${params.pipelineName}`, text: `pipeline start ${params.pipelineName}${extras(params)}` };
    case "deploy": {
      if (params.deployMode === "rollback") return params.endpointName ? { label: `Roll back ${params.endpointName}`, text: `rollback ${params.endpointName}` } : undefined;
      const model = modelRef(params);
      if (!model || params.deployMode === "batch" || !params.endpointName) return undefined;
      return { label: `Deploy ${model} to ${params.endpointName}`, text: `deploy ${model} to ${params.endpointName}${extras(params)}` };
    }
    case "stop":
      return params.jobName ? { label: `Stop ${params.jobName}`, text: `stop ${params.jobName}` } : undefined;
    case "status": {
      const name = params.jobName ?? params.endpointName ?? params.pipelineName;
      return name ? { label: `Status of ${name}`, text: `status ${name}` } : undefined;
    }
    case "drift":
      return params.endpointName ? { label: `Drift on ${params.endpointName}`, text: `drift ${params.endpointName}` } : undefined;
    case "ask":
      return { label: "Answer it as a question", text: `ask ${request.text}` };
    case "help":
    case "unknown":
      return undefined;
  }
}
