import type { Policy } from "../../guard/policy.js";
import { ownValue } from "../../kernel/lookup.js";
import type { ModelApprovalStatus } from "../../kernel/sagemaker-port.js";
import { describeVersion, type ModelRef, modelSpec, resolveModelVersion } from "../model-versions.js";
import { decide, defaultEnvironment, invalid, type PlanningContext, type PlanningResult } from "../planning.js";

export type ApprovalDecision = "Approved" | "Rejected";

/** SageMaker's longest ApprovalDescription. */
const DESCRIPTION_MAX = 1024;

/**
 * The environment whose rules govern a group's approvals: the one asked for, else the policy's
 * entry for the group, else the first environment that deploys approved versions only (where an
 * approval matters), else the default.
 */
export function approvalEnvironment(policy: Policy, group: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  const listed = ownValue(policy.modelGroups, group)?.environment;
  if (listed) return listed;
  return Object.entries(policy.environments).find(([, env]) => env.requireApprovedModels)?.[0] ?? defaultEnvironment(policy);
}

/** What SageMaker keeps as the reason: who asked, through which plan, and their note. */
function approvalDescription(decision: ApprovalDecision, requester: string, planId: string, note: string | undefined): string {
  const head = `${decision} through sageops plan ${planId}, requested by Slack user ${requester}`;
  if (!note) return `${head}.`;
  const text = `${head}: ${note.replace(/\s+/g, " ").trim()}`;
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/**
 * `/sageops approve churn-xgb/2 [note]` and `/sageops reject churn-xgb/2 [reason]`: one
 * UpdateModelPackage, under the governing environment's roles, channels, approval and freeze.
 */
export async function planModelApproval(model: ModelRef, decision: ApprovalDecision, note: string | undefined, environment: string | undefined, context: PlanningContext): Promise<PlanningResult> {
  const verb = decision === "Approved" ? "approve" : "reject";
  if (model.version === "latest-approved")
    return invalid({ what: `Which version of ${model.group} should I ${verb}?`, fix: `Name it: \`/sageops ${verb} ${model.group}/2\` (or \`${model.group}/latest\` for the newest); \`/sageops models ${model.group}\` lists them.` });
  const resolved = await resolveModelVersion(context.port, model.group, model.version);
  if (!resolved.ok) return invalid(resolved.problem);
  const pkg = resolved.value;
  const status: ModelApprovalStatus | undefined = pkg.ModelApprovalStatus;
  if (status === decision) return invalid({ what: `${describeVersion(pkg)} is already ${decision}; nothing to change.`, fix: `\`/sageops models ${model.group}\` shows every version's status.` });
  const version = pkg.ModelPackageVersion;
  const spec = version !== undefined ? modelSpec({ group: model.group, version }) : model.group;
  const planId = context.newPlanId();
  return decide(
    context,
    { action: decision === "Approved" ? "approve-model" : "reject-model", environment: approvalEnvironment(context.policy, model.group, environment), model: { packageGroup: model.group, version, approvalStatus: status ?? "unknown", arn: pkg.ModelPackageArn } },
    {
      id: planId,
      kind: decision === "Approved" ? "approve-model" : "reject-model",
      title: `${decision === "Approved" ? "Approve" : "Reject"} ${spec}`,
      resourceName: spec,
      details: [
        { label: "Model version", value: spec },
        { label: "Status now", value: status ?? "unknown" },
        { label: "Status after", value: decision },
        ...(note ? [{ label: decision === "Approved" ? "Note" : "Reason", value: note }] : []),
        ...(decision === "Approved" ? [{ label: "Then", value: `deployable wherever only approved versions are, e.g. \`/deploy ${spec} to <endpoint>\`` }] : []),
      ],
      steps: () => [{ operation: "UpdateModelPackage", request: { ModelPackageArn: pkg.ModelPackageArn, ModelApprovalStatus: decision, ApprovalDescription: approvalDescription(decision, context.requester.userId, planId, note) } }],
    },
  );
}
