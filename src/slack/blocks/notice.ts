import type { Refusal } from "../../guard/checks.js";
import type { Problem } from "../../kernel/result.js";
import { choiceButtons } from "./choices.js";
import { context, defuseBroadcasts, type KnownBlock, type Rendered, section } from "./kit.js";

/**
 * A short message that says what was wrong and how to fix it; used for every user-facing
 * refusal or error, so they all read the same way.
 */
export function renderProblem(problem: Problem): Rendered {
  const lines = [`:warning: ${problem.what}`];
  if (problem.detail && problem.detail.length > 0) lines.push(problem.detail.map((line) => `• ${line}`).join("\n"));
  if (problem.fix) lines.push(problem.fix);
  const blocks: KnownBlock[] = [section(lines.join("\n"))];
  const choices = problem.choices ? choiceButtons(problem.choices, { neither: false }) : undefined;
  if (choices) blocks.push(choices);
  return { text: defuseBroadcasts(lines.join("\n")), blocks };
}

/** A plain informational note, e.g. "not enabled yet". */
export function renderNote(note: string, footnote?: string): Rendered {
  const blocks: KnownBlock[] = [section(note)];
  if (footnote) blocks.push(context(footnote));
  return { text: footnote ? `${note}\n${footnote}` : note, blocks };
}

/** The guard's refusal: every rule that failed, each saying what would be allowed instead. */
export function renderRefusal(title: string, refusals: readonly Refusal[]): Rendered {
  return renderProblem({
    what: `I can't plan *${title}*: the policy does not allow it.`,
    detail: refusals.map((refusal) => refusal.message),
    fix: "Change the request as above and ask again; `/sageops policy` shows what you may do.",
  });
}

/** The same message with a footnote (e.g. that its data is simulated), when there is one. */
export function withNote(message: Rendered, note: string | undefined): Rendered {
  return note ? { text: `${message.text}\n${note}`, blocks: [...message.blocks, context(note)] } : message;
}
