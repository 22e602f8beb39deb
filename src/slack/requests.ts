/**
 * Turns an action request, from a slash command or plain words, into a posted plan, a refusal
 * or a problem. Shared by /train, /deploy, /sageops and the conversation handler.
 */
import type { PlanningResult } from "../actions/planning.js";
import type { Rendered } from "./blocks/kit.js";
import { renderNote, renderProblem, renderRefusal } from "./blocks/notice.js";
import { renderPlan } from "./blocks/plan.js";
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
  let ts: string;
  try {
    ({ ts } = await services.poster.post(plan.channel, renderPlan(plan, { backendNote: services.backendNote })));
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== "not_in_channel" && code !== "channel_not_found" && code !== "is_archived") throw error;
    // The plan stays pending and expires unseen; nothing can run without its Confirm button.
    return renderProblem({ what: "I can't post the plan in this channel, so nobody could confirm it.", fix: "Invite me with `/invite @sageops` (or ask in a channel I'm in), then ask again." });
  }
  services.actions.attachMessage(plan.id, ts);
  return renderNote(`I posted the plan for *${plan.title}* above. Check it, then press Confirm within 15 minutes.`);
}

/** The Web API's error code (`not_in_channel`, ...) when Slack refused a call. */
function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: unknown }).data;
  return typeof data === "object" && data !== null && "error" in data && typeof data.error === "string" ? data.error : undefined;
}
