import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

/** Deliveries already handled, kept in the store so two bot processes sharing it also act once. */
export interface DeliveryClaims {
  /** True the first time an id is claimed, false ever after. */
  claim(id: string): boolean;
}

/** The context key under which the HTTP receiver passes the request's X-Slack-Signature. */
export const REQUEST_SIGNATURE = "slackRequestSignature";

/**
 * A slash command has no id of its own; its signature (over the timestamp and the body) is unique
 * to one request from Slack. The same signed request sent again inside Slack's five-minute window
 * is a replay: it is acknowledged and nothing more happens. HTTP mode puts the signature in the
 * context (see the receiver's customPropertiesExtractor in src/compose/receivers.ts).
 */
export function dedupeReplayedCommands(ledger: DeliveryClaims): Middleware<AnyMiddlewareArgs> {
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

/**
 * Slack redelivers an event it thinks went unanswered (X-Slack-Retry-Num); the event id stays
 * the same, so the first delivery claims it and later ones stop here.
 */
export function dedupeEvents(ledger: DeliveryClaims): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = typeof body === "object" && body !== null && "event_id" in body && typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId && !ledger.claim(`event:${eventId}`)) return;
    await next();
  };
}
