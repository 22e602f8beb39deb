import { closestMatch } from "../../guard/suggest.js";
import type { RequestParams } from "../../interpret/schema.js";
import { SageMakerError } from "../../kernel/sagemaker-port.js";
import { clientRequestToken, decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult } from "../planning.js";

/** `/sageops pipeline start <name> [Param=value ...]` */
export async function planPipelineStart(name: string, params: RequestParams, parameters: Record<string, string>, context: PlanningContext): Promise<PlanningResult> {
  let pipelines: string[];
  try {
    pipelines = (await context.port.listPipelines()).map((p) => p.name);
  } catch (error) {
    if (error instanceof SageMakerError) return invalid({ what: `I couldn't list pipelines in SageMaker (${error.code}): ${error.message}`, fix: "Try again in a moment." });
    throw error;
  }
  if (!pipelines.includes(name)) {
    const suggestion = closestMatch(name, pipelines);
    return invalid({
      what: `There is no pipeline named \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : "."}`,
      fix: pipelines.length > 0 ? `Pipelines: ${pipelines.map((p) => `\`${p}\``).join(", ")}.` : "No pipelines exist in this account and region yet.",
    });
  }
  const planId = context.newPlanId();
  const environment = params.environment ?? defaultEnvironment(context.policy);
  return decide(
    context,
    { action: "pipeline", environment, pipelineParameters: parameters },
    {
      id: planId,
      kind: "pipeline",
      title: `Run pipeline ${name}`,
      resourceName: name,
      details: [
        { label: "Pipeline", value: name },
        { label: "Parameters", value: Object.keys(parameters).length > 0 ? Object.entries(parameters).map(([k, v]) => `${k}=${v}`).join(", ") : "(defaults)" },
      ],
      steps: () => [
        {
          operation: "StartPipelineExecution",
          request: {
            PipelineName: name,
            PipelineExecutionDisplayName: `sageops-${planId}`,
            PipelineParameters: Object.entries(parameters).map(([Name, Value]) => ({ Name, Value })),
            // SageMaker starts one execution per token.
            ClientRequestToken: clientRequestToken("plan", planId),
          },
        },
      ],
      track: { type: "pipeline-execution", name },
    },
  );
}
