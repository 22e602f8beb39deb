import { getService } from "../catalog/catalog.js";
import { type IntentId, MUTATING_INTENTS, SERVICE_IDS, type ServiceId } from "../catalog/ids.js";
import {
  ASKS_WHETHER_ABROAD,
  asksOfSomeone,
  closesOnJapaneseRequest,
  DEFINITION_QUESTION,
  DONE_ALREADY_ABROAD,
  DRIFT_NOUN_ABROAD,
  JAPANESE_CAN_IT_BE_DONE,
  JAPANESE_KANA,
  LIST_OR_RUNNING_ABROAD,
  LOOK_ASKED_ABROAD,
  opensWithVerbAbroad,
  QUESTION_OPENING_ABROAD,
  RESOURCE_NOUN_ABROAD,
  RESOURCE_REFERENCE_ABROAD,
  ROLLBACK_ABROAD,
  SHADOW_NEED_ABROAD,
  speaksOfDeploying,
  speaksOfPipeline,
  speaksOfTraining,
  speaksOfTuning,
  TARGET_NAMED,
  THANKED_FOR_HELP,
  THANKS_ONLY_ABROAD,
  UNSUPPORTED_OPERATION,
  UNSUPPORTED_REQUEST_ABROAD,
  VERSION_NAMED,
  verbAbroad,
  WHAT_IF_ABROAD,
} from "./abroad.js";
import type { Utterance } from "./analysis.js";
import type { Classification, IntentClassifier, ServiceClassifier } from "./classifier.js";
import { compiledLexicon } from "./compiled.js";
import type { CorpusLanguage } from "./corpus.js";
import { firstPosition, score } from "./cues.js";
import { opensWithStartVerb } from "./intent.js";
import { type Inventory, NO_INVENTORY, startedAs, startedByLooks } from "./inventory.js";
import { FOREIGN_PLATFORM_CUES, FOREIGN_TOOL_CUES, LEADING_VERBS } from "./lexicon.js";
import type { IntentNeighbours } from "./neighbours.js";
import { choiceOf } from "./readings.js";
import type { ServiceRetriever } from "./retrieval.js";
import { readByRules, requestAs, startOfKnown } from "./rules.js";
import type { Interpreter, Reading, Request } from "./schema.js";
import { aboutOtherPlatform, aboutOtherTool, asksUnsupportedOperation, namesOwnService } from "./scope.js";
import { type TokenKind, unknownNames, withCorrectedNames } from "./tokens.js";

/** Below this the classifier is unsure, and the closest corpus lines may speak instead (measured on the held-out sets). */
const SURE_READING = 0.9;
/** The share of the closest lines' votes their intent needs to speak. */
const NEIGHBOURS_AGREE = 0.6;
/** The classifier this sure of a question is not overruled by an action verb in it. */
const SURE_QUESTION = 0.95;
/** How closely the corpus's questions must answer an English question the rules could not place (measured: needs 750 and more, chatter under 650). */
const NEED_RETRIEVED = 700;
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
/** The same for a look at nothing of ours named ("how many trials are done?"). */
const SURE_UNNAMED_LOOK = 0.95;
/** "how do I …", "how can we …": asks how to do it, not how something is doing. */
const HOW_TO_ASK = /(^|[.!?]\s+)how (do|can|should|would|could) (i|we|you|one)\b/i;
/** Tokens that name one of ours: something for an action to act on. */
const RESOURCE_KINDS = new Set<TokenKind>(["name", "job", "endpoint", "ref", "s3", "kv", "instance"]);
/** An environment or a model version named outright, in any of the corpus languages. */
const TARGET_WORDS = /(^|[^a-z])(prod|staging|dev|v\d+|versi[oó]n \d+|バージョン ?\d+|本番|ステージング|最新版)([^a-z]|$)/i;
/** Question marks of the corpus languages, and the Japanese question particle closing a sentence. */
const QUESTION_END = /[?？]\s*$|か[。\s]*$/;
/** One-word names of other tools and platforms ("jenkins", "airflow", "vertex"), wherever they stand, even inside a name. */
const FOREIGN_WORDS: ReadonlySet<string> = new Set([...FOREIGN_TOOL_CUES, ...FOREIGN_PLATFORM_CUES].map(([phrase]) => phrase).filter((phrase) => !phrase.includes(" ")));

/**
 * Another tool's work: one named, and nothing of ours ("relance le dag airflow"). A mention beside one of
 * ours is context ("despliega la v2 en risk-dev, el equipo de backend quiere probarla").
 */
function anotherToolsWork(utterance: Utterance): boolean {
  return mentionsAnotherTool(utterance.clean) && !namesOneOfOurs(utterance);
}

function mentionsAnotherTool(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((word) => FOREIGN_WORDS.has(word));
}

/** Put as a question, and not as a polite request ("kannst du …?"): asked, not asked for. */
function onlyAsks(utterance: Utterance): boolean {
  const text = utterance.clean;
  // "kann man churn-xgb auch auf spot-instanzen trainieren? würde einiges sparen": asked first, a remark after.
  const askedFirst = ASKS_WHETHER_ABROAD.test(text) && /[?？]/.test(text);
  if (WHAT_IF_ABROAD.test(text) && /[?？]/.test(text)) return true;
  if (!(QUESTION_END.test(withoutClosers(text)) || text.startsWith("¿") || askedFirst) || utterance.polite || asksOfSomeone(text)) return false;
  if (opensWithRequest(text)) return false;
  return !(JAPANESE_CAN_IT_BE_DONE.test(text) && namesOne(utterance));
}

/**
 * "starte die retrain pipeline und btw gibts schon ein ergebnis?", "churn-retrain実行して、あと前回どのくらいかかった？":
 * a first clause asking for an action, with a question after it, is a request with a side question.
 */
function opensWithRequest(text: string): boolean {
  const [first, ...rest] = clausesOf(text);
  if (first === undefined || rest.length === 0 || /[?？]/.test(first) || QUESTION_OPENING_ABROAD.test(first)) return false;
  if (ASKS_WHETHER_ABROAD.test(first) || WHAT_IF_ABROAD.test(first) || toldAsDone(first) || verbAbroad(first, undefined) === undefined) return false;
  // The verb opens the clause ("starte …", "lanza …"), or closes it as a Japanese request ("…実行して"); a participle
  // in a description ("on veut un classifieur tuné, déployé, surveillé") asks for nothing.
  return opensWithVerbAbroad(first);
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

/** Tokens that can only be one of ours, whatever the inventory knows. */
const OURS_KINDS = new Set<TokenKind>(["job", "endpoint", "ref", "s3", "instance"]);

/**
 * Something of ours named for certain: a resource the inventory knows, a job id, an endpoint, a model
 * version, an S3 location or an environment. A hyphenated word ("hand-tweaking") is not a name here.
 */
function namesOneOfOurs(utterance: Utterance): boolean {
  return utterance.tokens.some((token) => OURS_KINDS.has(token.kind) || (token.known?.length ?? 0) > 0) || TARGET_WORDS.test(utterance.clean);
}

/** Whether the classifier may move a message to an action the rules did not read in it. */
function mayAct(classification: Classification, utterance: Utterance): boolean {
  if (classification.locale === "en") return false;
  const text = utterance.clean;
  if (UNSUPPORTED_OPERATION.test(text.toLowerCase()) || anotherToolsWork(utterance)) return false;
  if (toldAsDone(text)) return false;
  // Unsure of a training in "Kannst du fraud-lgbm hinter einen asynchronen Endpoint hängen?", which speaks only of deploying.
  const trains = classification.intent === "train" || classification.intent === "tune";
  if (trains && classification.score < SURE_READING && speaksOfDeploying(text) && !speaksOfTraining(text)) return false;
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
  // "v2 churn-dev", "v3 churn-staging pls": a version and where it goes, and nothing else, as the arrow form says it.
  if (TERSE_DEPLOY.test(utterance.clean) && namesEndpoint(utterance)) return "deploy";
  if (classification.locale === "en" && !utterance.negated && (namesEndpoint(utterance) || ENVIRONMENT_NAMED.test(utterance.clean))) {
    // "would be great to have v2 on churn-dev so I can poke at it": a version wished where it goes.
    if (VERSION_WISHED_ON.test(utterance.clean)) return "deploy";
    // "is v2 actually deployed to prod or still just on staging?": where a version is, asked.
    if (VERSION_WHERE_ASKED.test(utterance.clean)) return "status";
  }
  // "we tune churn-xgb monthly": a habit told, whatever the classifier makes of its verb.
  if (utterance.habitual && MUTATING_INTENTS.has(classification.intent)) return rules.intent;
  const reading = chooseReading(rules, classification, utterance);
  // "put v3 next to churn-prod on mirrored traffic without customers seeing its replies" asks for shadow testing, which no plan runs.
  // The same asked in another language ("comparer la nouvelle version avec celle en prod, sur les mêmes requêtes live"), whatever action was read.
  const shadowNeed = (reading === "deploy" && describesNeedOfUnactedService(utterance, SHADOW)) || (MUTATING_INTENTS.has(reading) && SHADOW_NEED_ABROAD.test(utterance.clean));
  const read = shadowNeed ? "ask" : reading;
  // "¿Cómo se hace un rollback en un endpoint si …? Quiero entender el proceso antes de tocar prod": opened on a question word, asked about, not for.
  if (classification.locale !== "en" && MUTATING_INTENTS.has(read) && HOW_OPENING_ABROAD.test(utterance.clean) && !asksOfSomeone(utterance.clean) && !commandsInAClause(utterance.clean)) return "ask";
  // "i already kicked off churn-retrain an hour ago, just so you know", "Zur Info: ich hab v3 heute früh schon selber …
  // auf staging deployt": told as done, and nothing asked after it (abroad, toldAsDone reads the later clauses itself).
  if (MUTATING_INTENTS.has(read) && toldAsDone(utterance.clean) && (classification.locale !== "en" || !commandsAfterTelling(utterance.clean))) return "unknown";
  // "what happens if I stop churn-retrain halfway?", "can I stop churn-tune-… and keep the best trial?": asked about, not for.
  if (classification.locale === "en" && read !== "ask" && read !== "unknown" && read !== "help" && /[?？]/.test(utterance.clean) && ASKS_WHAT_IF_EN.test(utterance.clean) && !POLITE_ANYWHERE_EN.test(utterance.clean)) return "ask";
  // "FYI I already deployed v3 to churn-staging by hand": told for the record, nothing asked.
  if (read !== "unknown" && FOR_THE_RECORD.test(utterance.clean) && toldAsDone(utterance.clean) && !commandsAfterTelling(utterance.clean)) return "unknown";
  // "lösch bitte den endpoint churn-dev", "puedes relanzar el dag de airflow?": asked of us, but nothing we do.
  if (read !== "unknown" && asksForWhatWeDoNot(utterance, classification.locale)) return "unknown";
  // "anyone know why the airflow scheduler is lagging on the dbt dag?": another tool's trouble, nothing of ours or of SageMaker in it.
  if (classification.locale === "en" && read === "ask" && TROUBLE_WORDS_EN.test(utterance.clean) && aboutAnotherToolOnly(utterance)) return "unknown";
  // "merci, c'est parfait", "¿alguien sabe por qué falla el job de jenkins?": thanks, or another tool's trouble.
  if (classification.locale !== "en" && read !== "unknown" && (THANKS_ONLY_ABROAD.test(utterance.clean) || aboutAnotherToolOnly(utterance))) return "unknown";
  // "v3 approved?", "is die version 2 already approved oder noch pending?", "v2 approuvée ?": a look at the registry.
  if ((read === "ask" || read === "unknown") && asksWhetherApproved(utterance)) return "status";
  const looked = driftAbroad(definitionAsked(looksAbroad(read, utterance), utterance), utterance);
  // "Data Wrangler って何ができるの？": what a service can do is a question about it, not a call for help.
  const chosen = looked === "help" ? helpOrNot(utterance, rules) : looked;
  // "la v3 ya está en churn-prod, la subí yo hace rato": told as done, for the record; nothing asked of the bot.
  if (chosen === "status" && toldAsDone(utterance.clean) && !onlyAsks(utterance) && classification.locale !== "en") return "unknown";
  // "¿Podría decirme si churn-dev está funcionando bien?", "v3のモデル登録ステータスを確認したいです": a look at one of ours asked for.
  if ((chosen === "ask" || chosen === "unknown") && classification.locale !== "en" && namesOneOfOurs(utterance) && TELL_WHETHER_ABROAD.test(utterance.clean) && !outOfScope(utterance)) return "status";
  // Whatever language was guessed: a short German or Spanish request is often guessed to be English.
  const verb = verbAbroad(utterance.clean, startedAs(utterance.tokens.flatMap((token) => token.known ?? [])) ?? startedByLooks(unknownNames(utterance.tokens)));
  // "churn-dev のエンドポイントが InService か確認していただけますか", read as a deploy: a look asked for, with no action's verb.
  if (verb === undefined && MUTATING_INTENTS.has(chosen) && classification.locale !== "en" && LOOK_ASKED_ABROAD.test(utterance.clean)) return "status";
  // "Für das neue Ticket-Routing haben wir null Labels.", guessed a stop: a stop needs its verb, or the classifier sure of it.
  if (verb === undefined && chosen === "stop" && rules.intent !== "stop" && classification.locale !== "en" && classification.score < SURE_READING) return rules.intent;
  if (verb === undefined) return chosen;
  // A stop verb stops whatever was read; a start verb says what a start starts, never turning a deploy into one.
  // Asked whether or what if ("si je coupe une exécution de churn-retrain, on peut la reprendre ?"), the verb does nothing.
  // "lance un job d'entraînement churn-xgb sur s3://…" read as a batch deploy: a training start says nothing of deploying.
  const startsTrainingNotDeploy = chosen === "deploy" && (verb === "train" || verb === "tune") && !speaksOfDeploying(utterance.clean);
  if (STARTS.has(chosen) && (verb === "stop" || (chosen !== "deploy" && verb !== "deploy") || startsTrainingNotDeploy)) return onlyAsks(utterance) && !utterance.polite ? chosen : verb;
  // "estaría genial tener la v4 de basket-rec en reco-prod", read as a training: a version and where it goes are a deploy.
  if ((chosen === "train" || chosen === "tune") && verb === "deploy" && VERSION_NAMED.test(utterance.clean) && TARGET_NAMED.test(utterance.clean)) return verb;
  // "la latencia de churn-prod se disparó … vuelve atrás ya", read as a pipeline start: going back is a deploy.
  if (STARTS.has(chosen) && chosen !== "deploy" && verb === "deploy" && ROLLBACK_ABROAD.test(utterance.clean) && !onlyAsks(utterance)) return verb;
  // "por favor ejecute el pipeline nightly-refresh …", read as a stop: the verb says what is asked, and it stops nothing.
  if (chosen === "stop" && verb !== "stop" && !onlyAsks(utterance)) return verb;
  // "abbrechen: churn-xgb-20261130-0915", "faudrait refaire tourner churn-retrain, celle de cette nuit s'est vautrée":
  // the verb asks for something to be done to the one named, not for a look at it.
  if (chosen === "status" && namesOne(utterance) && mayBeActedOn(utterance)) return verb;
  // "Le pido que detenga el ajuste de hiperparámetros en curso": the one running now, stopped when asked of us.
  if (chosen === "status" && verb === "stop" && asksOfSomeone(utterance.clean) && RUNNING_NOW_ABROAD.test(utterance.clean) && mayBeActedOn(utterance)) return verb;
  // "Le drift sur churn-prod est mauvais depuis lundi, du coup réentraîne churn-xgb": the look is context, a later clause asks.
  if ((chosen === "drift" || chosen === "status") && STARTS.has(verb) && laterClauseAsks(utterance.clean) && mayBeActedOn(utterance)) return verb;
  // Nothing read, or a question or a call for help read, where the verb asks for an action on something named. The
  // classifier sure it is none of ours (hostile, out of scope) is not overruled by a verb.
  const sureNotOurs = classification.intent === "unknown" && classification.score >= UNSURE_UNKNOWN;
  // Nor is a question the classifier is sure of ("Unser Modell trainiert auf einer EC2-Kiste … Wir wollen das reproduzierbar"): the verb tells its story.
  // A clause that opens on its verb ("…, lánzame fraud-xgb") or closes on a Japanese request ("…流してください") asks all the same.
  const sureQuestion = classification.intent === "ask" && classification.score >= SURE_QUESTION && !commandsInAClause(utterance.clean);
  // "Auriez-vous l'amabilité de lancer un nouvel entraînement ?", "Kannst du bitte einen neuen Lauf der Retrain-Pipeline anstoßen?":
  // a new training or run asked of us needs nothing named yet (the recipe or the pipeline is asked back).
  const newTrainingAsked = asksOfSomeone(utterance.clean) && (((verb === "train" || verb === "tune") && speaksOfTraining(utterance.clean)) || (verb === "pipeline" && speaksOfPipeline(utterance.clean)));
  const wished = wishesForAction(utterance.clean) && namesOne(utterance) && !utterance.negated && !outOfScope(utterance) && !sureQuestion;
  // Nothing read, a question or a call for help: what a verb may still turn into its action.
  const unplaced = chosen === "unknown" || chosen === "ask" || chosen === "help";
  if (unplaced && wished) return verb;
  // "ok dann lass mal tunen 🙏", "ok et du coup lance un tuning dessus", "今走ってるtraining止めて": a training, a tuning or a stop
  // commanded with nothing named; the recipe or the job is asked back.
  const commandsUnnamed = classification.locale !== "en" && UNNAMED_COMMANDS.has(verb) && !/[?？]/.test(utterance.clean) && commandsInAClause(utterance.clean);
  if (unplaced && commandsUnnamed && !sureNotOurs && !utterance.negated && !outOfScope(utterance)) return verb;
  if (unplaced && !sureNotOurs && !sureQuestion && (namesOne(utterance) || newTrainingAsked) && mayBeActedOn(utterance)) return verb;
  return chosen;
}

/** The one running now ("das laufende Tuning", "el ajuste en curso", "l'entraînement en cours", "今走ってる学習"). */
const RUNNING_NOW_ABROAD = /laufende|en curso|en cours|実行中|走ってる|走っている|動いてる/iu;

/** What a command may ask for naming nothing: the missing recipe, job or pipeline is asked back (a deploy needs its target said). */
const UNNAMED_COMMANDS: ReadonlySet<string> = new Set(["train", "tune", "stop", "pipeline"]);

/** A clause of the message, not a question, opening on an action's verb or closing on a Japanese request other than "tell me". */
function commandsInAClause(text: string): boolean {
  // Japanese has no spaces to find a clause's opening by: only its close counts.
  const opensOnVerb = (clause: string) => clause.split(/[,;:—]\s*/).some((part) => opensWithVerbAbroad(part.trim()));
  return clausesOf(text).some((clause) => !/[?？]/.test(clause) && (STOP_ALONE_JA.test(clause) || (closesOnJapaneseRequest(clause) ? !TELL_ME_JA.test(clause) : !JAPANESE_KANA.test(clause) && opensOnVerb(clause))));
}

/** "ストップ！", "止めて！": a stop called out alone. */
const STOP_ALONE_JA = /^(ストップ|止めて|とめて)[!！]*$/u;

/** "…教えてください": a question put as a request. */
const TELL_ME_JA = /教えて/;

/** An environment named outright. */
const ENVIRONMENT_NAMED = /\b(prod|production|staging|dev)\b/i;
/** A version wished onto an endpoint or an environment. */
const VERSION_WISHED_ON =
  /^(it'?d |it would |would |'?d )be (great|nice|good|awesome|cool|amazing|helpful|lovely|ideal) (to|if we could|if you could) (have|get|see|put) (v\d+|version \d+)( of [\w-]+)? (live |running |up )?(on|in|onto|to)\s/i;
/** Whether a version is on an endpoint or an environment, asked yes or no. */
const VERSION_WHERE_ASKED =
  /^(is|are|has|did|was) (v\d+|version \d+|the new (version|model))( of [\w-]+)? (actually |already |really |now |still )?(been |got |gotten )?(deployed|live|running|serving|out|rolled out|shipped|promoted|on|in)\b/i;

/** A version, then an endpoint's name, then at most a "please" (src/interpret/tokens.ts types the name). */
const TERSE_DEPLOY = /^(v|version\s?)\d+\s+[a-z][\w-]*(\s+(pls|please|plz|bitte|por favor|stp|svp|お願い(します)?))?[\s!.]*$/i;

/** Asked to be told whether one of ours is well, or its status wished to be seen, in the other languages. */
const TELL_WHETHER_ABROAD =
  /(dime|decime|d[ií]game|decirme|contame|cu[ée]ntame) si|sag (mir|uns) (mal )?,? ?ob|(dis|dites)-(moi|nous) si|(me|nous) dire si|(ステータス|状況|状態)(を|が)?(確認|チェック)したい/iu;

/** An English question of what would happen, or whether one can ("model registry q: can one group hold …?"). */
const ASKS_WHAT_IF_EN = /^((\S+\s+){0,3}q:\s*|[^?]{0,40}\s[—–-]+\s)?(what happens|what would happen|what if|if (i|we|you)|can (i|one)(?! (get|have)\b)|do (i|we) (lose|keep)|should (i|we))\b/i;
/** An opening that tells for the record ("FYI", "heads up", "zur Info", "pour info", "para que sepas"). */
const FOR_THE_RECORD = /^(just\s+)?(fyi|heads up|just so you know|for the record|zur info|nur zur info|info|pour info|para que sep[aá]is|para que sepas|para tu info|参考まで|共有です)(?![\p{L}])/iu;

/** A call for help as read: what a service can do is a question about it; thanks for the help given is chatter. */
function helpOrNot(utterance: Utterance, rules: Request): IntentId {
  if (namesOwnService(utterance, compiledLexicon())) return "ask";
  // "¿Cómo lanzo un training job con mi propio script? Soy nueva …": how to do something the rules place, asked by a newcomer.
  if (rules.intent === "ask" && HOW_OPENING_ABROAD.test(utterance.clean)) return "ask";
  return THANKED_FOR_HELP.test(utterance.clean) && !/[?？]/.test(utterance.clean) ? "unknown" : "help";
}

/** A question opening on "how" in German, Spanish or French, or a Japanese "how do I". */
const HOW_OPENING_ABROAD = /^(¿\s*)?(c[oó]mo|wie|comment)(?![\p{L}])|どうやって|どうすれば/iu;

/**
 * "Ich würde Version 1 gern als Serverless-Endpoint bereitstellen, … Geht das bitte?": a first sentence wishing
 * for an action asks for it, whatever question of whether it can be done follows, unless one asks how.
 */
function wishesForAction(text: string): boolean {
  const [first] = clausesOf(text);
  const wish = first === undefined ? null : WISH_OPENING_ABROAD.exec(first);
  if (first === undefined || wish === null || verbAbroad(first, undefined) === undefined) return false;
  // The verb wished for follows the wish ("me gustaría desplegar …"), or in German stands anywhere after it ("… bereitstellen").
  const afterWish = first.slice(wish[0].length);
  const german = /^(ich|wir)\s/i.test(first);
  const [clause = ""] = afterWish.split(/[,;]/);
  const ofTheWish = german ? verbAbroad(afterWish, undefined) !== undefined : opensWithVerbAbroad(clause.trim().split(/\s+/).slice(0, 3).join(" "));
  if (!ofTheWish) return false;
  return !laterClauses(text).some((clause) => HOW_TO_DO_IT.test(clause) || (QUESTION_OPENING_ABROAD.test(clause) && !asksOfSomeone(clause)));
}

/** The openings of a wish in German, Spanish and French ("ich würde gern", "me gustaría", "je voudrais"). */
const WISH_OPENING_ABROAD =
  /^(ich|wir)\s+(würde[n]?\s+(\S+\s+){0,4}gerne?|möchte[n]?|hätte[n]?\s+(\S+\s+){0,3}gerne?|bräuchte[n]?)|^(me|nos)\s+gustar[ií]a|^(quisiera|quiero|queremos|necesito|necesitamos)(?![\p{L}])|^(je\s+voudrais|j'aimerais|on\s+voudrait|nous\s+voudrions|on\s+aimerait|on\s+a\s+besoin\s+d)/iu;

/** Whether a named version is approved, asked in any corpus language. */
function asksWhetherApproved(utterance: Utterance): boolean {
  const text = utterance.clean;
  // Short, and nothing but the version and its status: a longer question about approvals asks how they work.
  const short = text.split(/\s+/).length <= SHORT_APPROVAL_QUESTION;
  return short && NUMBERED_VERSION.test(text) && APPROVED_WORD.test(text) && QUESTION_END.test(withoutClosers(text)) && !QUESTION_OPENING_ABROAD.test(text) && !HOW_TO_ASK.test(text);
}

/** At most this many words in a question whether a version is approved. */
const SHORT_APPROVAL_QUESTION = 10;
/** A version named by its number ("v3", "version 2", "versión 2", "バージョン3"). */
const NUMBERED_VERSION = /(^|[^\p{L}])(v\d+|versi[oó]n\s?\d+)(?![\p{L}])|バージョン\s?\d/iu;
/** A version's approval status ("approved", "freigegeben", "aprobada", "approuvée", "承認済み"). */
const APPROVED_WORD = /(^|[^\p{L}])(approved|freigegeben|genehmigt|aprobad[ao]|approuv[ée]e?)(?![\p{L}])|承認(済|され)/iu;

/** A clause after the first opens with an action's verb, after a connective ("…, du coup réentraîne churn-xgb"). */
function laterClauseAsks(text: string): boolean {
  return laterClauses(text).some((clause) => opensWithVerbAbroad(clause.replace(CONNECTIVE_OPENING, "")));
}

/** The clauses after the first, broken at every comma and sentence end. */
function laterClauses(text: string): string[] {
  return text
    .split(/[,;.!?。、！？]\s*/)
    .slice(1)
    .filter((clause) => clause !== "");
}

/** Words that join a request to the context before it. */
const CONNECTIVE_OPENING = /^((du coup|donc|alors|et|so|also|deshalb|daher|dann|und|entonces|así que|asi que|pues|por eso|y|だから|なので)\s*)+/iu;

/** "deploy the model to our kubernetes cluster with helm": a command for another tool, not a question about ours. */
function commandsAnotherTool(utterance: Utterance): boolean {
  const verb = utterance.leadingIntent;
  const first = utterance.tokens[utterance.start]?.words[0] ?? "";
  const commands = (verb !== undefined && MUTATING_INTENTS.has(verb)) || IMPERATIVE_STARTS.has(first);
  return commands && !utterance.question && mentionsAnotherTool(utterance.clean);
}

/** Trouble asked about: why something is slow, failing or broken. */
const TROUBLE_WORDS_EN = /\b(why|lagging|slow|failing|failed|fails|broken|stuck|crash\w*|errors?|flaky|hanging|down|forbidden|denied|ideas)\b/i;

/** Verbs that open a command to do something somewhere ("roll the model out to our cluster"). */
const IMPERATIVE_STARTS: ReadonlySet<string> = new Set(["roll", "run", "start", "launch", "push", "kick", "trigger", "restart", "rerun", "scale", "spin", "install", "upgrade", "redeploy", "ship"]);

/** Another tool named, and nothing of ours nor any service of the catalogue by its own name. */
function aboutAnotherToolOnly(utterance: Utterance): boolean {
  // "wie bringe ich ein eigenes Docker-Image fürs Training mit?": another tool for a training of ours.
  if (!mentionsAnotherTool(utterance.clean) || namesOneOfOurs(utterance) || speaksOfTraining(utterance.clean)) return false;
  return !namesOwnService(utterance, compiledLexicon()) && !/sagemaker|aws/i.test(utterance.clean);
}

/**
 * A request, not a question about one, for an operation the bot does not offer or for another
 * tool's work, in the corpus's other languages (the English rules read these themselves).
 */
function asksForWhatWeDoNot(utterance: Utterance, locale: CorpusLanguage): boolean {
  const text = utterance.clean;
  const asked = !onlyAsks(utterance) && !(QUESTION_OPENING_ABROAD.test(text) && !asksOfSomeone(text));
  // The verbs are the other languages' own, so a short message guessed to be English counts too.
  return asked && !utterance.negated && (UNSUPPORTED_REQUEST_ABROAD.test(text) || (locale !== "en" && anotherToolsWork(utterance)));
}

/**
 * "liste les trainings churn-xgb des 7 derniers jours", "churn-xgbのトレーニングジョブ一覧見せて",
 * "combien de jobs de tuning sont en cours ?": a list or a count of what runs is a look, whatever
 * resource noun the classifier read it by, unless a verb asks for an action.
 */
function looksAbroad(read: IntentId, utterance: Utterance): IntentId {
  if (!READ_BY_NOUN.has(read)) return read;
  const text = utterance.clean;
  if (!LIST_OR_RUNNING_ABROAD.test(text) || verbAbroad(text, undefined) !== undefined || !RESOURCE_NOUN_ABROAD.test(text)) return read;
  return "status";
}

/** "dérive churn-dev ?", "churn-prodのドリフトどう？": a look at one of ours for drift is a drift look, not a status. */
function driftAbroad(read: IntentId, utterance: Utterance): IntentId {
  // "Hat der Data-Quality-Monitor über Nacht was gefunden?": what the monitor found is its findings.
  if (read === "status" && MONITOR_FOUND_ABROAD.test(utterance.clean)) return "drift";
  if (read !== "status" || !DRIFT_NOUN_ABROAD.test(utterance.clean)) return read;
  return namesEndpoint(utterance) ? "drift" : read;
}

/** An endpoint named, by its looks or as the inventory knows it. */
function namesEndpoint(utterance: Utterance): boolean {
  return utterance.tokens.some((token) => token.kind === "endpoint" || token.known?.includes("endpoint") === true);
}

/** The monitor and what it found, in German, Spanish, French and Japanese. */
const MONITOR_FOUND_ABROAD = /monitor\S*(?=.*(gefunden|entdeckt|gemeldet|encontr[óo]|detect[óo]|trouv[ée]|d[ée]tect[ée]|remont[ée]|見つ|検出|検知))|(モニター|監視)\S*(?=.*(見つ|検出|検知|引っかか))/isu;

/** Readings a resource noun may have given a list or a count (a status and a stop keep theirs). */
const READ_BY_NOUN: ReadonlySet<IntentId> = new Set(["train", "tune", "ask", "pipeline", "unknown", "drift"]);

/**
 * "あとモデルレジストリって何？", "c'est quoi le model registry ?": what a thing is, asked of nothing of ours,
 * is a question, however the classifier read the service's name.
 */
function definitionAsked(read: IntentId, utterance: Utterance): IntentId {
  if (read === "ask" || read === "help" || MUTATING_INTENTS.has(read) || namesOneOfOurs(utterance)) return read;
  return DEFINITION_QUESTION.test(utterance.clean) ? "ask" : read;
}

/** Neither a question (put as one, or opening with a question word), a negation, nor out of scope. */
function mayBeActedOn(utterance: Utterance): boolean {
  const text = utterance.clean;
  if (onlyAsks(utterance) || utterance.negated || toldAsDone(text)) return false;
  if (QUESTION_OPENING_ABROAD.test(text) && !asksOfSomeone(text)) return false;
  // "how do I deploy version 3 to churn-staging myself", with or without its question mark: asked, not asked for.
  if (HOW_TO_ASK.test(text)) return false;
  return !outOfScope(utterance);
}

/** An operation the bot does not offer, or about another tool or platform, in any corpus language. */
function outOfScope(utterance: Utterance): boolean {
  const text = utterance.clean;
  if (UNSUPPORTED_OPERATION.test(text.toLowerCase()) || anotherToolsWork(utterance)) return true;
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
  // "show the last 3 runs of churn-retrain", which neither the rules nor the classifier placed: a look at one of ours.
  if (rules.intent === "unknown" && opensWithLookAtOurs(utterance)) return "status";
  if (learned === rules.intent) return rules.intent;
  // The rules' "unknown" is their own (out of scope, unsupported): not the classifier's to give.
  if (learned === "unknown") return rules.intent;
  if (classification.locale === "en") return englishIntent(rules, classification, utterance);
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

function englishIntent(rules: Request, classification: Classification, utterance: Utterance): IntentId {
  const learned = classification.intent;
  const unplaced = unplacedByRules(rules, "en");
  // "show the last 3 runs of churn-retrain": a look at one of ours, whatever action its name made the classifier read.
  if (opensWithLookAtOurs(utterance) && MUTATING_INTENTS.has(learned) && RULES_MAY_YIELD.has(rules.intent)) return ENGLISH_LOOKS.has(rules.intent) ? rules.intent : "status";
  // A tuning needs a word of tuning: "run churn-retrain again please" after a sentence on a flaky step asks for no tuning.
  const unsaidTuning = learned === "tune" && !speaksOfTuning(utterance.clean);
  // A look the rules are sure of ("can I get a status update on the churn-xgb training job?") is not yielded to an action.
  const rulesSureOfLook = rules.intent === "status" && rules.confidence >= SURE_RULES_LOOK;
  if (MUTATING_INTENTS.has(learned) && classification.score >= SURE_ENGLISH_ACTION && RULES_MAY_YIELD.has(rules.intent) && !rulesSureOfLook && mayActInEnglish(utterance) && !unsaidTuning) return learned;
  if (unplaced && ENGLISH_FILLS.has(learned) && !commandsAnotherTool(utterance)) return learned;
  // "what can sageops actually do?": the rules know no ML word in it, the classifier is sure it asks for help.
  if (rules.intent === "unknown" && learned === "help" && utterance.question && classification.score >= SURE_HELP && !outOfScope(utterance)) return learned;
  // A how-to question, or one naming nothing of ours, needs the classifier surer ("is autopliot any good").
  const sureLook = namesOneOfOurs(utterance) ? SURE_LOOK : SURE_UNNAMED_LOOK;
  if ((unplaced || rules.intent === "ask") && ENGLISH_LOOKS.has(learned) && classification.score >= sureLook && !(HOW_TO_ASK.test(utterance.clean) && !namesOneOfOurs(utterance))) return learned;
  // "show the recent churn-retrain executions": a look at one of ours the rules found no ML words in.
  if (rules.intent === "unknown" && ENGLISH_LOOKS.has(learned) && classification.score >= SURE_ENGLISH_ACTION && namesOneOfOurs(utterance) && !outOfScope(utterance)) return learned;
  return rules.intent;
}

/** An English message opening with a look verb over one of ours ("show the last 3 runs of churn-retrain"). */
function opensWithLookAtOurs(utterance: Utterance): boolean {
  return LOOK_OPENING.test(utterance.clean) && namesOneOfOurs(utterance) && !outOfScope(utterance);
}

/** The rules this sure of a look keep it, whatever action the classifier reads. */
const SURE_RULES_LOOK = 0.9;

/** Opening verbs of a look ("show …", "list …", "can you show me …"). */
const LOOK_OPENING = /^((please|pls|can you|could you)\s+)?((show|list|display|print)(\s+(me|us))?\b|(give|get|pull up|fetch)(\s+(me|us))?\s+(the\s+)?(\d+\s+)?(latest|last|recent|most recent|current)\b)/i;

/** How sure the classifier must be that a message the rules could not place asks what the bot does. */
const SURE_HELP = 0.9;
/** How sure the classifier must be of an action to read one in English the rules did not (measured on the held-out sets). */
const SURE_ENGLISH_ACTION = 0.9;
/** Readings of the rules an action the classifier is sure of may replace: nothing placed, a question, a look, a call for help. */
const RULES_MAY_YIELD: ReadonlySet<IntentId> = new Set(["unknown", "ask", "status", "help"]);
/**
 * "Gestern Abend hab ich churn-retrain gestartet. Ist der Lauf fertig?", "i kicked off churn-retrain last
 * night, did it finish?": a start told as done asks for nothing, unless the message also asks someone to
 * do something ("j'ai lancé le training avec le mauvais bucket, tu peux l'arrêter ?").
 */
function toldAsDone(text: string): boolean {
  if (!(DONE_ALREADY.test(text) || DONE_ALREADY_ABROAD.test(text)) || asksOfSomeone(text) || POLITE_ANYWHERE_EN.test(text)) return false;
  // "Arrête le job churn-xgb-…, j'ai mis le mauvais split": commanded first, the telling says why.
  // Japanese has no spaces to find a clause's opening by.
  const first = text.split(/[,;.!?]/)[0]?.trim() ?? "";
  if (!JAPANESE_KANA.test(first) && opensWithVerbAbroad(first) && !DONE_ALREADY.test(first) && !DONE_ALREADY_ABROAD.test(first)) return false;
  // "churn-prod、デプロイしてから予測がおかしいので version 2 にロールバックして": told, then asked.
  return !laterClauseAsks(text) && !closesOnJapaneseRequest(text);
}

/** A clause opening with an action's verb beside one told in the past ("we deployed v2 yesterday, now ship v3 to churn-dev"). */
function commandsAfterTelling(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[,;.!?]\s*|\s(?:and|but|so|now|then)\s/)
    .map((clause) => clause.trim().replace(/^((and|but|so|now|then|pls|please|just|go ahead and)\s+)+/, "").split(/\s+/)[0] ?? "")
    .some((first) => first in LEADING_VERBS || IMPERATIVE_STARTS.has(first));
}

/** An English request to someone anywhere in a message ("…, can you stop it?", "please …"). */
const POLITE_ANYWHERE_EN = /\b(can|could|would|will) (you|u)\b|\bplease\b|\bpls\b/i;

/** A start told in the past ("i kicked off churn-retrain last night"): context, not a request; "if someone kicked off …" wishes for one. */
const DONE_ALREADY =
  /(^|\s)(?<!\bif\s)(i|we|already|someone|somebody|they|he|she)\s(\S+\s)?(started|kicked off|launched|ran|triggered|deployed|trained|retrained|pushed|shipped|rolled out|promoted|released|tuned|stopped|killed|cancell?ed)(?![\p{L}])/iu;
/** Wishes that read like questions ("would be great to get v3 on churn-dev", "any chance you could …"): requests. */
const ENGLISH_WISH = /^(it )?(would|d) be (great|nice|good|awesome|cool|amazing|helpful)|^((i|we) )?(would|d) (really )?(love|like|appreciate)( |$)|^(id|wed) (really )?(love|like|appreciate)( |$)|^(any chance|i need|we need|i want|we want)( |$)/;

/**
 * Whether the classifier may read an action in English: something of ours named, no negation, nothing
 * out of scope, and not asked as a question (a wish put like one is a request).
 */
function mayActInEnglish(utterance: Utterance): boolean {
  if (utterance.negated || !namesOneOfOurs(utterance) || outOfScope(utterance) || (toldAsDone(utterance.clean) && !commandsAfterTelling(utterance.clean))) return false;
  const plain = utterance.clean.toLowerCase().replace(/[’']/g, "");
  if (utterance.question && !utterance.polite && !(ENGLISH_WISH.test(plain) && !utterance.laterQuestion)) return false;
  return !describesNeedOfUnactedService(utterance);
}

/** Evidence for a service at least this strong says what the message is about (a catalogue cue of weight 2 or more). */
const NEED_EVIDENCE = 2;

/**
 * "I want to try v2 on prod traffic without any customer seeing its answers": the message speaks most
 * strongly of a service no action of the bot's runs (shadow testing), so it describes a need, not a request.
 */
function describesNeedOfUnactedService(utterance: Utterance, unactedServices: ReadonlySet<ServiceId> = NO_ACTION_SERVICES): boolean {
  const lexicon = compiledLexicon();
  let unacted = 0;
  let acted = 0;
  for (const service of SERVICE_IDS) {
    const evidence = score(lexicon.serviceCues[service], utterance.shape) + score(lexicon.serviceNames[service], utterance.shape);
    if (unactedServices.has(service)) unacted = Math.max(unacted, evidence);
    else if (!NO_ACTION_SERVICES.has(service)) acted = Math.max(acted, evidence);
  }
  return unacted >= NEED_EVIDENCE && unacted > acted;
}

/**
 * Shadow testing looks most like a deploy, and reading it as one would replace the model customers
 * see: whoever read the deploy, a message speaking most of it asks about it.
 */
const SHADOW: ReadonlySet<ServiceId> = new Set<ServiceId>(["shadow-testing"]);

/** Services no action of the bot's runs: a message whose question reading leads with one describes a need. */
const NO_ACTION_SERVICES: ReadonlySet<ServiceId> = new Set<ServiceId>(["shadow-testing", "clarify", "feature-store", "model-registry", "ground-truth", "inference-recommender", "experiments", "debugger", "autopilot", "jumpstart", "data-wrangler", "processing"]);

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
  // "kick off basket-weekly": a start verb, whatever the classifier makes of a name it never saw.
  const startVerb = firstPosition(compiledLexicon().startVerbs, utterance.shape) !== -1;
  if (both && (starting(request.intent) || (request.intent === "unknown" && (starting(learned) || startVerb)))) {
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
    // The classifier learnt the inventory's names as they are spelt, so it reads them with their slips corrected.
    const classified = withCorrectedNames(text, rules.utterance.tokens);
    const classification = rules.settled ? undefined : this.withNeighbours(classified, await this.classifier.classify(classified));
    const ruleRead = rules.request.intent;
    if (!classification) return { request: rules.request, settled: true as const, utterance: rules.utterance, saysAction: true, ruleRead };
    const chosen = startOfKnown(chooseIntent(rules.request, classification, rules.utterance), rules.utterance);
    const intent = chosen === "unknown" && this.describesNeedInEnglish(rules.request, classification, rules.utterance) ? "ask" : chosen;
    const score = Math.round(Math.min(1, Math.max(0, classification.score)) * 100) / 100;
    const readAs = (other: IntentId): Request => requestAs(text, rules.utterance, other, score);
    const read = intent === rules.request.intent ? rules.request : readAs(intent);
    const request = await this.withLearnedServices(this.withRetrievedServices(read), classification.locale);
    // Whether the words themselves ask for an action (the rules read one, or an action verb), not the classifier alone.
    // A request put politely ("can you kick off a batch transform with v2?") says it as well.
    const saysAction = MUTATING_INTENTS.has(rules.request.intent) || verbAbroad(rules.utterance.clean, undefined) !== undefined || (rules.utterance.polite && MUTATING_INTENTS.has(request.intent));
    return { request, settled: false as const, utterance: rules.utterance, classification, readAs, saysAction, ruleRead };
  }

  /**
   * "predictions have to come back under 50ms, where do I host this?": an English question the rules found no
   * ML word in, which the classifier is sure asks which service fits, and whose words the corpus's questions
   * answer closely (chatter such as "anyone know where the coffee filters are?" retrieves far less).
   */
  private describesNeedInEnglish(rules: Request, classification: Classification, utterance: Utterance): boolean {
    if (classification.locale !== "en" || rules.intent !== "unknown" || classification.intent !== "ask" || classification.score < SURE_READING) return false;
    if (!utterance.question || outOfScope(utterance) || !this.retriever) return false;
    return this.retriever.retrieve(rules.text).strength >= NEED_RETRIEVED;
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
    if (request.params.question === "scenario" || request.params.question === "lifecycle") return request;
    const guess = await this.services.classify(request.text, locale);
    if (!guess) return request;
    // A comparison keeps the services it compares and their stage; the classifier only says which it favours.
    if (request.params.question === "compare") {
      const favoured = guess.service;
      return favoured !== null && request.services.includes(favoured) ? { ...request, services: [favoured, ...request.services.filter((service) => service !== favoured)] } : request;
    }
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
    // "… churn-prodを切り替える前に裏で動かして比較したい。どうやる？": the clauses before a "how do I do it?" say what is to be done, not a request.
    if (HOW_TO_DO_IT.test(clauses[clauses.length - 1] ?? "")) return undefined;
    const parts: Request[] = [];
    const actions: Request[] = [];
    for (const clause of clauses) {
      const part = await this.readOne(clause);
      // A clause the rules refuse on its own (unsafe, out of scope) leaves the whole as it was read.
      if (part.settled && part.request.intent === "unknown") return undefined;
      parts.push(part.request);
      // "der traffic auf churn-dev ist eh minimal", read alone as a deploy by the classifier: a remark on an endpoint, not a deploy to it.
      // "mets la v2 en staging et sinon c'est quoi …": a version put somewhere by its verb is a deploy, its endpoint asked back if need be.
      const deploysTo = (deploysToNamedEndpoint(part.request) && (part.request.params.modelVersion !== undefined || part.saysAction)) || (part.request.intent === "deploy" && part.request.params.modelVersion !== undefined && part.saysAction);
      // "the PM wants a better model. just launch tuning": a clause the rules read as the action its own first verb asks for is the request, its missing parts asked back.
      const opensOnItsVerb = part.utterance.leadingIntent === part.request.intent || opensWithStartVerb(part.utterance, compiledLexicon());
      // Where the whole already reads that action, the whole keeps what the other clauses say of it ("the tuning job … stop it").
      const askedByItsVerb = opensOnItsVerb && part.ruleRead === part.request.intent && !part.utterance.question && !MUTATING_INTENTS.has(whole.intent);
      if (MUTATING_INTENTS.has(part.request.intent) && (choiceOf(part.request) !== undefined || deploysTo || askedByItsVerb)) actions.push(part.request);
    }
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

/** "deploy v2 to churn-staging": the model group is the guard's to resolve from the policy, so this is complete enough. */
function deploysToNamedEndpoint(request: Request): boolean {
  return request.intent === "deploy" && request.params.endpointName !== undefined;
}

/**
 * Where a message breaks into asks: after a sentence (Japanese puts no space after one), at a line break or a semicolon, and before
 * "btw", "by the way", "also" (with or without a comma and an "and" before them), and "plus" beside a comma (French "et plus personne" goes on).
 */
const CLAUSE_BREAK =
  /(?<=[.!?])\s+|(?<=[。！？])\s*|\n+|;\s+|,?\s+(?:and\s+)?(?:btw|by the way|also),?\s+|,\s+(?:and\s+)?plus,?\s+|\s+plus,\s+|,?\s+(?:und\s+)?(?:mal\s+)?(?:btw|übrigens|nebenbei(?: gefragt)?)\s*[,:]?\s+|,?\s+(?:y\s+)?(?:de paso|por cierto|oye|btw)\s*,?\s*(?=[¿\p{L}])|,?\s+y\s+(?=¿)|,?\s+(?:et\s+)?(?:au fait|au passage|d'ailleurs|btw|sinon)\s*,?\s+|,\s+et\s+(?=c'est quoi|qu'est-ce|question)|,\s+(?:and|und|y|et)\s+(?:also\s+|auch\s+|también\s+|aussi\s+)?(?=(?:what|whats|what's|how|why|was|wie|warum|wieso|qué|cómo|cuál|por qué|comment|pourquoi|c'est quoi|qu'est-ce)(?![\p{L}']))|[、,]\s*(?=(?:あと(?!どの|どれ|何|少し|ちょっと|\d)|それと|ついでに|ちなみに)[、,]?)/iu;
/** A closing question about how to do what came before ("how do I do that?", "どうやる？", "comment faire ?"). */
const HOW_TO_DO_IT =
  /^((and|so|but|und|also|et|alors|donc|y|entonces|で|じゃあ)\s*,?\s*)?(how (do|can|would|should|could) (i|we|you|one) (do|set up|get|achieve|pull off) (that|it|this)|how\s*\?|what'?s the best way|wie (geht|mache ich|machen wir|mach ich|kriege ich|kriegen wir|stelle ich) (das|es|so was|sowas)|wie\s*\?|comment (faire|je fais|on fait|s'y prendre|je m'y prends|on s'y prend)|comment\s*\?|c[oó]mo (lo|la|se) (hago|hacemos|hace|haría|haríamos|consigo|monto|montamos)|c[oó]mo\s*\?|どう(やる|やれば|すれば|したら|やったら|する|やって|すればいい)|どうやって)/iu;

/** At most this many clauses are read on their own; a longer message is read as a whole. */
const MAX_CLAUSES = 4;
/** A "don't", "not yet" or "no need" anywhere: which clause it belongs to is not guessed at. */
const NEGATION_ANYWHERE = /\b(don'?t|do not|never|shouldn'?t|should not|not yet|no need|wait|hold off|nicht|kein|no lo|pas encore|ne pas)\b|しないで|やめて|待って/i;

/** A dash in a sentence: "QA signed off an hour ago — push version 2 to prod please". */
const DASH = /\s+(?:[—–]|--?)\s+/;

/** What follows a dash asks for an action when it opens on an action's verb ("— push v2", not "— done?"). */
function opensOnActionVerb(clause: string): boolean {
  const first = clause.toLowerCase().replace(/^((pls|please|just|so|now|then|go ahead and)\s+)+/, "").split(/\s+/)[0] ?? "";
  const intent = Object.hasOwn(LEADING_VERBS, first) ? LEADING_VERBS[first] : undefined;
  return intent !== undefined && MUTATING_INTENTS.has(intent);
}

function clausesOf(text: string): string[] {
  const clauses = text
    .split(CLAUSE_BREAK)
    .flatMap((clause) => {
      const parts = clause.split(DASH);
      return parts.length > 1 && parts.slice(1).some(opensOnActionVerb) ? parts : [clause];
    })
    .map((clause) => clause.trim())
    .filter((clause) => clause.length >= 3);
  return clauses.length > MAX_CLAUSES ? [] : clauses;
}
