import type { App } from "@slack/bolt";
import { parseArguments, resourceName } from "../../actions/arguments.js";
import type { Requester } from "../../actions/context.js";
import { ownValue } from "../../kernel/lookup.js";
import { planReply, statusReply } from "../action-requests.js";
import { renderHelp } from "../blocks/help.js";
import type { Rendered } from "../blocks/kit.js";
import { renderProblem } from "../blocks/notice.js";
import { renderPolicySummary } from "../blocks/policy.js";
import { type ConversationDeps, replyToText } from "../conversation.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";
import { audit, freeze, unfreeze } from "./admin.js";
import { driftCommand } from "./drift.js";
import { isModelSubcommand, type ModelCommandDeps, modelCommand } from "./models.js";
import { SAGEOPS_SUBCOMMANDS } from "./usage.js";

/** Splits `/sageops <sub> rest` into the subcommand (lower-cased) and the rest as typed. */
function splitSubcommand(text: string): { sub: string; rest: string } {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!match) return { sub: "", rest: "" };
  return { sub: (match[1] ?? "").toLowerCase(), rest: match[2] ?? "" };
}

type SageopsDeps = ConversationDeps & ModelCommandDeps & Pick<SlackDeps, "logger" | "policy" | "policySource" | "planLife" | "freeze" | "audit" | "driftSubscriptions" | "poster">;

async function tune(rest: string, requester: Requester, deps: Pick<SlackDeps, "requests">): Promise<Rendered> {
  const parsed = parseArguments(rest);
  if (!parsed.ok) return renderProblem(parsed.problem);
  const [recipe, ...more] = parsed.value.words;
  if (more.length > 0) return renderProblem({ what: `I don't know what to do with \`${more.join(" ")}\`.`, fix: "Write options as key=value, e.g. `/sageops tune churn-xgb trials=20 parallel=4 eta=0.01..0.3`." });
  return planReply(await deps.requests.tune({ ...parsed.value.params, recipe }, parsed.value.extra, requester));
}

async function pipeline(rest: string, requester: Requester, deps: Pick<SlackDeps, "requests">): Promise<Rendered> {
  const parsed = parseArguments(rest);
  if (!parsed.ok) return renderProblem(parsed.problem);
  const [verb, name, ...more] = parsed.value.words;
  if (verb !== "start" || more.length > 0) return renderProblem({ what: "I can start pipelines: `/sageops pipeline start <name> [Param=value ...]`.", fix: "For example: `/sageops pipeline start churn-retrain`." });
  const checked = resourceName(name, "pipeline", "/sageops pipeline start churn-retrain");
  if (!checked.ok) return renderProblem(checked.problem);
  return planReply(await deps.requests.startPipeline(checked.value, parsed.value.params, parsed.value.extra, requester));
}

async function stop(rest: string, requester: Requester, deps: Pick<SlackDeps, "requests">): Promise<Rendered> {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return renderProblem({ what: "Stop one job or pipeline run at a time.", fix: "For example: `/sageops stop churn-xgb-20261126-101500` or `/sageops stop churn-retrain`." });
  return planReply(await deps.requests.stop(words[0], requester));
}

/** `/sageops <subcommand> ...`: one small handler per subcommand. */
export function registerSageopsCommand(app: App, deps: SageopsDeps): void {
  app.command("/sageops", async ({ ack, command, respond }) => {
    await ack();
    const { sub, rest } = splitSubcommand(command.text);
    const requester = { userId: command.user_id, channelId: command.channel_id };
    await answerOrApologise(deps.logger, (message) => respond({ response_type: "ephemeral", ...message }), async () => {
      switch (sub) {
        case "":
        case "help":
          return renderHelp({ backendNote: deps.backendNote });
        case "ask":
          if (rest.trim() === "") return renderProblem({ what: "`/sageops ask` needs a question.", fix: `Try \`${SAGEOPS_SUBCOMMANDS["ask"]?.example ?? ""}\`.` });
          return replyToText(rest, requester, deps);
        case "tune":
          return tune(rest, requester, deps);
        case "pipeline":
          return pipeline(rest, requester, deps);
        case "stop":
          return stop(rest, requester, deps);
        case "status": {
          const words = rest.trim().split(/\s+/).filter(Boolean);
          if (words.length > 1) return renderProblem({ what: "Ask about one name at a time.", fix: "For example: `/sageops status churn-prod`, or `/sageops status` for everything of yours that is running." });
          return statusReply(words[0], requester, deps);
        }
        case "drift":
          return driftCommand(rest, requester, deps);
        case "rollback":
          return planReply(await deps.requests.rollback(rest.trim().split(/\s+/)[0] || undefined, {}, requester));
        case "freeze":
          return freeze(rest, requester, deps);
        case "unfreeze":
          return unfreeze(requester, deps);
        case "audit":
          return audit(rest, requester, deps);
        case "policy":
          return renderPolicySummary(deps.policy, requester.userId, deps.policySource);
        default:
          if (isModelSubcommand(sub)) return modelCommand(sub, rest, requester, deps);
          if (ownValue(SAGEOPS_SUBCOMMANDS, sub)) return replyToText(`${sub} ${rest}`, requester, deps);
          return renderProblem({
            what: `I don't know \`/sageops ${sub}\`.`,
            fix: `Known subcommands: ${Object.keys(SAGEOPS_SUBCOMMANDS).map((name) => `\`${name}\``).join(", ")}. \`/sageops help\` shows each with an example.`,
          });
      }
    });
  });
}
