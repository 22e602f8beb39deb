/** What the reliability suites check after each request: the bot is up, nothing ran, nothing failed inside. */
import { expect } from "vitest";
import type { SlackApiCall } from "../../src/console/slack-api.js";
import type { HttpHarness } from "../support/harness.js";

/** SageMaker calls that change something: none may happen without a confirmed plan. */
const MUTATING = /^(Create|Update|Start|Stop|Delete|Add)/;

export function mutatingCalls(h: HttpHarness): string[] {
  return h.sandbox.calls.filter((call) => MUTATING.test(call.operation)).map((call) => call.operation);
}

/** Log lines (from index `since`) where a listener of ours threw, or an error escaped to the process. */
export function internalFailures(h: HttpHarness, since: number): string[] {
  return h.logs.slice(since).filter((line) => /"msg":"(listener failed|unhandled Slack listener error|unhandled rejection[^"]*|could not plan from[^"]*)"/.test(line));
}

/**
 * The post to one response URL. Matched by its path (each URL has its own number), since the
 * client may percent-encode the query (the channel and user) differently from how it was written.
 */
export function repliesTo(h: HttpHarness, responseUrl: string): SlackApiCall | undefined {
  const own = new URL(responseUrl).pathname;
  return h.slack.callsTo("response_url").find((call) => call.url !== undefined && new URL(call.url).pathname === own);
}

/** The bot still answers its health check. */
export async function expectStillUp(h: HttpHarness): Promise<void> {
  const health = await h.client.get("/healthz");
  expect(health.status).toBe(200);
}

/** A reply or message as Slack would take it: non-empty fallback text, at most 50 blocks of at most 3000 characters each. */
export function expectClearMessage(call: SlackApiCall, what: string): void {
  const text = call.args["text"];
  expect(typeof text === "string" && text.trim() !== "", `${what}: no text in ${JSON.stringify(call.args).slice(0, 300)}`).toBe(true);
  const blocks = Array.isArray(call.args["blocks"]) ? (call.args["blocks"] as { text?: { text?: unknown } }[]) : [];
  expect(blocks.length, `${what}: too many blocks`).toBeLessThanOrEqual(50);
  for (const block of blocks) expect(String(block.text?.text ?? "").length, `${what}: a block over 3000 characters`).toBeLessThanOrEqual(3000);
  expect(JSON.stringify(call.args), `${what}: an apology for an internal failure`).not.toContain("Something went wrong on my side");
}
