import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { DeliveryLedger } from "../../store/deliveries.js";

/**
 * Slack redelivers an event it thinks went unanswered (X-Slack-Retry-Num); the event id stays
 * the same, so the first delivery claims it and later ones stop here. The ledger is in the
 * store, so two bot processes sharing a database also act once.
 */
/**
 * A slash command has no id of its own; its signature (over the timestamp and the body) is unique
 * to one request from Slack. The same signed request sent again inside Slack's five-minute window
 * is a replay: it is acknowledged and nothing more happens. HTTP mode puts the signature in the
 * context (see the receiver's customPropertiesExtractor in src/index.ts).
 */
export function dedupeReplayedCommands(ledger: DeliveryLedger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { body, context, next } = args;
    const signature = context[REQUEST_SIGNATURE];
    const isCommand = typeof body === "object" && body !== null && "command" in body && typeof body.command === "string";
    if (isCommand && typeof signature === "string" && signature !== "" && !ledger.claim(`command:${signature}`)) {
      if ("ack" in args && typeof args.ack === "function") await args.ack();
      return;
    }
    await next();
  };
}

/** The context key under which the HTTP receiver passes the request's X-Slack-Signature. */
export const REQUEST_SIGNATURE = "slackRequestSignature";

export function dedupeEvents(ledger: DeliveryLedger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = typeof body === "object" && body !== null && "event_id" in body && typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId && !ledger.claim(`event:${eventId}`)) return;
    await next();
  };
}
