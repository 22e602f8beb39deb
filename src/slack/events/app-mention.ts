import type { App } from "@slack/bolt";
import { type ConversationDeps, replyToText } from "../conversation.js";
import type { SlackDeps } from "../deps.js";
import { answerOrApologise } from "../errors.js";

/** A mention in a channel is answered in its thread, so the channel stays readable. */
export function registerAppMention(app: App, deps: ConversationDeps & Pick<SlackDeps, "logger">): void {
  app.event("app_mention", async ({ event, say }) => {
    // Slack always names who mentioned the bot; a delivery that does not has nobody to plan for or answer.
    const userId = event.user;
    if (typeof userId !== "string" || userId === "") return;
    const threadTs = event.thread_ts ?? event.ts;
    const text = typeof event.text === "string" ? event.text : "";
    await answerOrApologise(deps.logger, (message) => say({ ...message, thread_ts: threadTs }), () => replyToText(text, { userId, channelId: event.channel }, deps, { threadTs }));
  });
}
