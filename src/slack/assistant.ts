import { Assistant } from "@slack/bolt";
import { type ConversationDeps, replyToText } from "./conversation.js";
import type { SlackDeps } from "./deps.js";
import { answerOrApologise } from "./errors.js";

/** Prompts offered when a person opens the assistant pane. */
const SUGGESTED_PROMPTS = [
  { title: "Which service detects drift?", message: "Which SageMaker service detects data drift in production?" },
  { title: "The whole lifecycle", message: "Which AWS service fits each stage of the ML lifecycle?" },
  { title: "Batch or real-time?", message: "Batch transform or a real-time endpoint for nightly scoring?" },
  { title: "Train churn-xgb", message: "train churn-xgb in dev" },
];

/** The assistant pane: same answers as a DM, with suggested prompts and a thinking status. */
export function createAssistant(deps: ConversationDeps & Pick<SlackDeps, "logger">): Assistant {
  return new Assistant({
    threadStarted: async ({ say, setSuggestedPrompts }) => {
      await say("Hi! Ask me which AWS service fits a stage of your ML work, or ask me to train, deploy or check on something.");
      await setSuggestedPrompts({ prompts: SUGGESTED_PROMPTS, title: "Try one of these" });
    },
    userMessage: async ({ message, say, setStatus }) => {
      const text = "text" in message && typeof message.text === "string" ? message.text : "";
      const userId = "user" in message && typeof message.user === "string" ? message.user : "";
      if (text.trim() === "" || userId === "") return;
      await setStatus("is thinking…");
      await answerOrApologise(deps.logger, (reply) => say(reply), () => replyToText(text, { userId, channelId: message.channel }, deps, { threadTs: "thread_ts" in message ? message.thread_ts : undefined }));
    },
  });
}
