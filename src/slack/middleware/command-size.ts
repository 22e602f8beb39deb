import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { safeOutgoing } from "../blocks/kit.js";
import { renderProblem } from "../blocks/notice.js";

/** The longest slash-command text read: a command, its options and a few S3 URIs fit many times over. */
export const MAX_COMMAND_CHARS = 8000;

/**
 * A slash command longer than anything sageops reads is answered at once with its length, rather
 * than planned into a message Slack would refuse ("something went wrong" tells nobody anything).
 */
export function refuseOversizedCommands(): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, next } = args;
    const text = typeof body === "object" && body !== null && "command" in body && "text" in body && typeof body.text === "string" ? body.text : undefined;
    if (text === undefined || text.length <= MAX_COMMAND_CHARS) {
      await next();
      return;
    }
    if ("ack" in args && typeof args.ack === "function") await args.ack();
    if ("respond" in args && typeof args.respond === "function") {
      const problem = renderProblem({
        what: `That command is ${text.length.toLocaleString("en-US")} characters long; sageops reads commands up to ${MAX_COMMAND_CHARS.toLocaleString("en-US")}.`,
        fix: "Give the options that differ from the recipe, not a whole file: `/train churn-xgb instance=ml.m5.2xlarge max_depth=6`.",
      });
      await args.respond({ response_type: "ephemeral", ...safeOutgoing(problem) });
    }
  };
}
