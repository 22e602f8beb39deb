import type { ModalView } from "@slack/types";
import type { Policy } from "../guard/policy.js";

export const TRAIN_MODAL = {
  callbackId: "train_modal",
  recipe: { block: "recipe", action: "recipe_value" },
  data: { block: "data", action: "data_value" },
  instance: { block: "instance", action: "instance_value" },
  count: { block: "count", action: "count_value" },
  environment: { block: "environment", action: "environment_value" },
} as const;

function option(value: string) {
  return { text: { type: "plain_text" as const, text: value.slice(0, 75) }, value };
}

/** The `/train` form: recipe, data, instance type, count and environment from the policy. */
export function renderTrainModal(policy: Policy, privateMetadata: string): ModalView {
  const recipes = Object.keys(policy.recipes).slice(0, 100);
  const environments = Object.keys(policy.environments).slice(0, 100);
  const instanceTypes = [...new Set(Object.values(policy.environments).flatMap((env) => env.instanceTypes))].slice(0, 100);
  return {
    type: "modal",
    callback_id: TRAIN_MODAL.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Train a model" },
    submit: { type: "plain_text", text: "Make a plan" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: TRAIN_MODAL.recipe.block,
        label: { type: "plain_text", text: "Recipe" },
        element: recipes.length > 0
          ? { type: "static_select", action_id: TRAIN_MODAL.recipe.action, options: recipes.map(option) }
          : { type: "plain_text_input", action_id: TRAIN_MODAL.recipe.action, placeholder: { type: "plain_text", text: "no recipes in the policy yet" } },
      },
      {
        type: "input",
        block_id: TRAIN_MODAL.data.block,
        optional: true,
        label: { type: "plain_text", text: "Training data (S3 prefix)" },
        hint: { type: "plain_text", text: "Leave empty to use the recipe's data." },
        element: { type: "plain_text_input", action_id: TRAIN_MODAL.data.action, placeholder: { type: "plain_text", text: "s3://bucket/prefix/" } },
      },
      {
        type: "input",
        block_id: TRAIN_MODAL.instance.block,
        optional: true,
        label: { type: "plain_text", text: "Instance type" },
        element: { type: "static_select", action_id: TRAIN_MODAL.instance.action, options: instanceTypes.map(option) },
      },
      {
        type: "input",
        block_id: TRAIN_MODAL.count.block,
        optional: true,
        label: { type: "plain_text", text: "Instance count" },
        element: { type: "number_input", action_id: TRAIN_MODAL.count.action, is_decimal_allowed: false, min_value: "1", max_value: "100" },
      },
      {
        type: "input",
        block_id: TRAIN_MODAL.environment.block,
        optional: true,
        label: { type: "plain_text", text: "Environment" },
        element: { type: "static_select", action_id: TRAIN_MODAL.environment.action, options: environments.map(option) },
      },
    ],
  };
}
