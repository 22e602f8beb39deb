import type { ModalView } from "@slack/types";
import { describeVersion } from "../../actions/model-versions.js";
import type { Policy } from "../../guard/policy.js";
import type { ModelPackageSummary } from "../../kernel/sagemaker-port.js";
import { context, type KnownBlock, planModal, section, selectInput, selectOption, textInput } from "./kit.js";

export const DEPLOY_MODAL = {
  callbackId: "deploy_modal",
  version: { block: "version", action: "version_value" },
  endpoint: { block: "endpoint", action: "endpoint_value" },
  environment: { block: "environment", action: "environment_value" },
} as const;

export interface DeployChoices {
  versions: ModelPackageSummary[];
  endpoints: { EndpointName: string; EndpointStatus: string }[];
  /** Set when the registry or endpoints could not be listed. */
  problem?: string;
}

/** The `/deploy` form: every group's versions with their approval status, and the endpoints. */
export function renderDeployModal(policy: Policy, choices: DeployChoices, privateMetadata: string): ModalView {
  const endpointList = choices.endpoints.map((e) => `• ${e.EndpointName} (${e.EndpointStatus})`).join("\n");
  const blocks: KnownBlock[] = [
    section(`*Registered versions*\n${choices.versions.length > 0 ? choices.versions.map((v) => `• ${describeVersion(v)}`).join("\n") : "none"}`),
    section(`*Endpoints*\n${endpointList || "none yet"}`),
  ];
  if (choices.problem) blocks.push(context(`:warning: ${choices.problem}`));
  blocks.push(
    selectInput(
      DEPLOY_MODAL.version,
      "Model version",
      choices.versions.map((v) => selectOption(describeVersion(v), `${v.ModelPackageGroupName ?? ""}/${v.ModelPackageVersion ?? 0}`)),
      { placeholderWhenEmpty: "group/version, e.g. churn-xgb/1" },
    ),
    textInput(DEPLOY_MODAL.endpoint, "Endpoint (existing or new)", { placeholder: "churn-prod" }),
    selectInput(DEPLOY_MODAL.environment, "Environment", Object.keys(policy.environments).map((name) => selectOption(name)), { optional: true }),
  );
  return planModal({ callbackId: DEPLOY_MODAL.callbackId, privateMetadata, title: "Deploy a model", blocks });
}
