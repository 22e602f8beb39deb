import type { App } from "@slack/bolt";
import { renderHelp } from "../../blocks/help.js";
import { renderProblem } from "../../blocks/notice.js";
import type { BotServices } from "../../services.js";
import { replyToText } from "../conversation.js";
import { answerOrApologise } from "../errors.js";
import { SAGEOPS_SUBCOMMANDS } from "./usage.js";

/** Splits `/sageops <sub> rest` into the subcommand (lower-cased) and the rest as typed. */
export function splitSubcommand(text: string): { sub: string; rest: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { sub: "", rest: "" };
  return { sub: (match[1] ?? "").toLowerCase(), rest: match[2] ?? "" };
}

export function registerSageopsCommand(app: App, services: BotServices): void {
  app.command("/sageops", async ({ ack, command, respond }) => {
    await ack();
    const { sub, rest } = splitSubcommand(command.text);
    await answerOrApologise(services.logger, (message) => respond({ response_type: "ephemeral", ...message }), async () => {
      if (sub === "" || sub === "help") return renderHelp({ backendNote: services.backendNote });
      if (sub === "ask") {
        if (rest.trim() === "") return renderProblem({ what: "`/sageops ask` needs a question.", fix: `Try \`${SAGEOPS_SUBCOMMANDS["ask"]?.example ?? "/sageops ask which service detects data drift?"}\`.` });
        return replyToText(rest, services);
      }
      const known = SAGEOPS_SUBCOMMANDS[sub];
      if (known) return replyToText(`${sub} ${rest}`, services);
      return renderProblem({
        what: `I don't know \`/sageops ${sub}\`.`,
        fix: `Known subcommands: ${Object.keys(SAGEOPS_SUBCOMMANDS).map((name) => `\`${name}\``).join(", ")}. \`/sageops help\` shows each with an example.`,
      });
    });
  });
}
