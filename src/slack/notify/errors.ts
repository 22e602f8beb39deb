/**
 * Slack's answers as typed errors. The Web API poster is the one place that reads the client's
 * error shapes; everything behind it sees these.
 */
import { z } from "zod";

/** Slack answered, and refused the call with an error code (`not_in_channel`, `channel_not_found`, ...). */
export class SlackRefused extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
  ) {
    super(`Slack refused ${method}: ${code}`);
    this.name = "SlackRefused";
  }
}

/** Slack asked us to slow down: try again after `retryAfterMs`. */
export class SlackRateLimited extends Error {
  constructor(
    readonly method: string,
    readonly retryAfterMs: number,
  ) {
    super(`Slack rate-limited ${method}; retry after ${retryAfterMs} ms`);
    this.name = "SlackRateLimited";
  }
}

/** The codes that mean the bot cannot post where it was asked: the person should invite it. */
export const UNPOSTABLE_CHANNEL_CODES: ReadonlySet<string> = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

// @slack/web-api's WebAPIRateLimitedError (`retryAfter` in seconds) and its platform error,
// which carries Slack's code (a `ratelimited` code answered without a 429 is a rate limit too).
const RateLimitedShape = z.object({ code: z.literal("slack_webapi_rate_limited_error"), retryAfter: z.number().min(0).optional().catch(undefined) });
const PlatformErrorShape = z.object({ code: z.literal("slack_webapi_platform_error"), data: z.object({ error: z.string() }) });

/** The Web API client's error as SlackRateLimited or SlackRefused; anything else (a network error) unchanged. */
export function toSlackError(method: string, error: unknown): unknown {
  const limited = RateLimitedShape.safeParse(error);
  if (limited.success) return new SlackRateLimited(method, (limited.data.retryAfter ?? 1) * 1000);
  const platform = PlatformErrorShape.safeParse(error);
  if (!platform.success) return error;
  return platform.data.data.error === "ratelimited" ? new SlackRateLimited(method, 1000) : new SlackRefused(method, platform.data.data.error);
}
