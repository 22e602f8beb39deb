import type { ModalView } from "@slack/types";
import type { Policy } from "../../guard/policy.js";
import { numberInput, planModal, selectInput, selectOption, textInput } from "./kit.js";

export const TRAIN_MODAL = {
  callbackId: "train_modal",
  recipe: { block: "recipe", action: "recipe_value" },
  data: { block: "data", action: "data_value" },
  instance: { block: "instance", action: "instance_value" },
  count: { block: "count", action: "count_value" },
  environment: { block: "environment", action: "environment_value" },
} as const;

/** The `/train` form: recipe, data, instance type, count and environment from the policy. */
export function renderTrainModal(policy: Policy, privateMetadata: string): ModalView {
  const instanceTypes = [...new Set(Object.values(policy.environments).flatMap((env) => env.instanceTypes))];
  return planModal({
    callbackId: TRAIN_MODAL.callbackId,
    privateMetadata,
    title: "Train a model",
    blocks: [
      selectInput(TRAIN_MODAL.recipe, "Recipe", Object.keys(policy.recipes).map((name) => selectOption(name)), { placeholderWhenEmpty: "no recipes in the policy yet" }),
      textInput(TRAIN_MODAL.data, "Training data (S3 prefix)", { optional: true, placeholder: "s3://bucket/prefix/", hint: "Leave empty to use the recipe's data." }),
      selectInput(TRAIN_MODAL.instance, "Instance type", instanceTypes.map((type) => selectOption(type)), { optional: true }),
      numberInput(TRAIN_MODAL.count, "Instance count", { min: 1, max: 100 }, { optional: true }),
      selectInput(TRAIN_MODAL.environment, "Environment", Object.keys(policy.environments).map((name) => selectOption(name)), { optional: true }),
    ],
  });
}
