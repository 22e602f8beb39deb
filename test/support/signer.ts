import { createHmac } from "node:crypto";

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(signingSecret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): { timestamp: string; signature: string } {
  const timestamp = String(timestampSeconds);
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { timestamp, signature: `v0=${digest}` };
}
