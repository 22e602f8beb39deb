/**
 * Turns an action request, from a slash command or plain words, into a posted plan, a refusal
 * or a problem. Shared by /train, /deploy, /sageops and the conversation handler.
 */
import type { PlanningResult } from "../actions/planning.js";
import type { Rendered } from "../blocks/kit.js";
import { renderNote, renderProblem, renderRefusal } from "../blocks/notice.js";
import { renderPlan } from "../blocks/plan.js";
import type { BotServices } from "../services.js";

export interface Requester {
  userId: string;
  channelId: string;
}

/**
 * Posts a plan to the channel it was asked in (so its thread can carry approvals and status)
 * and returns what the requester should see privately, if anything.
 */
export async function publishPlanning(result: PlanningResult, requester: Requester, services: BotServices): Promise<Rendered> {
  if (result.kind === "invalid") return renderProblem(result.problem);
  if (result.kind === "refused") {
    services.audit.record({ actor: requester.userId, channel: requester.channelId, kind: "refusal", subject: result.title, outcome: "refused", detail: { rules: result.refusals.map((r) => r.rule) } });
    return renderRefusal(result.title, result.refusals);
  }
  const plan = services.actions.submit(result.plan);
  const { ts } = await services.poster.post(plan.channel, renderPlan(plan, { backendNote: services.backendNote }));
  services.actions.attachMessage(plan.id, ts);
  return renderNote(`I posted the plan for *${plan.title}* above. Check it, then press Confirm within 15 minutes.`);
}
