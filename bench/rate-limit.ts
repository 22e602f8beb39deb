/**
 * Slack's per-channel message limit on the local Slack API: at most one message (post or update)
 * per channel per `intervalMs`; anything sooner gets HTTP 429 `ratelimited` with Retry-After in
 * whole seconds, as Slack answers. Built on LocalSlackApi's interceptor hook.
 */
import type { LocalSlackApi } from "../src/console/slack-api.js";

const LIMITED_METHODS = new Set(["chat.postMessage", "chat.update"]);

export interface ChannelRateLimit {
  /** 429s answered so far. */
  readonly limited: number;
  remove(): void;
}

export function limitPerChannel(slack: LocalSlackApi, intervalMs = 1000): ChannelRateLimit {
  const lastAccepted = new Map<string, number>();
  let limited = 0;
  const remove = slack.intercept((method, args) => {
    const channel = args["channel"];
    if (!LIMITED_METHODS.has(method) || typeof channel !== "string") return undefined;
    const now = performance.now();
    const last = lastAccepted.get(channel);
    if (last !== undefined && now - last < intervalMs) {
      limited += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((intervalMs - (now - last)) / 1000));
      return { status: 429, headers: { "retry-after": String(retryAfterSeconds) }, body: { ok: false, error: "ratelimited" } };
    }
    lastAccepted.set(channel, now);
    return undefined;
  });
  return {
    get limited() {
      return limited;
    },
    remove,
  };
}
