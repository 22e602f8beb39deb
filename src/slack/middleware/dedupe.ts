import type { Middleware, AnyMiddlewareArgs } from "@slack/bolt";
import type { DeliveryLedger } from "../../store/deliveries.js";

/**
 * Slack redelivers an event it thinks went unanswered (X-Slack-Retry-Num); the event id stays
 * the same, so the first delivery claims it and later ones stop here. The ledger is in the
 * store, so two bot processes sharing a database also act once.
 */
export function dedupeEvents(ledger: DeliveryLedger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = typeof body === "object" && body !== null && "event_id" in body && typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId && !ledger.claim(`event:${eventId}`)) return;
    await next();
  };
}
