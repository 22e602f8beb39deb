/** `/sageops freeze|unfreeze|audit`: admins only. */

import type { Requester } from "../../actions/context.js";
import { isAdmin } from "../../guard/checks.js";
import { renderAudit } from "../blocks/audit.js";
import type { Rendered } from "../blocks/kit.js";
import { renderNote, renderProblem } from "../blocks/notice.js";
import type { SlackDeps } from "../deps.js";

function notAdmin(what: string): Rendered {
  return renderProblem({ what: `Only sageops admins can ${what}.`, fix: "Admins are listed under `admins:` in the policy file." });
}

export async function freeze(reason: string, requester: Requester, deps: Pick<SlackDeps, "policy" | "freeze" | "audit">): Promise<Rendered> {
  if (!isAdmin(deps.policy, requester.userId)) return notAdmin("freeze actions");
  deps.freeze.freeze(requester.userId, reason.trim() || undefined);
  deps.audit.record({ actor: requester.userId, channel: requester.channelId, kind: "freeze", outcome: "frozen", detail: { reason } });
  return renderNote(`:ice_cube: Frozen: no training, tuning, pipeline run or deployment will start until an admin runs \`/sageops unfreeze\`.${reason.trim() ? ` Reason: ${reason.trim()}` : ""}`);
}

export async function unfreeze(requester: Requester, deps: Pick<SlackDeps, "policy" | "freeze" | "audit" | "planLife">): Promise<Rendered> {
  if (!isAdmin(deps.policy, requester.userId)) return notAdmin("unfreeze actions");
  deps.freeze.unfreeze(requester.userId);
  deps.audit.record({ actor: requester.userId, channel: requester.channelId, kind: "freeze", outcome: "unfrozen" });
  const resumed = await deps.planLife.resume();
  return renderNote(`Unfrozen: actions run again.${resumed.length > 0 ? ` ${resumed.length} approved plan(s) held by the freeze were started.` : ""}`);
}

export function audit(countText: string, requester: Requester, deps: Pick<SlackDeps, "policy" | "audit">): Rendered {
  if (!isAdmin(deps.policy, requester.userId)) return notAdmin("read the audit log");
  const count = countText.trim() === "" ? 20 : Number(countText.trim());
  if (!Number.isInteger(count) || count < 1 || count > 200) return renderProblem({ what: `\`${countText.trim()}\` is not a number of records I can show.`, fix: "Give a whole number from 1 to 200, e.g. `/sageops audit 20`." });
  return renderAudit(deps.audit.latest(count));
}
