import { App, type Receiver } from "@slack/bolt";
import type { BotServices } from "../services.js";
import { createAssistant } from "./assistant.js";
import { registerActions } from "./buttons/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { boltLogger } from "./logger.js";
import { dedupeEvents, dedupeReplayedCommands } from "./middleware/dedupe.js";
import { registerViews } from "./views/index.js";

export interface SlackAppOptions {
  receiver: Receiver;
  botToken: string;
  /** Web API base URL (SLACK_API_URL); Slack's own when undefined. */
  apiUrl?: string;
  services: BotServices;
}

/** One App for every run mode: the receiver is the only thing that differs. */
export function createSlackApp(options: SlackAppOptions): App {
  const { services } = options;
  const app = new App({
    token: options.botToken,
    receiver: options.receiver,
    logger: boltLogger(services.logger),
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {},
    // The ledger, not Bolt's in-memory conversation store, is what we rely on across processes.
    convoStore: false,
  });
  app.use(dedupeEvents(services.deliveries));
  app.use(dedupeReplayedCommands(services.deliveries));
  app.assistant(createAssistant(services));
  registerCommands(app, services);
  registerEvents(app, services);
  registerActions(app, services);
  registerViews(app, services);
  app.error(async (error) => {
    services.logger.error({ err: error }, "unhandled Slack listener error");
  });
  return app;
}
