import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { parseArguments } from "../../actions/arguments.js";
import { planTraining } from "../../actions/planners/train.js";
import { renderTrainModal, TRAIN_MODAL } from "../../blocks/train-modal.js";
import type { BotServices } from "../../services.js";
import { publishPlanning, type Requester } from "../requests.js";

const Metadata = z.object({ channelId: z.string().min(1) });

/** The submitted values we read, each optional: Slack omits what the person left empty. */
const Submission = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }))) }),
  }),
});

export async function openTrainModal(client: WebClient, triggerId: string, requester: Requester, services: BotServices): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: renderTrainModal(services.policy, JSON.stringify({ channelId: requester.channelId })) });
}

/** Validates the form field by field (errors shown on the fields), then plans as `/train` would. */
export function registerTrainModal(app: App, services: BotServices): void {
  app.view(TRAIN_MODAL.callbackId, async ({ ack, body }) => {
    const parsed = Submission.safeParse(body);
    const metadata = parsed.success ? Metadata.safeParse(JSON.parse(parsed.data.view.private_metadata || "{}")) : undefined;
    if (!parsed.success || !metadata?.success) {
      await ack({ response_action: "errors", errors: { [TRAIN_MODAL.recipe.block]: "This form could not be read; close it and run /train again." } });
      return;
    }
    const values = parsed.data.view.state.values;
    const read = (field: { block: string; action: string }): string | undefined => {
      const entry = values[field.block]?.[field.action];
      return (entry?.selected_option?.value ?? entry?.value ?? undefined)?.trim() || undefined;
    };
    const recipe = read(TRAIN_MODAL.recipe);
    const errors: Record<string, string> = {};
    const args = [
      ["data", read(TRAIN_MODAL.data), TRAIN_MODAL.data.block],
      ["instance", read(TRAIN_MODAL.instance), TRAIN_MODAL.instance.block],
      ["count", read(TRAIN_MODAL.count), TRAIN_MODAL.count.block],
      ["env", read(TRAIN_MODAL.environment), TRAIN_MODAL.environment.block],
    ] as const;
    let params = {};
    for (const [key, value, block] of args) {
      if (value === undefined) continue;
      const one = parseArguments(`${key}=${value.replace(/\s+/g, "")}`);
      if (one.ok) params = { ...params, ...one.value.params };
      else errors[block] = `${one.problem.what.replace(/`/g, "")} ${one.problem.fix?.replace(/`/g, "") ?? ""}`.trim().slice(0, 150);
    }
    if (!recipe) errors[TRAIN_MODAL.recipe.block] = "Choose a recipe.";
    else if (!services.policy.recipes[recipe]) errors[TRAIN_MODAL.recipe.block] = `There is no recipe "${recipe}".`;
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const requester = { userId: parsed.data.user.id, channelId: metadata.data.channelId };
    try {
      const reply = await publishPlanning(planTraining({ ...params, recipe }, {}, services.planningContext(requester)), requester, services);
      await services.poster.ephemeral(requester.channelId, requester.userId, reply);
    } catch (error) {
      services.logger.error({ err: error }, "could not plan from the /train form");
    }
  });
}
