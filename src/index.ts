/**
 * The composition root: from a Config, build the store, the AWS side (the configured account
 * or the embedded sandbox), the interpreter and the Slack App with the receiver the run mode
 * asks for; start it, and stop it cleanly.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTPReceiver, SocketModeReceiver, type App, type Receiver } from "@slack/bolt";
import { awsTargetFromConfig, sandboxTarget, type AwsTarget } from "./aws/clients.js";
import type { Config, RunMode } from "./config.js";
import { ConsoleReceiver, type ConsoleIdentity } from "./console/receiver.js";
import { LocalSlackApi } from "./console/slack-api.js";
import { ConsoleView } from "./console/view.js";
import { createInterpreter } from "./interpret/chain.js";
import { createLogger, type Logger } from "./logger.js";
import { startSandbox, type Sandbox } from "./sandbox/index.js";
import type { BotServices } from "./services.js";
import { createSlackApp } from "./slack/app.js";
import { AuditLog } from "./store/audit.js";
import { openDatabase, type Db } from "./store/db.js";
import { DeliveryLedger } from "./store/deliveries.js";

export interface BotIo {
  stdin: NodeJS.ReadableStream;
  write: (text: string) => void;
}

export interface StartOptions {
  config: Config;
  io: BotIo;
  /** Run the console whatever the environment says (`sageops console`). */
  forceConsole?: boolean;
  consoleIdentity?: Partial<ConsoleIdentity>;
  /** HTTP port override (tests pass 0 for an ephemeral one). */
  port?: number;
  /** Where SageMaker is, overriding the environment (tests point it at their own sandbox). */
  awsTarget?: AwsTarget;
  logger?: Logger;
}

export interface RunningBot {
  mode: RunMode;
  app: App;
  services: BotServices;
  /** HTTP mode: the base URL the receiver listens on. */
  url?: string;
  /** Console mode: settles once input has ended and every line was handled. */
  consoleFinished?: Promise<void>;
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

export const CONSOLE_DEFAULT_IDENTITY: ConsoleIdentity = { userId: "U0ENGINEER", channelId: "C0MLOPS" };

function describeBackend(target: AwsTarget, sandbox: Sandbox | undefined): string {
  if (sandbox) return `SageMaker: the embedded sandbox at ${sandbox.url}, a local simulation; nothing here touches AWS.`;
  return `SageMaker: ${target.sagemakerEndpoint ?? `AWS ${target.region}`}.`;
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, io } = options;
  const mode: RunMode = options.forceConsole ? "console" : config.mode;
  const logger = options.logger ?? createLogger({ level: config.logLevel ?? (mode === "console" ? "warn" : "info") });
  const closers: (() => unknown)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error }, "error while shutting down");
      }
    }
  };

  try {
    const db: Db = openDatabase(config.dbPath);
    closers.push(() => db.close());

    let sandbox: Sandbox | undefined;
    let target = options.awsTarget ?? awsTargetFromConfig(config.aws);
    if (!options.awsTarget && !config.aws.configured) {
      sandbox = await startSandbox({ region: config.aws.region });
      closers.push(() => sandbox?.close());
      target = sandboxTarget(sandbox.url, config.aws.region);
    }

    const services: BotServices = {
      logger,
      interpreter: createInterpreter({ config, target: awsTargetFromConfig(config.aws), logger }),
      audit: new AuditLog(db),
      deliveries: new DeliveryLedger(db),
      backendNote: describeBackend(target, sandbox),
    };

    if (mode === "console") {
      const api = new LocalSlackApi({ channels: { C0MLOPS: "mlops", C0ALERTS: "ml-alerts" } });
      const apiUrl = await api.start();
      closers.push(() => api.close());
      const view = new ConsoleView(api, io.write);
      const identity = { ...CONSOLE_DEFAULT_IDENTITY, ...options.consoleIdentity };
      const receiver = new ConsoleReceiver({ input: io.stdin, write: io.write, api, view, identity, logger });
      const app = createSlackApp({ receiver, botToken: "xoxb-local-console", apiUrl, services });
      await app.start();
      closers.push(() => app.stop());
      io.write(
        `sageops console: you are ${identity.userId} in ${identity.channelId}. Type /sageops help, ask a question, or a button's number to press it; ":as U0APPROVER" switches user. End input (Ctrl-D) to quit.\n${services.backendNote}\n\n`,
      );
      return { mode, app, services, sandbox, consoleFinished: receiver.finished, stop: stopAll };
    }

    const botToken = config.slack.botToken;
    if (!botToken) throw new Error("Slack modes need SLACK_BOT_TOKEN");
    let receiver: Receiver;
    let httpReceiver: HTTPReceiver | undefined;
    if (mode === "socket") {
      const appToken = config.slack.appToken ?? "";
      receiver = new SocketModeReceiver({ appToken, installerOptions: { clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {} } });
    } else {
      httpReceiver = new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? "",
        endpoints: "/slack/events",
        customRoutes: [
          {
            path: "/healthz",
            method: ["GET"],
            handler: (_req, res) => {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(JSON.stringify({ ok: true }));
            },
          },
        ],
      });
      receiver = httpReceiver;
    }
    const app = createSlackApp({ receiver, botToken, apiUrl: config.slack.apiUrl, services });
    let url: string | undefined;
    if (httpReceiver) {
      const server = (await httpReceiver.start(options.port ?? config.port)) as Server;
      const address = server.address() as AddressInfo;
      url = `http://127.0.0.1:${address.port}`;
      closers.push(() => httpReceiver.stop());
      logger.info({ port: address.port }, "sageops listening for Slack over HTTP at /slack/events");
    } else {
      await app.start();
      closers.push(() => app.stop());
      logger.info("sageops connected to Slack in Socket Mode");
    }
    return { mode, app, services, url, sandbox, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
