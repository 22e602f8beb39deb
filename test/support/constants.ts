/** Set-up values the tests share, written once. */

/**
 * 2026-11-26T09:00:00Z, the morning of the example set-up: where the tests' simulated clocks
 * start (the same instant the sandbox's own manual clock starts at by default).
 */
export const START_MS = Date.parse("2026-11-26T09:00:00Z");
export const START_DATE = new Date(START_MS);

/**
 * The ts the tests' in-memory posters give their `sequence`th message: Slack's `seconds.sequence`
 * form with fixed seconds (1764147600, a year before the start instant; only its form matters).
 */
export function fakeMessageTs(sequence: number): string {
  return `1764147600.${String(sequence).padStart(6, "0")}`;
}

/** The bot token the tests' bots and Slack clients present to the local Slack API. */
export const BOT_TOKEN = "xoxb-test-0000-token";

/** The example workspace's channels, by id: where plans are posted and where alerts go. */
export const CHANNEL_NAMES: Readonly<Record<string, string>> = { C0MLOPS: "mlops", C0ALERTS: "ml-alerts" };

export { EXAMPLE_POLICY_PATH } from "../../src/compose/policy.js";
