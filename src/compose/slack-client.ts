import { WebClient } from "@slack/web-api";

/** How long one Slack call may take before it is abandoned (the client retries it a bounded number of times). */
const SLACK_TIMEOUT_MS = 10_000;

/**
 * The Web API client the paced poster and the user-group directory use. Rate limits are handed to
 * the pacer (which honours Retry-After per channel); other failures are retried twice, and no call
 * waits forever for a Slack that does not answer.
 */
export function createSlackClient(token: string, apiUrl: string | undefined, options: { timeoutMs?: number } = {}): WebClient {
  return new WebClient(token, {
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? SLACK_TIMEOUT_MS,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  });
}
