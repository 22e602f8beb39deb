import { analyse } from "./analysis.js";
import { readCommandForm } from "./command.js";
import { compiledLexicon } from "./compiled.js";
import { readDriftSubscription } from "./drift-subscription.js";
import { decideIntent } from "./intent.js";
import { extractParams } from "./params.js";
import { looksUnsafe } from "./safety.js";
import { type Interpreter, Request, type RequestParams } from "./schema.js";
import { deployModeOf, resolveSubject, type Subject } from "./subject.js";

const COMMAND_CONFIDENCE = 0.97;
const UNSAFE_CONFIDENCE = 0.95;

function unknownRequest(text: string, confidence: number): Request {
  return { text, intent: "unknown", stage: null, services: [], params: {}, confidence };
}

/**
 * Turns one message into a typed Request, offline and deterministically: Slack formatting undone,
 * unsafe text refused, the slash-command form read exactly, anything else scored against the
 * lexicon. Never throws; the result always parses with the Request schema.
 */
export function interpretOffline(text: string): Request {
  const lexicon = compiledLexicon();
  const utterance = analyse(text, lexicon);
  if (looksUnsafe(text.slice(0, 4 * 1024)) || looksUnsafe(utterance.clean)) return unknownRequest(text, UNSAFE_CONFIDENCE);

  // A long paste or a negated command ("don't deploy churn-xgb/2") is never read as the command form.
  const command = utterance.long || utterance.negated ? undefined : readCommandForm(utterance);
  const routing = command === undefined && !utterance.long ? driftRouting(text, utterance) : undefined;
  if (routing) return routing;
  const decision = command === undefined ? decideIntent(utterance, lexicon) : undefined;
  const intent = command?.intent ?? decision?.intent ?? "unknown";
  if (intent === "unknown") return unknownRequest(text, decision?.confidence ?? 0.5);
  const tokens = command?.tokens ?? utterance.tokens;
  const read = { ...utterance, tokens };
  const deployMode = intent === "deploy" ? (command?.deployMode ?? deployModeOf(read, lexicon)) : undefined;

  let subject: Subject | undefined;
  let question: RequestParams["question"];
  if (intent === "ask") {
    subject = resolveSubject(intent, read, lexicon, { hasVersion: false });
    question = subject.question;
  }
  const params = extractParams({ intent, tokens, channels: utterance.channels, deployMode, question });
  subject ??= resolveSubject(intent, read, lexicon, { deployMode, hasVersion: params.modelVersion !== undefined });

  const request = Request.safeParse({
    text,
    intent,
    stage: subject.stage,
    services: subject.services,
    params,
    confidence: command === undefined ? (decision?.confidence ?? 0.5) : COMMAND_CONFIDENCE,
  });
  return request.success ? request.data : unknownRequest(text, 0.5);
}

/** A request to route drift alerts, when the words ask for one: it changes where alerts go, never AWS. */
function driftRouting(text: string, utterance: ReturnType<typeof analyse>): Request | undefined {
  const params = extractParams({ intent: "drift", tokens: utterance.tokens, channels: utterance.channels });
  const action = readDriftSubscription(utterance, params.endpointName !== undefined);
  if (!action) return undefined;
  const request = Request.safeParse({ text, intent: "drift", stage: "monitoring", services: ["model-monitor"], params: { ...params, driftAction: action }, confidence: 0.9 });
  return request.success ? request.data : undefined;
}

/** The embedded interpreter: no network, no model, the same answer every time. */
class OfflineInterpreter implements Interpreter {
  async interpret(text: string): Promise<Request> {
    return interpretOffline(text);
  }
}

export function createOfflineInterpreter(): Interpreter {
  return new OfflineInterpreter();
}
