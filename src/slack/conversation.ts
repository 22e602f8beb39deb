import { renderHelp } from "./blocks/help.js";
import type { Rendered } from "./blocks/kit.js";
import { withNote } from "./blocks/notice.js";
import { renderAnswer } from "./blocks/answer.js";
import { composeAnswer } from "../catalog/answer.js";
import type { Request } from "../interpret/schema.js";
import type { BotServices } from "../services.js";
import { requestBatch, requestDeploy, requestPipelineStart, requestDrift, requestRollback, requestStatus, requestStop, requestTraining, requestTuning } from "./action-requests.js";
import type { Requester } from "./requests.js";

/**
 * The one answer to a person's words, whatever surface they came from (DM, mention,
 * `/sageops ask`, the assistant pane).
 */
export async function replyToText(text: string, requester: Requester, services: BotServices): Promise<Rendered> {
  const request = await services.interpreter.interpret(text);
  return replyToRequest(request, requester, services);
}

export async function replyToRequest(request: Request, requester: Requester, services: BotServices): Promise<Rendered> {
  const params = request.params;
  switch (request.intent) {
    case "help":
      return renderHelp({ backendNote: services.backendNote });
    case "train":
      return requestTraining(params, {}, requester, services);
    case "tune":
      return requestTuning(params, {}, requester, services);
    case "pipeline":
      return requestPipelineStart(params.pipelineName, params, params.hyperparameters ?? {}, requester, services);
    case "stop":
      return requestStop(params.jobName, requester, services);
    case "drift":
      return requestDrift(params.endpointName, services);
    case "status":
      return requestStatus(params.jobName ?? params.endpointName ?? params.pipelineName, requester, services);
    case "deploy": {
      if (params.deployMode === "rollback") return requestRollback(params.endpointName, params, requester, services);
      const version = params.modelVersion;
      const spec = params.modelPackageGroup ? `${params.modelPackageGroup}${typeof version === "number" ? `/${version}` : version === "latest" ? "/latest" : "@latest-approved"}` : undefined;
      if (params.deployMode === "batch") return requestBatch(spec, params, requester, services);
      return requestDeploy(spec, params.endpointName, params, requester, services);
    }
    default:
      // ask, and anything not understood (which gets what the bot can do).
      return withNote(renderAnswer(composeAnswer(request)), request.intent === "ask" ? undefined : services.backendNote);
  }
}
