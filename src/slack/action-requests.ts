/**
 * Action requests by kind, whichever surface they came from: params (from the strict
 * slash-command parser or from the interpreter) to a planner, and the result published.
 */
import { planPipelineStart } from "../actions/planners/pipeline.js";
import { planStop } from "../actions/planners/stop.js";
import { planTraining } from "../actions/planners/train.js";
import { planTuning } from "../actions/planners/tune.js";
import type { Rendered } from "../blocks/kit.js";
import { renderProblem } from "../blocks/notice.js";
import type { RequestParams } from "../interpret/schema.js";
import type { BotServices } from "../services.js";
import { publishPlanning, type Requester } from "./requests.js";

export async function requestTraining(params: RequestParams, extra: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  return publishPlanning(planTraining(params, extra, services.planningContext(requester)), requester, services);
}

export async function requestTuning(params: RequestParams, extra: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  return publishPlanning(planTuning(params, extra, services.planningContext(requester)), requester, services);
}

export async function requestPipelineStart(name: string | undefined, params: RequestParams, parameters: Record<string, string>, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!name) return renderProblem({ what: "Which pipeline should I start?", fix: "For example: `/sageops pipeline start churn-retrain`." });
  return publishPlanning(await planPipelineStart(name, params, parameters, services.planningContext(requester)), requester, services);
}

export async function requestStop(jobName: string | undefined, requester: Requester, services: BotServices): Promise<Rendered> {
  if (!jobName) return renderProblem({ what: "Which training job should I stop?", fix: "For example: `/sageops stop churn-xgb-20261126-101500`; `/sageops status` lists your running jobs." });
  return publishPlanning(await planStop(jobName, services.planningContext(requester)), requester, services);
}
