import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { applyOption, resourceName } from "../../actions/arguments.js";
import type { Requester } from "../../actions/context.js";
import { parseModelSpec } from "../../actions/model-versions.js";
import type { RequestParams } from "../../interpret/schema.js";
import type { ModelPackageSummary } from "../../kernel/sagemaker-port.js";
import { planReply } from "../action-requests.js";
import { DEPLOY_MODAL, type DeployChoices, renderDeployModal } from "../blocks/deploy-modal.js";
import { safeOutgoing } from "../blocks/kit.js";
import type { SlackDeps } from "../deps.js";
import { readSubmission } from "./form-values.js";

async function deployChoices(registry: SlackDeps["registry"]): Promise<DeployChoices> {
  try {
    const groups = await registry.listModelPackageGroups();
    const versions: ModelPackageSummary[] = [];
    for (const group of groups.slice(0, 20)) versions.push(...(await registry.listModelPackages(group.ModelPackageGroupName)));
    const endpoints = await registry.listEndpoints({});
    return { versions, endpoints };
  } catch (error) {
    return { versions: [], endpoints: [], problem: `Could not list the registry or endpoints: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function openDeployModal(client: WebClient, triggerId: string, requester: Requester, deps: Pick<SlackDeps, "policy" | "registry">): Promise<void> {
  const choices = await deployChoices(deps.registry);
  await client.views.open({ trigger_id: triggerId, view: safeOutgoing(renderDeployModal(deps.policy, choices, JSON.stringify({ channelId: requester.channelId }))) });
}

/** A field's problem, short enough for Slack's error line under the field. */
function fieldError(what: string): string {
  return what.replace(/`/g, "").slice(0, 150);
}

/** Checks the form's fields, then plans as `/deploy <version> to <endpoint>` would. */
export function registerDeployModal(app: App, deps: Pick<SlackDeps, "requests" | "poster" | "logger">): void {
  app.view(DEPLOY_MODAL.callbackId, async ({ ack, body }) => {
    const form = readSubmission(body);
    if (!form) {
      await ack({ response_action: "errors", errors: { [DEPLOY_MODAL.version.block]: "This form could not be read; close it and run /deploy again." } });
      return;
    }
    const errors: Record<string, string> = {};
    const model = parseModelSpec(form.read(DEPLOY_MODAL.version) ?? "");
    if (!model.ok) errors[DEPLOY_MODAL.version.block] = "Choose a model version (group/version).";
    const endpoint = resourceName(form.read(DEPLOY_MODAL.endpoint), "endpoint", "churn-prod");
    if (!endpoint.ok) errors[DEPLOY_MODAL.endpoint.block] = fieldError(endpoint.problem.what);
    const params: RequestParams = {};
    const environment = form.read(DEPLOY_MODAL.environment);
    const envProblem = environment ? applyOption(params, "env", environment) : undefined;
    if (envProblem) errors[DEPLOY_MODAL.environment.block] = fieldError(envProblem.what);
    if (!model.ok || !endpoint.ok || Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const requester = { userId: form.submission.user.id, channelId: form.channelId };
    try {
      const reply = planReply(await deps.requests.deploy(model.value, endpoint.value, params, requester));
      await deps.poster.ephemeral(requester.channelId, requester.userId, reply);
    } catch (error) {
      deps.logger.error({ err: error }, "could not plan from the /deploy form");
    }
  });
}
