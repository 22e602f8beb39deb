/**
 * The Slack side of requests: a plan request's result as the requester's private reply, and the
 * read-only answers (status, drift) rendered from the core's results.
 */

import { resourceName } from "../actions/arguments.js";
import type { Requester } from "../actions/context.js";
import type { Plan } from "../actions/plan.js";
import type { Result } from "../kernel/result.js";
import { renderDrift } from "./blocks/drift.js";
import type { Rendered } from "./blocks/kit.js";
import { renderNote, renderProblem, withNote } from "./blocks/notice.js";
import { renderStatusAnswer } from "./blocks/status.js";
import type { SlackDeps } from "./deps.js";

/** A submitted request, as its requester sees it: where the plan went, or what was wrong. */
export function planReply(result: Result<Plan>): Rendered {
  if (!result.ok) return renderProblem(result.problem);
  return result.note ? renderNote(result.note) : { text: "", blocks: [] };
}

/** Status straight from SageMaker: one resource by name, or the requester's and channel's active ones. */
export async function statusReply(name: string | undefined, requester: Requester, deps: Pick<SlackDeps, "status" | "simulationNote">): Promise<Rendered> {
  return withNote(renderStatusAnswer(await deps.status.ask({ name, requester: requester.userId, channel: requester.channelId }), new Date()), deps.simulationNote);
}

/** Model Monitor's latest findings for an endpoint. */
export async function driftReply(endpoint: string | undefined, deps: Pick<SlackDeps, "driftFindings" | "simulationNote">): Promise<Rendered> {
  const checked = resourceName(endpoint, "endpoint", "/sageops drift churn-prod");
  if (!checked.ok) return renderProblem(checked.problem);
  const answer = await deps.driftFindings(checked.value);
  return answer.ok ? withNote(renderDrift(answer.value), deps.simulationNote) : renderProblem(answer.problem);
}
