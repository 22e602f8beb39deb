import type { App } from "@slack/bolt";
import type { BotServices } from "../../services.js";
import { replyToText } from "../conversation.js";
import { answerOrApologise } from "../errors.js";

export function registerTrainCommand(app: App, services: BotServices): void {
  app.command("/train", async ({ ack, command, respond }) => {
    await ack();
    await answerOrApologise(services.logger, (message) => respond({ response_type: "ephemeral", ...message }), () => replyToText(`train ${command.text}`, services));
  });
}
