/**
 * Action requests by kind, whichever surface they came from (slash command, form, plain words):
 * structured parameters to a planner, in the requester's planning context, and the decision
 * submitted, so a plan is stored and posted, or the refusal audited and explained.
 */
import { policyWatch } from "../guard/drift-access.js";
import type { Policy } from "../guard/policy.js";
import type { RequestParams } from "../interpret/schema.js";
import { pipelineNameFromArn } from "../kernel/resources.js";
import { type Choice, fail, type Result } from "../kernel/result.js";
import { SageMakerError } from "../kernel/sagemaker-port.js";
import { resourceName } from "./arguments.js";
import type { PlanningContextSource, Requester } from "./context.js";
import { type ModelRef, modelSpec } from "./model-versions.js";
import type { Plan } from "./plan.js";
import { planBatch } from "./planners/batch.js";
import { planDeploy } from "./planners/deploy.js";
import { type ApprovalDecision, planModelApproval } from "./planners/model-approval.js";
import { planPipelineStart } from "./planners/pipeline.js";
import { planRollback } from "./planners/rollback.js";
import { planStop } from "./planners/stop.js";
import { planTraining } from "./planners/train.js";
import { planTuning } from "./planners/tune.js";
import { MAX_CHOICES, type PlanningResult } from "./planning.js";

const NO_MODEL_TO_DEPLOY = { what: "Which model version should I deploy?", fix: "For example: `/deploy churn-xgb/1 to churn-prod env=prod`, or `/deploy` alone for a form." };

function groupOfVersionAsked(version: ModelRef["version"], command: string, rest: string) {
  const shown = typeof version === "number" ? `version ${version}` : version === "latest" ? "the latest version" : "the latest approved version";
  return { what: `Which model package group is ${shown} from?`, fix: `Name the group with the version, for example: \`${command} ${modelSpec({ group: "churn-xgb", version })} ${rest}\`.` };
}

export interface ActionRequestsDeps {
  policy: Policy;
  context: PlanningContextSource;
  plans: { submit(result: PlanningResult, requester: Requester): Promise<Result<Plan>> };
}

export class ActionRequests {
  constructor(private readonly deps: ActionRequestsDeps) {}

  async train(params: RequestParams, extra: Record<string, string>, requester: Requester): Promise<Result<Plan>> {
    return this.deps.plans.submit(planTraining(params, extra, await this.deps.context(requester)), requester);
  }

  async tune(params: RequestParams, extra: Record<string, string>, requester: Requester): Promise<Result<Plan>> {
    return this.deps.plans.submit(planTuning(params, extra, await this.deps.context(requester)), requester);
  }

  async startPipeline(name: string | undefined, params: RequestParams, parameters: Record<string, string>, requester: Requester): Promise<Result<Plan>> {
    if (!name) return fail({ what: "Which pipeline should I start?", fix: "For example: `/sageops pipeline start churn-retrain`.", choices: await this.pipelineChoices(requester) });
    const checked = resourceName(name, "pipeline", "/sageops pipeline start churn-retrain");
    if (!checked.ok) return checked;
    return this.deps.plans.submit(await planPipelineStart(checked.value, params, parameters, await this.deps.context(requester)), requester);
  }

  /** The account's pipelines as picks for a start that named none; none when SageMaker cannot list them now. */
  private async pipelineChoices(requester: Requester): Promise<Choice[]> {
    try {
      const pipelines = await (await this.deps.context(requester)).port.listPipelines();
      return pipelines.slice(0, MAX_CHOICES).map((pipeline) => ({ label: `Start pipeline ${pipeline.name}`, text: `pipeline start ${pipeline.name}` }));
    } catch (error) {
      if (error instanceof SageMakerError) return [];
      throw error;
    }
  }

  /** A training or tuning job by name, a pipeline's run in progress by the pipeline's name, or a run by its ARN. */
  async stop(name: string | undefined, requester: Requester): Promise<Result<Plan>> {
    if (!name) return fail({ what: "Which job or pipeline run should I stop?", fix: "For example: `/sageops stop churn-xgb-20261126-101500` or `/sageops stop churn-retrain`; `/sageops status` lists your running jobs." });
    const checked = pipelineNameFromArn(name) ? { ok: true as const, value: name } : resourceName(name, "job or pipeline", "/sageops stop churn-xgb-20261126-101500");
    if (!checked.ok) return checked;
    return this.deps.plans.submit(await planStop(checked.value, await this.deps.context(requester)), requester);
  }

  async deploy(named: ModelRef | undefined, endpoint: string | undefined, params: RequestParams, requester: Requester): Promise<Result<Plan>> {
    const model = named ?? this.versionOfSoleGroup(params);
    if (!model) return fail(params.modelVersion === undefined ? NO_MODEL_TO_DEPLOY : groupOfVersionAsked(params.modelVersion, "/deploy", "to churn-prod"));
    const checked = resourceName(endpoint, "endpoint", `/deploy ${modelSpec(model)} to churn-prod`);
    if (!checked.ok) return checked;
    return this.deps.plans.submit(await planDeploy(model, checked.value, params, await this.deps.context(requester)), requester);
  }

  async batch(named: ModelRef | undefined, params: RequestParams, requester: Requester): Promise<Result<Plan>> {
    const model = named ?? this.versionOfSoleGroup(params);
    if (!model) {
      if (params.modelVersion !== undefined) return fail(groupOfVersionAsked(params.modelVersion, "/deploy batch", "input=s3://sageops-demo/churn/score/"));
      return fail({ what: "Which model version should score the data?", fix: "For example: `/deploy batch churn-xgb/1 input=s3://sageops-demo/churn/score/`." });
    }
    return this.deps.plans.submit(await planBatch(model, params, await this.deps.context(requester)), requester);
  }

  /**
   * "deploy v2 to churn-staging": a version named without its group is a version of the one model
   * group the policy governs, when it governs exactly one; else the group is asked for.
   */
  private versionOfSoleGroup(params: RequestParams): ModelRef | undefined {
    const groups = Object.keys(this.deps.policy.modelGroups);
    const [group] = groups;
    return params.modelVersion !== undefined && groups.length === 1 && group !== undefined ? { group, version: params.modelVersion } : undefined;
  }

  /** `/sageops approve churn-xgb/2 [note]` and `/sageops reject churn-xgb/2 [reason]`. */
  async setModelApproval(model: ModelRef | undefined, decision: ApprovalDecision, note: string | undefined, params: RequestParams, requester: Requester): Promise<Result<Plan>> {
    const verb = decision === "Approved" ? "approve" : "reject";
    if (!model) return fail({ what: `Which model version should I ${verb}?`, fix: `For example: \`/sageops ${verb} churn-xgb/2${decision === "Approved" ? " offline AUC checked" : " recall too low"}\`; \`/sageops models\` lists the groups.` });
    return this.deps.plans.submit(await planModelApproval(model, decision, note, params.environment, await this.deps.context(requester)), requester);
  }

  async rollback(endpoint: string | undefined, params: RequestParams, requester: Requester): Promise<Result<Plan>> {
    const checked = resourceName(endpoint, "endpoint", "/sageops rollback churn-prod");
    if (!checked.ok) return checked;
    return this.deps.plans.submit(await planRollback(checked.value, params.environment, await this.deps.context(requester)), requester);
  }

  /**
   * Retraining for a drifting endpoint, as the policy links it (a recipe or a pipeline), asked for
   * by the person who pressed Retrain on its alert. The plan goes to the alert's channel when the
   * environment lets actions be requested there, else to the environment's own channel; it needs
   * confirming (and approving, where the policy says) like any other.
   */
  async retrain(endpoint: string, requester: Requester): Promise<Result<Plan>> {
    const entry = policyWatch(this.deps.policy, endpoint);
    const retrain = entry?.watch.retrain;
    if (!entry || !retrain)
      return fail({
        what: `The policy links no retraining to \`${endpoint}\`.`,
        fix: "An admin can add `retrain: { recipe: <name> }` (or `{ pipeline: <name> }`) to its entry under `environments.<env>.drift.watch` in the policy file.",
      });
    const environment = retrain.environment ?? ("recipe" in retrain ? this.deps.policy.recipes[retrain.recipe]?.environment : undefined) ?? entry.environment;
    const channels = this.deps.policy.environments[environment]?.channels ?? [];
    const channelId = channels.includes("*") || channels.includes(requester.channelId) ? requester.channelId : (channels[0] ?? requester.channelId);
    const asked = { userId: requester.userId, channelId };
    const result = "recipe" in retrain ? await this.train({ recipe: retrain.recipe, environment }, {}, asked) : await this.startPipeline(retrain.pipeline, { environment }, {}, asked);
    if (!result.ok || channelId === requester.channelId) return result;
    return { ...result, note: `I posted the retraining plan in <#${channelId}>, where ${environment} actions are requested. Check it, then press Confirm within 15 minutes.` };
  }
}
