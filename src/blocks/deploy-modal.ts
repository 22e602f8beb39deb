import type { KnownBlock, ModalView } from "@slack/types";
import type { ModelPackageSummary } from "../actions/port.js";
import { describeVersion } from "../actions/model-versions.js";
import type { Policy } from "../guard/policy.js";

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

function option(text: string, value: string) {
  return { text: { type: "plain_text" as const, text: text.slice(0, 75) }, value };
}

/** The `/deploy` form: every group's versions with their approval status, and the endpoints. */
export function renderDeployModal(policy: Policy, choices: DeployChoices, privateMetadata: string): ModalView {
  const versions = choices.versions.slice(0, 100);
  const endpointList = choices.endpoints.map((e) => `• ${e.EndpointName} (${e.EndpointStatus})`).join("\n");
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*Registered versions*\n${versions.length > 0 ? versions.map((v) => `• ${describeVersion(v)}`).join("\n") : "none"}`.slice(0, 3000) } },
    { type: "section", text: { type: "mrkdwn", text: `*Endpoints*\n${endpointList || "none yet"}`.slice(0, 3000) } },
  ];
  if (choices.problem) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `:warning: ${choices.problem}` }] });
  blocks.push(
    {
      type: "input",
      block_id: DEPLOY_MODAL.version.block,
      label: { type: "plain_text", text: "Model version" },
      element:
        versions.length > 0
          ? { type: "static_select", action_id: DEPLOY_MODAL.version.action, options: versions.map((v) => option(describeVersion(v), `${v.ModelPackageGroupName ?? ""}/${v.ModelPackageVersion ?? 0}`)) }
          : { type: "plain_text_input", action_id: DEPLOY_MODAL.version.action, placeholder: { type: "plain_text", text: "group/version, e.g. churn-xgb/1" } },
    },
    {
      type: "input",
      block_id: DEPLOY_MODAL.endpoint.block,
      label: { type: "plain_text", text: "Endpoint (existing or new)" },
      element: { type: "plain_text_input", action_id: DEPLOY_MODAL.endpoint.action, placeholder: { type: "plain_text", text: "churn-prod" } },
    },
    {
      type: "input",
      block_id: DEPLOY_MODAL.environment.block,
      optional: true,
      label: { type: "plain_text", text: "Environment" },
      element: { type: "static_select", action_id: DEPLOY_MODAL.environment.action, options: Object.keys(policy.environments).slice(0, 100).map((name) => option(name, name)) },
    },
  );
  return {
    type: "modal",
    callback_id: DEPLOY_MODAL.callbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Deploy a model" },
    submit: { type: "plain_text", text: "Make a plan" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}
