import type { IntentId } from "../catalog/ids.js";
import { analyse, type Utterance } from "./analysis.js";
import { readCommandForm } from "./command.js";
import { compiledLexicon } from "./compiled.js";
import { readDriftSubscription } from "./drift-subscription.js";
import { decideIntent } from "./intent.js";
import { type Inventory, NO_INVENTORY, startedAs, startedByLooks } from "./inventory.js";
import { extractParams } from "./params.js";
import { looksUnsafe } from "./safety.js";
import { Request, type RequestParams } from "./schema.js";
import { asksOfRegistry, deployModeOf, resolveSubject, type Subject } from "./subject.js";
import { type Token, unknownNames } from "./tokens.js";

const COMMAND_CONFIDENCE = 0.97;
/** How sure the rules are when they refuse unsafe text: `unknown` this sure is a refusal. */
export const UNSAFE_CONFIDENCE = 0.95;

/** The rules' reading of one message, and whether anything else may still read it otherwise. */
export interface RulesReading {
  request: Request;
  /**
   * The command form, a safety refusal, an alert routing or a long paste: read exactly, or refused, by
   * the rules alone. Only free text that is none of these may be read by the learned classifier.
   */
  settled: boolean;
  utterance: Utterance;
}

function unknownRequest(text: string, confidence: number): Request {
  return { text, intent: "unknown", stage: null, services: [], params: {}, confidence };
}

/**
 * Turns one message into a typed Request, offline and deterministically: Slack formatting undone,
 * unsafe text refused, the slash-command form read exactly, anything else scored against the
 * lexicon. Never throws; the result always parses with the Request schema.
 */
export function readByRules(text: string, inventory: Inventory = NO_INVENTORY): RulesReading {
  const lexicon = compiledLexicon();
  const utterance = analyse(text, lexicon, inventory);
  if (looksUnsafe(text.slice(0, 4 * 1024)) || looksUnsafe(utterance.clean)) return { request: unknownRequest(text, UNSAFE_CONFIDENCE), settled: true, utterance };

  // A long paste or a negated command ("don't deploy churn-xgb/2") is never read as the command form.
  const command = utterance.long || utterance.negated ? undefined : readCommandForm(utterance);
  // "drift subscribe churn-prod" is the command's own form of a routing.
  const routing = (command === undefined || command.intent === "drift") && !utterance.long ? driftRouting(text, utterance) : undefined;
  if (routing) return { request: routing, settled: true, utterance };
  if (command !== undefined) return { request: readAs(text, utterance, command.intent, COMMAND_CONFIDENCE, command), settled: true, utterance };
  const decision = decideIntent(utterance, lexicon);
  const intent = startOfKnown(decision.intent, utterance);
  return { request: readAs(text, utterance, intent, decision.confidence), settled: utterance.long || utterance.negated, utterance };
}

/**
 * A start of something the inventory knows as a pipeline and not a recipe is a pipeline start, and
 * the other way round a training; a request opening with a start verb on such a name is one even
 * when nothing else in it was recognised ("kick off fraud-nightly please"). A question stays one.
 */
export function startOfKnown(intent: IntentId, utterance: Utterance): IntentId {
  const starting = intent === "train" || intent === "pipeline" || (intent === "unknown" && (utterance.leadingIntent === "train" || utterance.leadingIntent === "pipeline"));
  if (!starting || utterance.negated || utterance.long || (utterance.question && !utterance.polite)) return intent;
  const known = startedAs(utterance.tokens.flatMap((token) => token.known ?? []));
  if (known) return known;
  // No source knows the name: its looks say what it is ("start risk-retrain" starts a pipeline, "fire up basket-rec" a training).
  const byLooks = startedByLooks(unknownNames(utterance.tokens));
  if (intent === "unknown" || byLooks === "pipeline") return byLooks ?? intent;
  return intent;
}

/**
 * The request for a message read as the given intent: its parameters, stage and services as the
 * rules find them. The learned classifier's intent goes through here, so ids and parameters are
 * always the rules' own.
 */
export function requestAs(text: string, utterance: Utterance, intent: IntentId, confidence: number): Request {
  return readAs(text, utterance, intent, confidence);
}

function readAs(text: string, utterance: Utterance, intent: IntentId, confidence: number, command?: { tokens: Token[]; deployMode?: RequestParams["deployMode"] }): Request {
  if (intent === "unknown") return unknownRequest(text, confidence);
  const lexicon = compiledLexicon();
  const tokens = command?.tokens ?? utterance.tokens;
  const read = { ...utterance, tokens };
  const deployMode = intent === "deploy" ? (command?.deployMode ?? deployModeOf(read, lexicon)) : undefined;

  let subject: Subject | undefined;
  let question: RequestParams["question"];
  if (intent === "ask") {
    subject = resolveSubject(intent, read, lexicon, { hasVersion: false });
    question = subject.question;
  }
  const registry = intent === "status" && asksOfRegistry(utterance.clean);
  const params = extractParams({ intent, tokens, channels: utterance.channels, deployMode, question, registry });
  subject ??= resolveSubject(intent, read, lexicon, { deployMode, hasVersion: params.modelVersion !== undefined, registry: registry && params.endpointName === undefined && params.pipelineName === undefined });

  const request = Request.safeParse({ text, intent, stage: subject.stage, services: subject.services, params, confidence });
  return request.success ? request.data : unknownRequest(text, 0.5);
}

/** A request to route drift alerts, when the words ask for one: it changes where alerts go, never AWS. */
function driftRouting(text: string, utterance: Utterance): Request | undefined {
  const params = extractParams({ intent: "drift", tokens: utterance.tokens, channels: utterance.channels });
  const action = readDriftSubscription(utterance, params.endpointName !== undefined);
  if (!action) return undefined;
  const request = Request.safeParse({ text, intent: "drift", stage: "monitoring", services: ["model-monitor"], params: { ...params, driftAction: action }, confidence: 0.9 });
  return request.success ? request.data : undefined;
}
