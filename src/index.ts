/**
 * Starts and stops sageops in its run mode: the console (the local Slack stand-in and the
 * terminal), Slack over HTTP, or Socket Mode. Everything is built once by src/compose/.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App, Receiver } from "@slack/bolt";
import type { AwsTarget } from "./aws/clients.js";
import { connectBackend } from "./compose/backend.js";
import { startBackgroundWork } from "./compose/background.js";
import { CONSOLE_BOT_TOKEN, consoleGreeting, createConsoleReceiver, startConsoleSlack } from "./compose/console.js";
import { buildCore, type Core } from "./compose/core.js";
import { countSlackRequests } from "./compose/instrumented.js";
import { createReadiness } from "./compose/readiness.js";
import { createHttpReceiver, createSocketReceiver } from "./compose/receivers.js";
import { createSlackClient } from "./compose/slack-client.js";
import { type Config, ConfigError, type RunMode } from "./config.js";
import type { ConsoleIdentity } from "./console/receiver.js";
import { createLogger, type Logger } from "./logger.js";
import type { Sandbox } from "./sandbox/index.js";
import { createSlackApp } from "./slack/app.js";
import type { KeptRequests } from "./slack/inbox.js";
import { type Db, openDatabase, openPostgresDatabase } from "./store/db.js";

export interface StartOptions {
  config: Config;
  io: { stdin: NodeJS.ReadableStream; write: (text: string) => void };
  /** Run the console whatever the environment says (`sageops console`). */
  forceConsole?: boolean;
  consoleIdentity?: Partial<ConsoleIdentity>;
  /** HTTP port override (tests pass 0 for an ephemeral one). */
  port?: number;
  /** Run the status tracker's polling loop (default true; tests drive `tracker.pollOnce()` themselves). */
  trackerLoop?: boolean;
  /** Where SageMaker is, overriding the environment (tests point it at their own sandbox). */
  awsTarget?: AwsTarget;
  logger?: Logger;
}

/** What `/readyz` asks SageMaker for: endpoints whose name contains this (none), the cheapest read the bot is allowed. */
const READINESS_ENDPOINT_NAME = "sageops-readiness-probe";

/** The console's Slack API is local: a plan, its update and its approval request show at once. */
const CONSOLE_BURST = 5;

export interface RunningBot {
  mode: RunMode;
  app: App;
  core: Core;
  /** The Slack requests kept until handled; `finishInterrupted` handles again what a crash left. */
  requests: KeptRequests;
  /** HTTP mode: the base URL the receiver listens on. */
  url?: string;
  /** Console mode: settles once input has ended and every line was handled. */
  consoleFinished?: Promise<void>;
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

/** The store, or bad configuration naming SAGEOPS_DB when the file cannot be opened or written. */
function openStore(file: string): Db {
  try {
    return openDatabase(file);
  } catch (error) {
    throw new ConfigError("SAGEOPS_DB", `names ${file}, which cannot be opened for writing (${error instanceof Error ? error.message : String(error)}); point it at a writable file`);
  }
}

/** The PostgreSQL store, or bad configuration naming SAGEOPS_DATABASE_URL (never its value: it may hold a password). */
function openSharedStore(url: string): Db {
  try {
    return openPostgresDatabase(url);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replaceAll(url, "<SAGEOPS_DATABASE_URL>");
    throw new ConfigError("SAGEOPS_DATABASE_URL", `names a PostgreSQL server that cannot be used (${reason}); check the host, port, database, user and password, and that the server is running`);
  }
}

export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config, io } = options;
  const mode: RunMode = options.forceConsole ? "console" : config.mode;
  const logger = options.logger ?? createLogger({ level: config.logLevel ?? (mode === "console" ? "warn" : "info") });
  const closers: (() => unknown)[] = [];
  const stop = async (): Promise<void> => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ err: error }, "error while shutting down");
      }
    }
  };

  // One bad request must not stop the bot: a rejection nobody handled (inside a receiver, say) is logged.
  const onRejection = (reason: unknown): void => logger.error({ err: reason }, "unhandled rejection; sageops keeps serving");
  process.on("unhandledRejection", onRejection);
  closers.push(() => process.off("unhandledRejection", onRejection));

  try {
    const backend = await connectBackend(config, options.awsTarget);
    const { sandbox } = backend;
    if (sandbox) closers.push(() => sandbox.close());
    // The embedded sandbox forgets everything when it stops; a store that remembered its jobs
    // would count them as running forever. So on the sandbox the default store is in memory too.
    const db = config.databaseUrl ? openSharedStore(config.databaseUrl) : openStore(sandbox && !config.dbPathExplicit ? ":memory:" : config.dbPath);
    closers.push(() => db.close());
    const started = { mode, sandbox, stop };
    const trackerLoop = options.trackerLoop !== false;

    if (mode === "console") {
      const consoleSlack = await startConsoleSlack();
      closers.push(() => consoleSlack.api.close());
      const slackClient = createSlackClient(CONSOLE_BOT_TOKEN, consoleSlack.apiUrl);
      const { core, slack } = buildCore({ config, db, backend, logger, slackClient, burst: CONSOLE_BURST });
      const { receiver, identity } = createConsoleReceiver(consoleSlack, io, options.consoleIdentity, logger);
      const { app, requests } = createSlackApp({ receiver, botToken: CONSOLE_BOT_TOKEN, apiUrl: consoleSlack.apiUrl, deps: slack });
      countSlackRequests(app, core.metrics);
      await app.start();
      closers.push(() => app.stop());
      io.write(consoleGreeting(identity, slack.backendNote));
      closers.push(...(await startBackgroundWork(core, requests, logger, { trackerLoop: true })));
      return { ...started, app, core, requests, consoleFinished: receiver.finished };
    }

    const botToken = config.slack.botToken;
    if (!botToken) throw new Error("Slack modes need SLACK_BOT_TOKEN");
    const apiUrl = config.slack.apiUrl;
    const slackClient = createSlackClient(botToken, apiUrl);
    const { core, slack } = buildCore({ config, db, backend, logger, slackClient });
    // GET /readyz: a read through the store, auth.test, one cheap SageMaker read, and which replica holds the watcher lease.
    const readiness = createReadiness({
      watcherLease: () => {
        const lease = core.watcherLeadership.current();
        return lease.holder === undefined ? undefined : { holder: lease.holder, self: lease.self };
      },
      store: () => db.prepare("SELECT 1").get(),
      slack: () => slackClient.auth.test(),
      sagemaker: () => core.sagemaker.listEndpoints({ nameContains: READINESS_ENDPOINT_NAME }),
      onLeaseError: (error) => logger.warn({ err: error }, "could not read the watcher lease"),
    });
    const httpReceiver = mode === "http" ? createHttpReceiver(config.slack, logger, { readiness, metrics: core.metrics }) : undefined;
    const receiver: Receiver = httpReceiver ?? createSocketReceiver(config.slack, logger);
    const { app, requests } = createSlackApp({ receiver, botToken, apiUrl, deps: slack });
    countSlackRequests(app, core.metrics);
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
    closers.push(...(await startBackgroundWork(core, requests, logger, { trackerLoop })));
    return { ...started, app, core, requests, url };
  } catch (error) {
    await stop();
    throw error;
  }
}
