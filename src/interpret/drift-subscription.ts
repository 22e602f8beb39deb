/**
 * Drift alert routing in plain words: "notify #ml-alerts when churn-prod drifts", "send drift
 * alerts for churn-prod here", "stop drift alerts for churn-staging here", "which drift alerts go
 * to this channel?". A how-to question ("how do I get alerted when my model drifts?") is not a
 * request and is left to the answer path; a request must name the endpoint.
 */
import type { Utterance } from "./analysis.js";

export type DriftAction = "subscribe" | "unsubscribe" | "list";

const HOW_TO = /^(how|what|why|where|when|is|are|does|do i|do we|should|which service)\b/;
const ALERT_WORDS = "(?:drift|drifting|drifts|drifted|monitor(?:ing)?)";
const SUBSCRIBE = [
  new RegExp(`\\b(?:notify|alert|tell|ping|message|warn|let)\\b.*\\b(?:when|if|whenever|once)\\b.*\\b${ALERT_WORDS}\\b`),
  new RegExp(`\\b(?:send|post|route|forward|deliver|subscribe)\\b.*\\b${ALERT_WORDS}\\b\\s*(?:alerts?|notifications?|warnings?)?\\b.*\\b(?:to|for|in|here|into)\\b`),
  new RegExp(`\\b(?:subscribe|sub)\\b.*\\bto\\b.*\\b${ALERT_WORDS}\\b`),
];
const UNSUBSCRIBE = [
  new RegExp(`\\b(?:stop|no more|unsubscribe|disable|turn off|silence|quit)\\b.*\\b${ALERT_WORDS}\\b\\s*(?:alerts?|notifications?|warnings?|messages?)`),
  /\b(?:unsubscribe)\b/,
  new RegExp(`\\bdon'?t\\b.*\\b(?:send|post|notify)\\b.*\\b${ALERT_WORDS}\\b`),
];
const LIST = [new RegExp(`\\b(?:which|what|list|show)\\b.*\\b${ALERT_WORDS}\\s*(?:alerts?|subscriptions?|notifications?)\\b.*\\b(?:here|channel|subscribed|go|get|set up)\\b`), /\bdrift subscriptions?\b/];

/** The routing a message asks for, or undefined when it asks for none (or only asks how). */
export function readDriftSubscription(utterance: Pick<Utterance, "clean">, hasEndpoint: boolean): DriftAction | undefined {
  const text = utterance.clean.toLowerCase();
  if (LIST.some((pattern) => pattern.test(text))) return "list";
  if (HOW_TO.test(text) && !/^(?:can|could|would|will) (?:you|u)\b/.test(text)) return undefined;
  if (!hasEndpoint) return undefined;
  if (UNSUBSCRIBE.some((pattern) => pattern.test(text))) return "unsubscribe";
  if (SUBSCRIBE.some((pattern) => pattern.test(text))) return "subscribe";
  return undefined;
}
