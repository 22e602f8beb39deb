/**
 * The baseline for ack latency, run as its own process by bench/run.ts: a Bolt app on the same
 * HTTP receiver the bot uses (src/compose/receivers.ts: signature check, replay key, /healthz,
 * answer deadline), with the bot's three slash commands, each of which only acks.
 */
import { App } from "@slack/bolt";
import { createHttpReceiver } from "../src/compose/receivers.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { boltLevelOf, boltLogger } from "../src/slack/logger.js";

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel ?? "info" });
const receiver = createHttpReceiver(config.slack, logger);
const app = new App({
  token: config.slack.botToken,
  receiver,
  logger: boltLogger(logger),
  logLevel: boltLevelOf(logger),
  clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
  convoStore: false,
});
for (const command of ["/sageops", "/train", "/deploy"]) {
  app.command(command, async ({ ack }) => {
    await ack();
  });
}
await receiver.start(config.port);
logger.info({ port: config.port }, "bare Bolt app listening");
