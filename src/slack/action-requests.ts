/**
 * Action requests by kind, whichever surface they came from: params (from the strict
 * slash-command parser or from the interpreter) to a planner, and the result published.
 */
import { resourceName } from "../actions/arguments.js";
import { parseModelSpec } from "../actions/model-versions.js";
import { planBatch } from "../actions/planners/batch.js";
import { planDeploy } from "../actions/planners/deploy.js";
import { planPipelineStart } from "../actions/planners/pipeline.js";
import { planRollback } from "../actions/planners/rollback.js";
import { planStop } from "../actions/planners/stop.js";
import { planTraining } from "../actions/planners/train.js";
import { planTuning } from "../actions/planners/tune.js";
import type { Rendered } from "./blocks/kit.js";
import { renderProblem, withNote } from "./blocks/notice.js";
import { renderStatusAnswer } from "./blocks/status.js";
import { renderDrift } from "./blocks/drift.js";
import { driftFindings } from "../watch/drift.js";
import type { RequestParams } from "../interpret/schema.js";
import type { BotServices } from "../services.js";
import { publishPlanning, type Requester } from "./requests.js";

export async function requestTraining(params: RequestParams, extra: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  return publishPlanning(planTraining(params, extra, await services.planningContext(requester)), requester, services);
}

export async function requestTuning(params: RequestParams, extra: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  return publishPlanning(planTuning(params, extra, await services.planningContext(requester)), requester, services);
}

export async function requestPipelineStart(name: string | undefined, params: RequestParams, parameters: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!name) return renderProblem({ what: "Which pipeline should I start?", fix: "For example: `/sageops pipeline start churn-retrain`." });
  return publishPlanning(await planPipelineStart(name, params, parameters, await services.planningContext(requester)), requester, services);
}

export async function requestStop(jobName: string | undefined, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!jobName) return renderProblem({ what: "Which training job should I stop?", fix: "For example: `/sageops stop churn-xgb-20261126-101500`; `/sageops status` lists your running jobs." });
  return publishPlanning(await planStop(jobName, await services.planningContext(requester)), requester, services);
}

export async function requestDeploy(spec: string | undefined, endpoint: string | undefined, params: RequestParams, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!spec) return renderProblem({ what: "Which model version should I deploy?", fix: "For example: `/deploy churn-xgb/1 to churn-prod env=prod`, or `/deploy` alone for a form." });
  const model = parseModelSpec(spec);
  if (!model.ok) return renderProblem(model.problem);
  const checked = resourceName(endpoint, "endpoint", `/deploy ${spec} to churn-prod`);
  if (!checked.ok) return renderProblem(checked.problem);
  return publishPlanning(await planDeploy(model.value, checked.value, params, await services.planningContext(requester)), requester, services);
}

export async function requestBatch(spec: string | undefined, params: RequestParams, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!spec) return renderProblem({ what: "Which model version should score the data?", fix: "For example: `/deploy batch churn-xgb/1 input=s3://sageops-demo/churn/score/`." });
  const model = parseModelSpec(spec);
  if (!model.ok) return renderProblem(model.problem);
  return publishPlanning(await planBatch(model.value, params, await services.planningContext(requester)), requester, services);
}

export async function requestRollback(endpoint: string | undefined, params: RequestParams, requester: Requester, services: BotServices): Promise<Rendered> {
  const checked = resourceName(endpoint, "endpoint", "/sageops rollback churn-prod");
  if (!checked.ok) return renderProblem(checked.problem);
  return publishPlanning(await planRollback(checked.value, params.environment, await services.planningContext(requester)), requester, services);
}

/** Status straight from SageMaker: one resource by name, or the requester's and channel's active ones. */
export async function requestStatus(name: string | undefined, requester: Requester, services: BotServices): Promise<Rendered> {
  return withNote(renderStatusAnswer(await services.status.ask({ name, requester: requester.userId, channel: requester.channelId }), new Date()), services.simulationNote);
}

/** Model Monitor's latest findings for an endpoint. */
export async function requestDrift(endpoint: string | undefined, services: BotServices): Promise<Rendered> {
  const checked = resourceName(endpoint, "endpoint", "/sageops drift churn-prod");
  if (!checked.ok) return renderProblem(checked.problem);
  const answer = await driftFindings(services.sagemaker, services.objects, checked.value);
  return answer.ok ? withNote(renderDrift(answer.value), services.simulationNote) : renderProblem(answer.problem);
}
