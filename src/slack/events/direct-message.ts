import type { App } from "@slack/bolt";
import { type ConversationDeps, replyToText } from "../conversation.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";

/** Plain direct messages (the assistant pane's threads are the Assistant's, see assistant.ts). */
export function registerDirectMessage(app: App, deps: ConversationDeps & Pick<SlackDeps, "logger">): void {
  app.message(async ({ message, say }) => {
    if (message.channel_type !== "im" || message.subtype !== undefined) return;
    if ("bot_id" in message && message.bot_id) return;
    const text = message.text ?? "";
    if (text.trim() === "") return;
    await answerOrApologise(deps.logger, (reply) => say(reply), () => replyToText(text, { userId: message.user, channelId: message.channel }, deps, { threadTs: "thread_ts" in message ? message.thread_ts : undefined }));
  });
}
