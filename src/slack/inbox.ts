/**
 * Nothing Slack got a 200 for is lost: every request is recorded before Bolt sees it (so before
 * any ack), leased to the process handling it, and marked done once its listeners finished. A
 * redelivery or replay of a request done or in hand is acknowledged and dropped; one whose handler
 * died is handled again, by the next redelivery or by the sweep at start-up, exactly once.
 */
import { createHash } from "node:crypto";
import type { App, ReceiverEvent } from "@slack/bolt";
import { z } from "zod";
import { startHeartbeat } from "../kernel/heartbeat.js";
import { StoreUnavailable } from "../kernel/store-errors.js";
import type { Logger } from "../logger.js";

export interface RequestInbox {
  /** Records and leases a request; false when it is done or leased to a live handler. */
  admit(request: { id: string; body: string }, now: Date, leaseMs: number): boolean;
  renew(id: string, now: Date, leaseMs: number): void;
  done(id: string, now: Date): void;
  /** Requests received since `since` whose handler died. */
  unfinished(since: Date, now: Date): { id: string; body: string }[];
  /** Marks done the dead requests received before `before`, returning how many. */
  abandonOlderThan(before: Date, now: Date): number;
}

/** A handler holds its request this long without renewing; a dead one's request is free again after it. */
const LEASE_MS = 10_000;
/** A request older than this is not handled again: its response_url (30 minutes) may be gone. */
const REPLAY_WINDOW_MS = 25 * 60_000;

const EventDelivery = z.object({ event_id: z.string().min(1) });
const Interaction = z.object({ trigger_id: z.string().min(1), type: z.string().optional(), command: z.string().optional() });
const StoredBody = z.record(z.string(), z.unknown());

/**
 * Slack's own id for a request: the event id of an Events API delivery, the trigger id of a
 * command, click or form submission (new for each). A request with neither (a closed form, say)
 * is known by its content, so the same one sent again is the same request.
 */
export function requestIdOf(body: unknown): string {
  const event = EventDelivery.safeParse(body);
  if (event.success) return `event:${event.data.event_id}`;
  const interaction = Interaction.safeParse(body);
  if (interaction.success) return `${interaction.data.command === undefined ? (interaction.data.type ?? "interaction") : "command"}:${interaction.data.trigger_id}`;
  return `content:${createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;
}

export interface KeptRequests {
  /** Handles again the requests whose handler died (a crash), oldest first; returns how many. */
  finishInterrupted(): Promise<number>;
}

/** Wraps the App's entry point, which every receiver (HTTP, Socket Mode, console) calls. */
export function keepEveryRequest(app: App, inbox: RequestInbox, logger: Logger, now: () => Date = () => new Date()): KeptRequests {
  const handle = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const id = requestIdOf(event.body);
    let admitted: boolean;
    try {
      admitted = inbox.admit({ id, body: JSON.stringify(event.body) }, now(), LEASE_MS);
    } catch (error) {
      // Not recorded, so not acknowledged as taken: a command is told at once that nothing was
      // done; anything else gets no 200 (Slack retries events, and shows a failed click as failed).
      if (!(error instanceof StoreUnavailable && id.startsWith("command:"))) throw error;
      logger.warn({ err: error, request: id }, "a slash command came while the store was not answering; told to try again");
      await event.ack({ response_type: "ephemeral", text: ":warning: My database is not answering right now, so I did not take that command; nothing was done. Try again in a minute." });
      return;
    }
    if (!admitted) {
      logger.debug({ request: id }, "a Slack request already handled or in hand: acknowledged, not handled again");
      await event.ack();
      return;
    }
    const stopRenewing = startHeartbeat(() => inbox.renew(id, now(), LEASE_MS), LEASE_MS / 3);
    try {
      await handle({ ...event, ack: ackThenYield(event.ack) });
    } catch (error) {
      // Bolt could not even start on it (a click without a user, say): logged, and Slack is answered below.
      logger.warn({ err: error, request: id }, "a Slack request could not be handled");
    } finally {
      stopRenewing();
      try {
        inbox.done(id, now());
      } catch (error) {
        // Left not done: once its lease runs out the sweep handles it again, and every step it takes is a compare-and-set.
        logger.warn({ err: error, request: id }, "could not mark a Slack request handled");
      }
    }
    // A request no listener acknowledged (nothing listens to it) is answered now, not by Bolt's 404 seconds later.
    await event.ack().catch(() => undefined);
  };
  return {
    async finishInterrupted() {
      const at = now();
      const abandoned = inbox.abandonOlderThan(new Date(at.getTime() - REPLAY_WINDOW_MS), at);
      if (abandoned > 0) logger.warn({ abandoned }, "Slack requests interrupted too long ago to answer were given up");
      let finished = 0;
      for (const request of inbox.unfinished(new Date(at.getTime() - REPLAY_WINDOW_MS), at)) {
        const body = readStored(request.body);
        if (!body) {
          inbox.done(request.id, now());
          continue;
        }
        logger.info({ request: request.id }, "handling a Slack request a restart interrupted");
        // Slack was answered (or gave up) long ago: the replay's ack goes nowhere.
        await app.processEvent({ body, ack: async () => undefined });
        finished += 1;
      }
      return finished;
    },
  };
}

/**
 * A listener's slow work starts after its ack; yielding once there lets the requests already
 * waiting on the socket be recorded and acknowledged before it, so acks do not queue behind work.
 */
function ackThenYield(ack: ReceiverEvent["ack"]): ReceiverEvent["ack"] {
  return async (response) => {
    await ack(response);
    await new Promise((resolve) => setImmediate(resolve));
  };
}

function readStored(text: string): Record<string, unknown> | undefined {
  try {
    const body = StoredBody.safeParse(JSON.parse(text));
    return body.success ? body.data : undefined;
  } catch {
    return undefined;
  }
}
