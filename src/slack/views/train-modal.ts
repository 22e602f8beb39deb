import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseArguments } from "../../actions/arguments.js";
import { planTraining } from "../../actions/planners/train.js";
import { safeOutgoing } from "../blocks/kit.js";
import { renderTrainModal, TRAIN_MODAL } from "../blocks/train-modal.js";
import type { RequestParams } from "../../interpret/schema.js";
import type { BotServices } from "../../services.js";
import { publishPlanning, type Requester } from "../requests.js";
import { readSubmission } from "./form-values.js";

export async function openTrainModal(client: WebClient, triggerId: string, requester: Requester, services: BotServices): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: safeOutgoing(renderTrainModal(services.policy, JSON.stringify({ channelId: requester.channelId }))) });
}

/** A field's problem, short enough for Slack's error line under the field. */
function fieldError(what: string, fix?: string): string {
  return `${what} ${fix ?? ""}`.replace(/`/g, "").trim().slice(0, 150);
}

/** Validates the form field by field (errors shown on the fields), then plans as `/train` would. */
export function registerTrainModal(app: App, services: BotServices): void {
  app.view(TRAIN_MODAL.callbackId, async ({ ack, body }) => {
    const form = readSubmission(body);
    if (!form) {
      await ack({ response_action: "errors", errors: { [TRAIN_MODAL.recipe.block]: "This form could not be read; close it and run /train again." } });
      return;
    }
    const errors: Record<string, string> = {};
    let params: RequestParams = {};
    for (const [key, field] of [["data", TRAIN_MODAL.data], ["instance", TRAIN_MODAL.instance], ["count", TRAIN_MODAL.count], ["env", TRAIN_MODAL.environment]] as const) {
      const value = form.read(field);
      if (value === undefined) continue;
      const one = parseArguments(`${key}=${value.replace(/\s+/g, "")}`);
      if (one.ok) params = { ...params, ...one.value.params };
      else errors[field.block] = fieldError(one.problem.what, one.problem.fix);
    }
    const recipe = form.read(TRAIN_MODAL.recipe);
    if (!recipe) errors[TRAIN_MODAL.recipe.block] = "Choose a recipe.";
    else if (!services.policy.recipes[recipe]) errors[TRAIN_MODAL.recipe.block] = `There is no recipe "${recipe}".`;
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const requester = { userId: form.submission.user.id, channelId: form.channelId };
    try {
      const reply = await publishPlanning(planTraining({ ...params, recipe }, {}, await services.planningContext(requester)), requester, services);
      await services.poster.ephemeral(requester.channelId, requester.userId, reply);
    } catch (error) {
      services.logger.error({ err: error }, "could not plan from the /train form");
    }
  });
}
