import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseArguments, resourceName } from "../../actions/arguments.js";
import { parseModelSpec } from "../../actions/model-versions.js";
import { planDeploy } from "../../actions/planners/deploy.js";
import type { ModelPackageSummary } from "../../kernel/sagemaker-port.js";
import { DEPLOY_MODAL, renderDeployModal, type DeployChoices } from "../blocks/deploy-modal.js";
import { safeOutgoing } from "../blocks/kit.js";
import type { BotServices } from "../../services.js";
import { publishPlanning, type Requester } from "../requests.js";
import { readSubmission } from "./form-values.js";

async function deployChoices(services: BotServices): Promise<DeployChoices> {
  try {
    const groups = await services.sagemaker.listModelPackageGroups();
    const versions: ModelPackageSummary[] = [];
    for (const group of groups.slice(0, 20)) versions.push(...(await services.sagemaker.listModelPackages(group.ModelPackageGroupName)));
    const endpoints = await services.sagemaker.listEndpoints({});
    return { versions, endpoints };
  } catch (error) {
    return { versions: [], endpoints: [], problem: `Could not list the registry or endpoints: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function openDeployModal(client: WebClient, triggerId: string, requester: Requester, services: BotServices): Promise<void> {
  const choices = await deployChoices(services);
  await client.views.open({ trigger_id: triggerId, view: safeOutgoing(renderDeployModal(services.policy, choices, JSON.stringify({ channelId: requester.channelId }))) });
}

/** Checks the form's fields, then plans as `/deploy <version> to <endpoint>` would. */
export function registerDeployModal(app: App, services: BotServices): void {
  app.view(DEPLOY_MODAL.callbackId, async ({ ack, body }) => {
    const form = readSubmission(body);
    if (!form) {
      await ack({ response_action: "errors", errors: { [DEPLOY_MODAL.version.block]: "This form could not be read; close it and run /deploy again." } });
      return;
    }
    const errors: Record<string, string> = {};
    const spec = parseModelSpec(form.read(DEPLOY_MODAL.version) ?? "");
    if (!spec.ok) errors[DEPLOY_MODAL.version.block] = "Choose a model version (group/version).";
    const endpoint = resourceName(form.read(DEPLOY_MODAL.endpoint), "endpoint", "churn-prod");
    if (!endpoint.ok) errors[DEPLOY_MODAL.endpoint.block] = endpoint.problem.what.replace(/`/g, "").slice(0, 150);
    const environment = form.read(DEPLOY_MODAL.environment);
    const envArgs = environment ? parseArguments(`env=${environment}`) : undefined;
    if (envArgs && !envArgs.ok) errors[DEPLOY_MODAL.environment.block] = envArgs.problem.what.replace(/`/g, "").slice(0, 150);
    if (!spec.ok || !endpoint.ok || Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    const requester = { userId: form.submission.user.id, channelId: form.channelId };
    try {
      const params = envArgs?.ok ? envArgs.value.params : {};
      const reply = await publishPlanning(await planDeploy(spec.value, endpoint.value, params, await services.planningContext(requester)), requester, services);
      await services.poster.ephemeral(requester.channelId, requester.userId, reply);
    } catch (error) {
      services.logger.error({ err: error }, "could not plan from the /deploy form");
    }
  });
}
