import { getService } from "../catalog/catalog.js";
import { type IntentId, MUTATING_INTENTS } from "../catalog/ids.js";
import { JAPANESE_CAN_IT_BE_DONE, POLITE_REQUEST, QUESTION_OPENING_ABROAD, RESOURCE_REFERENCE_ABROAD, UNSUPPORTED_OPERATION, verbAbroad } from "./abroad.js";
import type { Utterance } from "./analysis.js";
import type { Classification, IntentClassifier, ServiceClassifier } from "./classifier.js";
import { compiledLexicon } from "./compiled.js";
import type { CorpusLanguage } from "./corpus.js";
import { type Inventory, NO_INVENTORY, startedAs } from "./inventory.js";
import { FOREIGN_PLATFORM_CUES, FOREIGN_TOOL_CUES } from "./lexicon.js";
import type { IntentNeighbours } from "./neighbours.js";
import { choiceOf } from "./readings.js";
import type { ServiceRetriever } from "./retrieval.js";
import { readByRules, requestAs, startOfKnown } from "./rules.js";
import type { Interpreter, Reading, Request } from "./schema.js";
import { aboutOtherPlatform, aboutOtherTool, asksUnsupportedOperation } from "./scope.js";
import type { TokenKind } from "./tokens.js";

/** Below this the classifier is unsure, and the closest corpus lines may speak instead (measured on the held-out sets). */
const SURE_READING = 0.9;
/** The share of the closest lines' votes their intent needs to speak. */
const NEIGHBOURS_AGREE = 0.6;
/** The rules' "unknown" this unsure is English the rules could not place: the classifier may read it as a question. */
const UNSURE_UNKNOWN = 0.5;

/** What the classifier may read in English the rules could not place: a question, or a call for help. */
const ENGLISH_FILLS: ReadonlySet<IntentId> = new Set(["ask", "help"]);
/**
 * Readings that only look (status, drift), which the classifier this sure may give an English
 * question the rules took for a general one, or could not place ("how many hpo trials are done?"):
 * measured on the held-out corpus and the fresh set, with no loss of safety (nothing is changed).
 */
const ENGLISH_LOOKS: ReadonlySet<IntentId> = new Set(["status", "drift"]);
const SURE_LOOK = 0.8;
/** Tokens that name one of ours: something for an action to act on. */
const RESOURCE_KINDS = new Set<TokenKind>(["name", "job", "endpoint", "ref", "s3", "kv", "instance"]);
/** An environment or a model version named outright, in any of the corpus languages. */
const TARGET_WORDS = /(^|[^a-z])(prod|staging|dev|v\d+)([^a-z]|$)/i;
/** Question marks of the corpus languages, and the Japanese question particle closing a sentence. */
const QUESTION_END = /[?？]\s*$|か[。\s]*$/;
/** One-word names of other tools and platforms ("jenkins", "airflow", "vertex"), wherever they stand, even inside a name. */
const FOREIGN_WORDS: ReadonlySet<string> = new Set([...FOREIGN_TOOL_CUES, ...FOREIGN_PLATFORM_CUES].map(([phrase]) => phrase).filter((phrase) => !phrase.includes(" ")));

function mentionsAnotherTool(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((word) => FOREIGN_WORDS.has(word));
}

/** Put as a question, and not as a polite request ("kannst du …?"): asked, not asked for. */
function onlyAsks(utterance: Utterance): boolean {
  const text = utterance.clean;
  if (!(QUESTION_END.test(withoutClosers(text)) || text.startsWith("¿")) || utterance.polite || POLITE_REQUEST.test(text)) return false;
  return !(JAPANESE_CAN_IT_BE_DONE.test(text) && namesOne(utterance));
}

/**
 * Thanks, greetings and emoji after a question ("… cette nuit ? merci d'avance", "…？ 🙏") leave it a
 * question: the text as it ends before them.
 */
function withoutClosers(text: string): string {
  let rest = text;
  for (let previous = ""; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(CLOSER_AT_END, "").trimEnd();
  }
  return rest;
}

const CLOSER_AT_END =
  /(\s|^)(merci( d'avance| beaucoup| bien)?|thanks?( a lot| in advance)?|thx|ty|cheers|danke( dir| schön| sehr)?|vielen dank|bitte|gracias( de antemano)?|por favor|porfa|please|pls|stp|svp|s'il te plaît|s'il vous plaît|lg|saludos|ciao)[\s!.]*$|(ありがとう(ございます)?|よろしく(お願いします)?|お願いします)[\s!！。]*$|(\s*(:[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?|[!！]))+$/iu;

/** Something of ours is named: a resource, an environment, a model version, or "le pipeline" and the like. */
function namesOne(utterance: Utterance): boolean {
  const text = utterance.clean;
  return utterance.tokens.some((token) => RESOURCE_KINDS.has(token.kind)) || TARGET_WORDS.test(text) || RESOURCE_REFERENCE_ABROAD.test(text);
}

/** Whether the classifier may move a message to an action the rules did not read in it. */
function mayAct(classification: Classification, utterance: Utterance): boolean {
  if (classification.locale === "en") return false;
  const text = utterance.clean;
  if (UNSUPPORTED_OPERATION.test(text.toLowerCase()) || mentionsAnotherTool(text)) return false;
  // A question is never acted on, however sure the classifier is of the action it speaks of.
  if (onlyAsks(utterance)) return false;
  // Something of ours must be named, however sure the classifier is: sure of a pipeline start in
  // "Tu peux me relire ce Dockerfile ?", it names nothing to start.
  return namesOne(utterance);
}

/**
 * The intent to keep, per language, as measured on the held-out corpus: in English the rules (they
 * read English better), with the classifier only for what they could not place; in the other
 * languages the classifier, with its actions held to what `mayAct` allows.
 */
function chooseIntent(rules: Request, classification: Classification, utterance: Utterance): IntentId {
  const chosen = chooseReading(rules, classification, utterance);
  // Whatever language was guessed: a short German or Spanish request is often guessed to be English.
  const verb = verbAbroad(utterance.clean, startedAs(utterance.tokens.flatMap((token) => token.known ?? [])));
  if (verb === undefined) return chosen;
  // A stop verb stops whatever was read; a start verb says what a start starts, never turning a deploy into one.
  if (STARTS.has(chosen) && (verb === "stop" || (chosen !== "deploy" && verb !== "deploy"))) return verb;
  // Nothing read, or a question or a call for help read, where the verb asks for an action on something named. The
  // classifier sure it is none of ours (hostile, out of scope) is not overruled by a verb.
  const sureNotOurs = classification.intent === "unknown" && classification.score >= UNSURE_UNKNOWN;
  if ((chosen === "unknown" || chosen === "ask" || chosen === "help") && !sureNotOurs && namesOne(utterance) && mayBeActedOn(utterance)) return verb;
  return chosen;
}

/** Neither a question (put as one, or opening with a question word), a negation, nor out of scope. */
function mayBeActedOn(utterance: Utterance): boolean {
  const text = utterance.clean;
  if (onlyAsks(utterance) || utterance.negated) return false;
  if (QUESTION_OPENING_ABROAD.test(text) && !POLITE_REQUEST.test(text)) return false;
  return !outOfScope(utterance);
}

/** An operation the bot does not offer, or about another tool or platform, in any corpus language. */
function outOfScope(utterance: Utterance): boolean {
  const text = utterance.clean;
  if (UNSUPPORTED_OPERATION.test(text.toLowerCase()) || mentionsAnotherTool(text)) return true;
  const lexicon = compiledLexicon();
  return asksUnsupportedOperation(utterance) || aboutOtherPlatform(utterance, lexicon) || aboutOtherTool(utterance, lexicon);
}

/**
 * The rules could not place the message: their "unknown", unsure in English. Their lexicon is
 * English, so how sure their "unknown" is says nothing of another language.
 */
function unplacedByRules(rules: Request, locale: CorpusLanguage): boolean {
  return rules.intent === "unknown" && (locale !== "en" || rules.confidence <= UNSURE_UNKNOWN);
}

function chooseReading(rules: Request, classification: Classification, utterance: Utterance): IntentId {
  const learned = classification.intent;
  if (learned === rules.intent) return rules.intent;
  // The rules' "unknown" is their own (out of scope, unsupported): not the classifier's to give.
  if (learned === "unknown") return rules.intent;
  if (classification.locale === "en") return englishIntent(rules, classification);
  if (MUTATING_INTENTS.has(learned) && !mayAct(classification, utterance)) return asksAbout(rules, classification, utterance) ? "ask" : rules.intent;
  return learned;
}

/**
 * An action the classifier read in a question the rules could not place, on nothing out of scope:
 * a question about that action ("チューニングで悪いトライアルを早めに止められますか？"), answered as one.
 */
function asksAbout(rules: Request, classification: Classification, utterance: Utterance): boolean {
  return unplacedByRules(rules, classification.locale) && onlyAsks(utterance) && !outOfScope(utterance);
}

/** Intents that start or change something, which a stop verb turns into a stop and a start verb into what it starts. */
const STARTS: ReadonlySet<IntentId> = new Set(["train", "tune", "deploy", "pipeline"]);

function englishIntent(rules: Request, classification: Classification): IntentId {
  const learned = classification.intent;
  const unplaced = unplacedByRules(rules, "en");
  if (unplaced && ENGLISH_FILLS.has(learned)) return learned;
  if ((unplaced || rules.intent === "ask") && ENGLISH_LOOKS.has(learned) && classification.score >= SURE_LOOK) return learned;
  return rules.intent;
}

/** Services a question's reading lists at most. */
const MAX_SERVICES = 5;

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
  if (/^ask\s/i.test(utterance.clean) || !mayBeActedOn(utterance)) return [];
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
  private readonly classifier: IntentClassifier;
  private readonly inventory: Inventory;
  private readonly retriever?: ServiceRetriever;
  private readonly services?: ServiceClassifier;
  private readonly neighbours?: IntentNeighbours;

  constructor(parts: { classifier: IntentClassifier; inventory?: Inventory; retriever?: ServiceRetriever; services?: ServiceClassifier; neighbours?: IntentNeighbours }) {
    this.classifier = parts.classifier;
    this.inventory = parts.inventory ?? NO_INVENTORY;
    this.retriever = parts.retriever;
    this.services = parts.services;
    this.neighbours = parts.neighbours;
  }

  async interpret(text: string): Promise<Request> {
    return (await this.read(text)).request;
  }

  async read(text: string): Promise<Reading> {
    await this.inventory.refresh?.();
    const whole = await this.readOne(text);
    if (whole.settled) return { request: whole.request, alternatives: [] };
    const split = await this.readClauses(whole.request, whole.utterance);
    if (split) return split;
    return { request: whole.request, alternatives: alternativesTo(whole.request, whole.classification, whole.utterance, whole.readAs) };
  }

  /** One stretch of text: the rules, and the classifier where it measures best. */
  private async readOne(text: string) {
    const rules = readByRules(text, this.inventory);
    const classification = rules.settled ? undefined : this.withNeighbours(text, await this.classifier.classify(text));
    if (!classification) return { request: rules.request, settled: true as const, utterance: rules.utterance };
    const intent = startOfKnown(chooseIntent(rules.request, classification, rules.utterance), rules.utterance);
    const score = Math.round(Math.min(1, Math.max(0, classification.score)) * 100) / 100;
    const readAs = (other: IntentId): Request => requestAs(text, rules.utterance, other, score);
    const read = intent === rules.request.intent ? rules.request : readAs(intent);
    const request = await this.withLearnedServices(this.withRetrievedServices(read), classification.locale);
    return { request, settled: false as const, utterance: rules.utterance, classification, readAs };
  }

  /**
   * In another language than English, the classifier unsure: the intent most of the closest corpus
   * lines share, when most of them share one (src/interpret/neighbours.ts).
   */
  private withNeighbours(text: string, classification: Classification): Classification {
    if (classification.locale === "en" || classification.score >= SURE_READING || !this.neighbours) return classification;
    const vote = this.neighbours.vote(text);
    if (!vote || vote.share < NEIGHBOURS_AGREE) return classification;
    return { ...classification, intent: vote.intent, score: vote.share };
  }

  /**
   * A question in which the rules found no service (a need described without naming one, or words
   * their lexicon does not know): the services of the corpus questions most like it, if any match.
   */
  private withRetrievedServices(request: Request): Request {
    if (request.intent !== "ask" || request.services.length > 0 || request.params.question !== "recommend" || !this.retriever) return request;
    const found = this.retriever.retrieve(request.text);
    if (found.services.length === 0) return request;
    return { ...request, stage: found.stage, services: found.services };
  }

  /**
   * A question in another language than English: the service it leads with is the service
   * classifier's (measured on the held-out corpus and the fresh set: the rules' English lexicon
   * misses most needs described in other words). A comparison, the scenario and the lifecycle keep
   * the rules' reading, which names several services or none on purpose.
   */
  private async withLearnedServices(request: Request, locale: CorpusLanguage): Promise<Request> {
    if (locale === "en" || request.intent !== "ask" || !this.services) return request;
    if (request.params.question === "compare" || request.params.question === "scenario" || request.params.question === "lifecycle") return request;
    const guess = await this.services.classify(request.text, locale);
    if (!guess) return request;
    if (guess.service === null) return { ...request, stage: null, services: [] };
    const lead = guess.service;
    return { ...request, stage: getService(lead).stage, services: [lead, ...request.services.filter((service) => service !== lead)].slice(0, MAX_SERVICES) };
  }

  /**
   * A message of several sentences or asks, read a clause at a time: an action asked for after a
   * sentence of context is the request ("drift has been bad all week. go ahead and retrain
   * churn-xgb"), and a question beside an action is kept to offer once the action is handled
   * ("deploy v2 to churn-staging, and btw what's shadow testing?"). Undefined when the clauses add
   * nothing to the reading of the whole. A negation anywhere keeps the whole message's reading.
   */
  private async readClauses(whole: Request, utterance: Utterance): Promise<Reading | undefined> {
    const clauses = clausesOf(utterance.clean);
    if (clauses.length < 2 || NEGATION_ANYWHERE.test(utterance.clean)) return undefined;
    const parts: Request[] = [];
    for (const clause of clauses) {
      const part = await this.readOne(clause);
      // A clause the rules refuse on its own (unsafe, out of scope) leaves the whole as it was read.
      if (part.settled && part.request.intent === "unknown") return undefined;
      parts.push(part.request);
    }
    const actions = parts.filter((part) => MUTATING_INTENTS.has(part.intent) && choiceOf(part) !== undefined);
    // Two actions in one message are not guessed at: the whole message's reading stands.
    if (actions.length > 1) return undefined;
    const [action] = actions;
    // The clause that asks for the action names its parts better than the whole message does.
    const request = action && (!MUTATING_INTENTS.has(whole.intent) || whole.intent === action.intent) ? { ...action, text: whole.text } : whole;
    if (!MUTATING_INTENTS.has(request.intent)) return undefined;
    const also = parts.filter((part) => part.intent === "ask");
    return { request, alternatives: [], also };
  }
}

/**
 * Where a message breaks into asks: after a sentence (Japanese puts no space after one), at a line break or a semicolon, and before
 * "btw", "by the way", "also" (with or without a comma and an "and" before them).
 */
const CLAUSE_BREAK = /(?<=[.!?])\s+|(?<=[。！？])\s*|\n+|;\s+|,?\s+(?:and\s+)?(?:btw|by the way|also|plus),?\s+/i;
/** At most this many clauses are read on their own; a longer message is read as a whole. */
const MAX_CLAUSES = 4;
/** A "don't", "not yet" or "no need" anywhere: which clause it belongs to is not guessed at. */
const NEGATION_ANYWHERE = /\b(don'?t|do not|never|shouldn'?t|should not|not yet|no need|wait|hold off|nicht|kein|no lo|pas encore|ne pas)\b|しないで|やめて|待って/i;

function clausesOf(text: string): string[] {
  const clauses = text
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length >= 3);
  return clauses.length > MAX_CLAUSES ? [] : clauses;
}
