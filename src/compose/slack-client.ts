import { WebClient } from "@slack/web-api";

/** How long one Slack call may take before it is abandoned (the Web API poster retries it a bounded number of times). */
const SLACK_TIMEOUT_MS = 10_000;

/**
 * The Web API client the paced poster and the user-group directory use. Rate limits are handed to
 * the pacer (which honours Retry-After per channel). The client retries nothing itself: a post
 * retried blindly after a lost answer would be a second message, so the Web API poster retries,
 * looking for the message first (src/slack/notify/slack-poster.ts). No call waits forever.
 */
export function createSlackClient(token: string, apiUrl: string | undefined, options: { timeoutMs?: number } = {}): WebClient {
  return new WebClient(token, {
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? SLACK_TIMEOUT_MS,
    retryConfig: { retries: 0 },
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  });
}
