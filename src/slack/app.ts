import { App, type Receiver } from "@slack/bolt";
import { createAssistant } from "./assistant.js";
import { registerButtons } from "./buttons/index.js";
import { registerCommands } from "./commands/index.js";
import type { SlackDeps } from "./deps.js";
import { registerEvents } from "./events/index.js";
import { type KeptRequests, keepEveryRequest } from "./inbox.js";
import { boltLevelOf, boltLogger } from "./logger.js";
import { refuseOversizedCommands } from "./middleware/command-size.js";
import { registerViews } from "./views/index.js";

export interface SlackAppOptions {
  receiver: Receiver;
  botToken: string;
  /** Web API base URL (SLACK_API_URL); Slack's own when undefined. */
  apiUrl?: string;
  deps: SlackDeps;
}

/**
 * One App for every run mode: the receiver is the only thing that differs. Every request it gets
 * is kept until handled (src/slack/inbox.ts); `requests` handles again what a crash interrupted.
 */
export function createSlackApp(options: SlackAppOptions): { app: App; requests: KeptRequests } {
  const { deps } = options;
  const app = new App({
    token: options.botToken,
    receiver: options.receiver,
    logger: boltLogger(deps.logger),
    logLevel: boltLevelOf(deps.logger),
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {},
    // The ledger, not Bolt's in-memory conversation store, is what we rely on across processes.
    convoStore: false,
  });
  const requests = keepEveryRequest(app, deps.inbox, deps.logger);
  app.use(refuseOversizedCommands());
  app.assistant(createAssistant(deps));
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerButtons(app, deps);
  registerViews(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled Slack listener error");
  });
  return { app, requests };
}
