import { type IntentId, MUTATING_INTENTS } from "../catalog/ids.js";
import type { Utterance } from "./analysis.js";
import type { Classification, IntentClassifier } from "./classifier.js";
import { compiledLexicon } from "./compiled.js";
import { type Inventory, NO_INVENTORY } from "./inventory.js";
import { choiceOf } from "./readings.js";
import { readByRules, requestAs, startOfKnown } from "./rules.js";
import type { Interpreter, Reading, Request } from "./schema.js";
import { aboutOtherPlatform, aboutOtherTool, asksUnsupportedOperation } from "./scope.js";
import type { TokenKind } from "./tokens.js";

/**
 * Below this score the classifier's action needs a resource named in a request that is not a
 * question; at or above it the classifier's reading stands on its own. Chosen on the held-out corpus.
 */
const SURE_ACTION = 0.95;
/** The rules' "unknown" this unsure is English the rules could not place: the classifier may read it as a question. */
const UNSURE_UNKNOWN = 0.5;

/** What the classifier may read in English the rules could not place: a question, or a call for help. */
const ENGLISH_FILLS: ReadonlySet<IntentId> = new Set(["ask", "help"]);
/** Tokens that name one of ours: something for an action to act on. */
const RESOURCE_KINDS = new Set<TokenKind>(["name", "job", "endpoint", "ref", "s3", "kv", "instance"]);
/** An environment or a model version named outright, in any of the corpus languages. */
const TARGET_WORDS = /(^|[^a-z])(prod|staging|dev|v\d+)([^a-z]|$)/i;
/** Question marks of the corpus languages, and the Japanese question particle closing a sentence. */
const QUESTION_END = /[?？]\s*$|か[。\s]*$/;
/** Requests put as questions ("kannst du …?", "¿puedes …?", "tu peux …?", "…てもらえますか"): still requests. */
const POLITE_REQUEST =
  /(^|[\s¿¡])(kannst du|könntest du|können sie|könnten sie|kann man bitte|wäre es möglich|puedes|podrías|podéis|puede usted|sería posible|es posible|da tiempo a|tu peux|peux-tu|pourrais-tu|pouvez-vous|pourriez-vous|serait-il possible|est-ce que tu peux|est-ce qu'on peut|on peut)(\s|$)|(て|で)(もらえ|もらえません|くれ|くれません|いただけ|いただけません)(ます)?か/i;
/**
 * Operations the bot never offers (delete, approve, rename, grant rights), in the corpus languages:
 * the classifier never turns such a text into an action, whatever it scores.
 */
const UNSUPPORTED_OPERATION =
  /(^|\s)(lösch|entfern|genehmig|umbenenn|borra|elimina|aprueba|renombra|supprim|efface|approuv|renomm)|\bapproved\b|berechtigung|\brechte\b|permisos?\b|\bdroits\b|habilitation|削除|消して|承認して|承認者|権限|名前を変え/i;

/** Whether the classifier may move a message to an action the rules did not read in it. */
function mayAct(classification: Classification, utterance: Utterance): boolean {
  if (classification.locale === "en") return false;
  const text = utterance.clean;
  if (UNSUPPORTED_OPERATION.test(text.toLowerCase())) return false;
  const asked = QUESTION_END.test(text) || text.startsWith("¿");
  const request = !asked || utterance.polite || POLITE_REQUEST.test(text);
  // A question is never acted on, however sure the classifier is of the action it speaks of.
  if (!request) return false;
  if (classification.score >= SURE_ACTION) return true;
  const named = utterance.tokens.some((token) => RESOURCE_KINDS.has(token.kind)) || TARGET_WORDS.test(text);
  return named;
}

/**
 * The intent to keep, per language, as measured on the held-out corpus: in English the rules (they
 * read English better), with the classifier only for what they could not place; in the other
 * languages the classifier, with its actions held to what `mayAct` allows.
 */
function chooseIntent(rules: Request, classification: Classification, utterance: Utterance): IntentId {
  const learned = classification.intent;
  if (learned === rules.intent) return rules.intent;
  // The rules' "unknown" is their own (out of scope, unsupported): not the classifier's to give.
  if (learned === "unknown") return rules.intent;
  if (classification.locale === "en") return rules.intent === "unknown" && rules.confidence <= UNSURE_UNKNOWN && ENGLISH_FILLS.has(learned) ? learned : rules.intent;
  if (MUTATING_INTENTS.has(learned) && !mayAct(classification, utterance)) return rules.intent;
  return learned;
}

/** Below this the classifier's action is not worth asking about. */
const WORTH_ASKING = 0.5;

/**
 * Readings close enough to the chosen one to ask which was meant, each complete enough to act on:
 * - nothing understood, but the classifier reads an action on something named ("I'd like a fresh
 *   churn-xgb model"): offered, not done;
 * - a start of a name known both as a recipe and as a pipeline: training it, or running the pipeline.
 * Never for a question, a request opening with "ask", an operation the bot does not offer, or text
 * the rules refused.
 */
function alternativesTo(request: Request, classification: Classification, utterance: Utterance, readAs: (intent: IntentId) => Request): Request[] {
  const text = utterance.clean;
  if (/^ask\s/i.test(text) || UNSUPPORTED_OPERATION.test(text.toLowerCase())) return [];
  const lexicon = compiledLexicon();
  if (asksUnsupportedOperation(utterance) || aboutOtherPlatform(utterance, lexicon) || aboutOtherTool(utterance, lexicon)) return [];
  const asked = (QUESTION_END.test(text) || text.startsWith("¿")) && !utterance.polite && !POLITE_REQUEST.test(text);
  if (asked || utterance.negated) return [];
  const learned = classification.intent;
  const both = utterance.tokens.some((token) => token.known?.includes("recipe") && token.known.includes("pipeline"));
  const starting = (intent: IntentId): boolean => intent === "train" || intent === "pipeline";
  if (both && (starting(request.intent) || (request.intent === "unknown" && starting(learned)))) {
    const readings = (["train", "pipeline"] as const).filter((intent) => intent !== request.intent).map(readAs);
    return readings.filter((reading) => choiceOf(reading) !== undefined);
  }
  if (request.intent !== "unknown" || !MUTATING_INTENTS.has(learned) || classification.score < WORTH_ASKING) return [];
  const offered = readAs(learned);
  return choiceOf(offered) ? [offered] : [];
}

/**
 * The rules and the classifier learned from the corpus, each where it measures best. The rules alone
 * read the command form, refuse unsafe text and route alerts; ids and parameters are always theirs,
 * and so are the stage and services of the intent chosen.
 */
export class LearnedInterpreter implements Interpreter {
  constructor(
    private readonly classifier: IntentClassifier,
    private readonly inventory: Inventory = NO_INVENTORY,
  ) {}

  async interpret(text: string): Promise<Request> {
    return (await this.read(text)).request;
  }

  async read(text: string): Promise<Reading> {
    await this.inventory.refresh?.();
    const rules = readByRules(text, this.inventory);
    if (rules.settled) return { request: rules.request, alternatives: [] };
    const classification = await this.classifier.classify(text);
    const intent = startOfKnown(chooseIntent(rules.request, classification, rules.utterance), rules.utterance);
    const score = Math.round(Math.min(1, Math.max(0, classification.score)) * 100) / 100;
    const request = intent === rules.request.intent ? rules.request : requestAs(text, rules.utterance, intent, score);
    return { request, alternatives: alternativesTo(request, classification, rules.utterance, (other) => requestAs(text, rules.utterance, other, score)) };
  }
}
