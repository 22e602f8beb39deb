/** The Bolt receivers of the two Slack run modes (the console has its own, in src/console/). */
import type { ServerResponse } from "node:http";
import { HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { SageopsMetrics } from "../metrics/metrics.js";
import { boltLevelOf, boltLogger } from "../slack/logger.js";
import type { ReadinessReport } from "./readiness.js";

/** Longer than Bolt's own 3 s answer to an unacknowledged request, so a request Bolt answers is never answered twice. */
const ANSWER_DEADLINE_MS = 3500;

/** Slack's signatures are good for five minutes either side of their timestamp (Bolt checks only the past). */
const SIGNATURE_WINDOW_S = 5 * 60;

/**
 * Every request gets an answer: a body Bolt cannot handle (a signed `payload=null`, say) makes its
 * listener fail before it answers, and Slack would wait; here it gets a 400 once Bolt has had its time.
 * A request stamped further ahead than a signature's window is refused as Slack would.
 */
function answerEveryRequest(receiver: HTTPReceiver, logger: Logger): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const stamped = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(stamped) && stamped > Date.now() / 1000 + SIGNATURE_WINDOW_S) {
      logger.warn({ path: req.url }, "a Slack request stamped more than five minutes ahead was refused");
      res.writeHead(401).end();
      return;
    }
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded) return;
      logger.warn({ path: req.url }, "a Slack request was left unanswered (its body could not be handled); answered 400");
      res.writeHead(400).end();
    }, ANSWER_DEADLINE_MS);
    res.once("close", () => clearTimeout(timer));
    bolt(req, res);
  };
}

/** What the HTTP receiver answers besides Slack's requests: `/readyz` and `/metrics`. */
export interface Probes {
  /** Whether the store, Slack and SageMaker answer (src/compose/readiness.ts). */
  readiness: () => Promise<ReadinessReport>;
  metrics: SageopsMetrics;
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** 200 when ready, else 503; a check that itself broke is a 503 that says only that. A change either way is logged once. */
async function answerReadiness(res: ServerResponse, probes: Probes, logger: Logger, last: { ready?: boolean }): Promise<void> {
  try {
    const report = await probes.readiness();
    if (report.ready !== last.ready) {
      if (report.ready) logger.info("ready: the store, Slack and SageMaker answer");
      else logger.warn({ checks: report.checks }, "not ready");
      last.ready = report.ready;
    }
    answerJson(res, report.ready ? 200 : 503, report);
  } catch (error) {
    logger.error({ err: error }, "the readiness check failed");
    if (!res.headersSent) answerJson(res, 503, { ready: false });
  }
}

async function answerMetrics(res: ServerResponse, probes: Probes, logger: Logger): Promise<void> {
  try {
    const { contentType, text } = await probes.metrics.scrape();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
    res.end(text);
  } catch (error) {
    logger.error({ err: error }, "the metrics could not be collected");
    if (!res.headersSent) res.writeHead(500).end();
  }
}

/**
 * Receivers log through our logger (redacted, at LOG_LEVEL), not to the console on their own.
 * Besides `POST /slack/events`: `GET /healthz` (alive), and with probes `GET /readyz` and `GET /metrics`.
 */
export function createHttpReceiver(slack: Config["slack"], logger: Logger, probes?: Probes): HTTPReceiver {
  const readiness: { ready?: boolean } = {};
  const receiver = new HTTPReceiver({
    logger: boltLogger(logger),
    logLevel: boltLevelOf(logger),
    signingSecret: slack.signingSecret ?? "",
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
      ...(probes
        ? [
            { path: "/readyz", method: ["GET"], handler: (_req: unknown, res: ServerResponse) => void answerReadiness(res, probes, logger, readiness) },
            { path: "/metrics", method: ["GET"], handler: (_req: unknown, res: ServerResponse) => void answerMetrics(res, probes, logger) },
          ]
        : []),
    ],
  });
  answerEveryRequest(receiver, logger);
  return receiver;
}

export function createSocketReceiver(slack: Config["slack"], logger: Logger): SocketModeReceiver {
  return new SocketModeReceiver({ logger: boltLogger(logger), logLevel: boltLevelOf(logger), appToken: slack.appToken ?? "", installerOptions: { clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {} } });
}
