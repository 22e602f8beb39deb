import { renderHelp } from "../blocks/help.js";
import type { Rendered } from "../blocks/kit.js";
import { renderNote } from "../blocks/notice.js";
import { MUTATING_INTENTS } from "../catalog/ids.js";
import type { Request } from "../interpret/schema.js";
import type { BotServices } from "../services.js";

/**
 * The one answer to a person's words, whatever surface they came from (DM, mention,
 * `/sageops ask`, the assistant pane).
 */
export async function replyToText(text: string, services: BotServices): Promise<Rendered> {
  const request = await services.interpreter.interpret(text);
  return replyToRequest(request, services);
}

export function replyToRequest(request: Request, services: BotServices): Rendered {
  switch (request.intent) {
    case "help":
      return renderHelp({ backendNote: services.backendNote });
    default:
      if (MUTATING_INTENTS.has(request.intent)) {
        return renderNote(`I understood a *${request.intent}* request, but actions are not enabled yet in this version of sageops.`);
      }
      return renderNote("I can answer which AWS service fits each stage of your ML lifecycle, plan guarded training and deployments, and report their status. Try `/sageops help`.");
  }
}
