import type { IntentId } from "../catalog/ids.js";
import type { Utterance } from "./analysis.js";
import type { CompiledLexicon } from "./compiled.js";
import { matches, score } from "./cues.js";
import { RESOURCE_REFERENCE } from "./lexicon.js";
import type { TokenKind } from "./tokens.js";

type ActiveIntent = Exclude<IntentId, "unknown">;
const ACTIONS: readonly ActiveIntent[] = ["train", "tune", "deploy", "stop", "pipeline"];
/** On equal scores the more specific reading wins. */
const PRIORITY: readonly ActiveIntent[] = ["stop", "deploy", "train", "tune", "pipeline", "drift", "status", "help", "ask"];

const SPECIFIC_KINDS = new Set<TokenKind>(["name", "job", "endpoint", "ref", "s3", "kv", "instance"]);
/** Status cues that stand on their own ("what's running", "list my jobs"). */
const SELF_ANCHORED_STATUS = /(^| )(whats running|what is running|running jobs|list( \S+)? jobs|list jobs|show me( \S+)? jobs|anything( still)? (running|training|tuning))( |$)/;
const ML_OBJECT = /(^| )(model|models|recipe|classifier|endpoint|version|training job|training run|latest approved|hyperparameters)( |$)/;

export interface IntentDecision {
  intent: IntentId;
  confidence: number;
  /** Sum of the evidence for each intent that could be chosen. */
  scores: Partial<Record<ActiveIntent, number>>;
  /** How much the message is about machine learning at all. */
  domain: number;
}

/** Evidence that the message is about SageMaker and ML, from domain words and service names and cues. */
export function domainEvidence(utterance: Utterance, lexicon: CompiledLexicon): number {
  let total = score(lexicon.domain, utterance.shape) + score(lexicon.lifecycle, utterance.shape);
  for (const cues of Object.values(lexicon.stages)) {
    const stage = score(cues, utterance.shape);
    if (stage >= 2) total += stage;
  }
  for (const cues of Object.values(lexicon.serviceNames)) total += score(cues, utterance.shape);
  for (const cues of Object.values(lexicon.serviceCues)) {
    // Only the specific cues count: "train" alone does not make "train for a marathon" an ML question.
    for (const cue of cues) if (cue.weight >= 1.5 && matches(cue, utterance.shape)) total += cue.weight;
  }
  return total;
}

function hasAnchor(intent: ActiveIntent, utterance: Utterance, specific: boolean, reference: boolean): boolean {
  const shape = utterance.shape.text;
  const bareCommand = utterance.tokens.length - utterance.start <= 2 && utterance.tokens.slice(utterance.start).every((token) => token.kind === "word");
  switch (intent) {
    case "train":
    case "tune":
    case "deploy":
      return specific || reference || ML_OBJECT.test(shape);
    case "stop":
    case "pipeline":
      return specific || reference;
    case "status":
      return specific || reference || SELF_ANCHORED_STATUS.test(shape) || bareCommand;
    case "drift":
      return specific || reference || bareCommand;
    case "help":
    case "ask":
      return true;
  }
}

/**
 * Scores every intent from its cue phrases, then keeps only the readings that make sense for this
 * message (an action needs something to act on and must not be a question; status and drift need a
 * resource; a question needs an ML subject) and picks the strongest.
 */
export function decideIntent(utterance: Utterance, lexicon: CompiledLexicon): IntentDecision {
  const domain = domainEvidence(utterance, lexicon);
  if (utterance.tokens.length === 0) return { intent: "unknown", confidence: 0.9, scores: {}, domain };
  if (utterance.greetingOnly) return { intent: "help", confidence: 0.8, scores: { help: 3 }, domain };

  const raw: Record<ActiveIntent, number> = { train: 0, tune: 0, deploy: 0, status: 0, stop: 0, drift: 0, pipeline: 0, help: 0, ask: 0 };
  for (const intent of Object.keys(raw) as ActiveIntent[]) raw[intent] = score(lexicon.intents[intent], utterance.shape);
  if (utterance.leadingIntent !== undefined) raw[utterance.leadingIntent] += 2;
  const started = lexicon.startVerbs.some((cue) => matches(cue, utterance.shape));
  if (started) {
    for (const [intent, objects] of Object.entries(lexicon.startObjects) as [ActiveIntent, typeof lexicon.startVerbs][]) {
      if (objects.some((cue) => matches(cue, utterance.shape))) raw[intent] += 2.5;
    }
  }

  const specific = utterance.tokens.some((token) => SPECIFIC_KINDS.has(token.kind));
  const reference = RESOURCE_REFERENCE.test(utterance.shape.text);
  const explicitService = Object.values(lexicon.serviceNames).some((cues) => cues.some((cue) => matches(cue, utterance.shape)));
  const leadingIsAction = utterance.leadingIntent !== undefined && ACTIONS.includes(utterance.leadingIntent);
  const leadingIsQuestionVerb = utterance.leadingIntent === "ask" || utterance.leadingIntent === "help";

  const eligible: Partial<Record<ActiveIntent, number>> = {};
  for (const intent of ACTIONS) {
    if (raw[intent] < 2 || utterance.long || !hasAnchor(intent, utterance, specific, reference)) continue;
    if (leadingIsQuestionVerb) continue;
    if (utterance.question && !utterance.polite && utterance.leadingIntent !== intent) continue;
    if (leadingIsAction && utterance.leadingIntent !== intent && raw[intent] < raw[utterance.leadingIntent ?? intent]) continue;
    eligible[intent] = raw[intent];
  }
  for (const intent of ["status", "drift"] as const) {
    if (raw[intent] < 2 || !hasAnchor(intent, utterance, specific, reference)) continue;
    if (leadingIsAction && utterance.leadingIntent !== intent) continue;
    // Naming the resource makes a live-state question about it, not a question about the service.
    eligible[intent] = raw[intent] + (specific || reference ? 1.5 : 0);
  }
  // "help" as a noun inside an ML question ("sizing help: which instance ...?") is not a request for the help text.
  const helpWordOnly = raw.help - (utterance.leadingIntent === "help" ? 2 : 0) <= 3;
  const helpInPassing = helpWordOnly && utterance.leadingIntent !== "help" && utterance.question && domain >= 3;
  if (raw.help >= 3 && !helpInPassing) eligible.help = raw.help;
  const askScore = raw.ask + (utterance.question ? 1 : 0) + 0.25 * Math.min(domain, 4) + (explicitService ? 1 : 0);
  const asksSomething = utterance.question || raw.ask >= 2 || utterance.leadingIntent === "ask" || explicitService;
  if (domain >= 1.5 && asksSomething && !(leadingIsAction && !utterance.question)) eligible.ask = askScore;

  const ranked = (Object.entries(eligible) as [ActiveIntent, number][]).sort(
    (left, right) => right[1] - left[1] || PRIORITY.indexOf(left[0]) - PRIORITY.indexOf(right[0]),
  );
  const [best, second] = ranked;
  if (best === undefined) return { intent: "unknown", confidence: domain >= 1.5 ? 0.5 : 0.75, scores: eligible, domain };
  const margin = best[1] - (second?.[1] ?? 0);
  const confidence = Math.min(0.95, Math.max(0.35, 0.5 + 0.07 * margin + 0.03 * best[1]));
  return { intent: best[0], confidence: Math.round(confidence * 100) / 100, scores: eligible, domain };
}
