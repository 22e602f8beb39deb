import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { applyOption } from "../../actions/arguments.js";
import type { Requester } from "../../actions/context.js";
import type { RequestParams } from "../../interpret/schema.js";
import { planReply } from "../action-requests.js";
import { safeOutgoing } from "../blocks/kit.js";
import { renderTrainModal, TRAIN_MODAL } from "../blocks/train-modal.js";
import type { SlackDeps } from "../deps.js";
import { readSubmission } from "./form-values.js";

export async function openTrainModal(client: WebClient, triggerId: string, requester: Requester, deps: Pick<SlackDeps, "policy">): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: safeOutgoing(renderTrainModal(deps.policy, JSON.stringify({ channelId: requester.channelId }))) });
}

/** A field's problem, short enough for Slack's error line under the field. */
function fieldError(what: string, fix?: string): string {
  return `${what} ${fix ?? ""}`.replace(/`/g, "").trim().slice(0, 150);
}

/** Validates the form field by field (errors shown on the fields), then plans as `/train` would. */
export function registerTrainModal(app: App, deps: Pick<SlackDeps, "policy" | "requests" | "poster" | "logger">): void {
  app.view(TRAIN_MODAL.callbackId, async ({ ack, body }) => {
    const form = readSubmission(body);
    if (!form) {
      await ack({ response_action: "errors", errors: { [TRAIN_MODAL.recipe.block]: "This form could not be read; close it and run /train again." } });
      return;
    }
    const errors: Record<string, string> = {};
    const params: RequestParams = {};
    for (const [key, field] of [["data", TRAIN_MODAL.data], ["instance", TRAIN_MODAL.instance], ["count", TRAIN_MODAL.count], ["env", TRAIN_MODAL.environment]] as const) {
      const value = form.read(field);
      if (value === undefined) continue;
      const problem = applyOption(params, key, value.replace(/\s+/g, ""));
      if (problem) errors[field.block] = fieldError(problem.what, problem.fix);
    }
    const recipe = form.read(TRAIN_MODAL.recipe);
    if (!recipe) errors[TRAIN_MODAL.recipe.block] = "Choose a recipe.";
    else if (!deps.policy.recipes[recipe]) errors[TRAIN_MODAL.recipe.block] = `There is no recipe "${recipe}".`;
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const requester = { userId: form.submission.user.id, channelId: form.channelId };
    try {
      const reply = planReply(await deps.requests.train({ ...params, recipe }, {}, requester));
      await deps.poster.ephemeral(requester.channelId, requester.userId, reply);
    } catch (error) {
      deps.logger.error({ err: error }, "could not plan from the /train form");
    }
  });
}
