/**
 * Starts the real bot in HTTP mode with its Web API calls going to the local Slack API
 * stand-in (as a fake Slack) and SageMaker to a sandbox, all on loopback ephemeral ports.
 */
import { Writable } from "node:stream";
import { sandboxTarget } from "../../src/aws/clients.js";
import { loadConfig } from "../../src/config.js";
import { LocalSlackApi } from "../../src/console/slack-api.js";
import { createLogger } from "../../src/logger.js";
import { startBot, type RunningBot } from "../../src/index.js";
import { startSandbox, createManualClock, type Sandbox } from "../../src/sandbox/index.js";
import { SlackHttpClient } from "./slack-http.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-0000-token";

export interface HttpHarness {
  bot: RunningBot;
  slack: LocalSlackApi;
  sandbox: Sandbox;
  client: SlackHttpClient;
  /** Everything the bot logged, as lines of JSON. */
  logs: string[];
  close(): Promise<void>;
}

export async function startHttpHarness(options: { env?: Record<string, string> } = {}): Promise<HttpHarness> {
  const slack = new LocalSlackApi({ channels: { C0MLOPS: "mlops", C0ALERTS: "ml-alerts" } });
  const apiUrl = await slack.start();
  const sandbox = await startSandbox({ clock: createManualClock(Date.parse("2026-11-26T09:00:00Z")) });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    SAGEOPS_DB: ":memory:",
    AWS_ENDPOINT_URL: sandbox.url,
    ...options.env,
  });
  const bot = await startBot({
    config,
    io: { stdin: process.stdin, write: () => undefined },
    port: 0,
    awsTarget: sandboxTarget(sandbox.url, sandbox.region),
    logger: createLogger({ level: "debug", destination }),
  });
  const client = new SlackHttpClient(bot.url ?? "", SIGNING_SECRET);
  return {
    bot,
    slack,
    sandbox,
    client,
    logs,
    async close() {
      await bot.stop();
      await sandbox.close();
      await slack.close();
    },
  };
}
