import type { IntentId } from "../catalog/ids.js";
import type { Utterance } from "./analysis.js";
import type { CompiledLexicon } from "./compiled.js";
import { firstPosition, found, matches, positionOf, score } from "./cues.js";
import { startedAs, startedByLooks } from "./inventory.js";
import { RESOURCE_REFERENCE } from "./lexicon.js";
import { aboutOtherPlatform, aboutOtherTool, asksUnsupportedOperation } from "./scope.js";
import { isUnknownName, shapeOffsetOf, type TokenKind } from "./tokens.js";

type ActiveIntent = Exclude<IntentId, "unknown">;
const ACTIONS: readonly ActiveIntent[] = ["train", "tune", "deploy", "stop", "pipeline"];
/** On equal scores the more specific reading wins. */
const PRIORITY: readonly ActiveIntent[] = ["stop", "deploy", "train", "tune", "pipeline", "drift", "status", "help", "ask"];

const INSTANCE_DETERMINERS = new Set(["the", "my", "our", "this", "that", "your"]);

/** The word just before a position in the shape text ("" at the start). */
function wordBefore(text: string, position: number): string {
  const before = text.slice(0, Math.max(position, 0)).trimEnd();
  return before.slice(before.lastIndexOf(" ") + 1);
}

/** Words a start verb may stand from its object ("kick off a new hpo job": three). */
const START_REACH = 4;

const VERB_PARTICLES = new Set(["off", "up"]);

function startsSoonAfter(text: string, verbAt: number, objectAt: number): boolean {
  if (objectAt <= verbAt) return false;
  // Resource tokens in between ("run churn-xgb/1 over s3://... as a batch job") do not count.
  // Nor does the particle of a two-word verb ("kick off a batch transform").
  const between = text.slice(verbAt, objectAt).trim().split(" ").slice(1).filter((word) => !word.startsWith("_") && !VERB_PARTICLES.has(word)).length;
  return between <= START_REACH;
}

/** Domain evidence that makes a message with no question form still a question about ML. */
const TOPIC_DOMAIN = 3;
/** Monitoring vocabulary that turns a remark about a named endpoint into a drift check. */
const MONITORING_WORDS = 1.5;

const SPECIFIC_KINDS = new Set<TokenKind>(["name", "job", "endpoint", "ref", "s3", "kv", "instance"]);
/** Status cues that stand on their own ("what's running", "list my jobs"). */
const SELF_ANCHORED_STATUS = new RegExp(
  `(^| )(${[
    "whats running",
    "what is running",
    "running jobs",
    "list( \\S+)? (jobs|endpoints|pipelines|executions)",
    "list jobs",
    "show me( \\S+)? jobs",
    "anything( still)? (running|training|tuning)",
    "any( \\S+)? jobs( still)? running",
    "jobs( are| is)?( still)? running",
    "is it (done|finished|complete|ready)",
    "in progress",
    "in flight",
    "(how many|count of|number of)( \\S+){0,3} (jobs|runs|endpoints|pipelines|executions|trials)",
    "(recent|latest|last)( \\S+)? (executions|runs)",
    "(done|finished) yet",
    "anything( \\S+)? (failed|fail|broken|broke|stuck|down)",
    "(which|what|any) (jobs|runs|endpoints|pipelines)( \\S+)? (failed|fail|broke|broken|stuck)",
  ].join("|")})( |$)`,
);
/** A start verb on a job of training or tuning, named by its kind only. */
const START_A_JOB =
  /^(start|kick off|launch|fire off|spin up|trigger|begin|run)( (a|an|another|the|new|fresh|one more|quick))* (training|training job|training run|retraining|tuning|tuning job|tuning run|hyperparameters? (tuning|search|sweep|optimisation|optimization)( job| run)?|hpo( job| run)?|sweep)( |$)|^get( (a|an|another|the|new|fresh|one more|quick))* (training|tuning)( job| run)? (going|started|running|kicked off)( |$)/;
/** A start verb on a pipeline's run, the pipeline not named ("kick off a pipeline run"): which one is asked back. */
const START_A_RUN = /^(start|kick off|launch|fire off|trigger|run|rerun|execute)( (a|an|another|the|new|fresh|one more))* pipeline( run| execution)?( |$)/;
/** Being told later how it went, asked after a command. */
const NOTIFY_LATER = /(^| )(and |then )?(let me know|let us know|lmk|ping me|tell me|notify me|message me) (when|once|if)( |$)/;
/** A command verb on "it" or "that" ("ship it" is praise and "kill it with fire" scorn, not a deploy or a stop). */
const PRONOUN_OBJECT = /^(?!ship )\S+( off| back| down)? (it|that|this|this one|that one|them)( |$)(?!with fire)/;
/** Words that may follow a bare command verb ("retrain please") without naming anything. */
const COURTESY = new Set(["please", "now", "thanks", "thank", "you", "asap"]);
/** An environment named outright ("roll back prod", "is staging up?"): the guard resolves which resource. */
const ENVIRONMENT = /(^| )(prod|staging|dev)( |$)/;
/** A pipeline run needs a name or a pipeline of ours in view, not just any "job". */
const PIPELINE_REFERENCE = /(^| )(the|my|our|this|that|latest|running)( \S+){0,3} (pipeline|workflow|execution)( |$)/;
/** How-to openers: such a question asks how to do something, not how a resource is doing. */
const HOW_TO =
  /^(how (do|can|should|would|could) (i|we|you|one)|whats the (best|right|recommended|proper) way|what is the (best|right|recommended|proper) way|is there a way|is it possible)( |$)|(^| )how to( |$)/;
const ML_OBJECT = /(^| )(model|models|recipe|classifier|endpoint|version|training job|training run|latest approved|hyperparameters)( |$)/;
/** A model version named by its number ("with v1", "version 3"): something for a deploy to act on. */
const VERSION_ANCHOR = /(^| )(v\d+|version \d+)( |$)/;
/** "deploy a model for real-time predictions" speaks of any model: it asks how, it names nothing to act on. */
const INDEFINITE_OBJECT = /(^| )(a|an|some|any|every|each)( \S+){0,2} (model|models|recipe|classifier|endpoint|version|training job|training run|hyperparameters)( |$)/;

interface IntentDecision {
  intent: IntentId;
  confidence: number;
  /** Sum of the evidence for each intent that could be chosen. */
  scores: Partial<Record<ActiveIntent, number>>;
  /** How much the message is about machine learning at all. */
  domain: number;
}

/** Evidence that the message is about SageMaker and ML, from domain words and service names and cues. */
function domainEvidence(utterance: Utterance, lexicon: CompiledLexicon): number {
  let total = score(lexicon.domain, utterance.shape) + score(lexicon.lifecycle, utterance.shape);
  for (const cues of Object.values(lexicon.stages)) {
    const stage = score(cues, utterance.shape);
    if (stage >= 2) total += stage;
  }
  for (const cues of Object.values(lexicon.serviceNames)) total += score(cues, utterance.shape);
  for (const cues of Object.values(lexicon.serviceCues)) {
    // Only the specific cues count: "train" alone does not make "train for a marathon" an ML question.
    for (const cue of found(cues, utterance.shape)) if (cue.weight >= 1.5) total += cue.weight;
  }
  return total;
}

/** The request's own first words are a start verb ("kick off …", "just launch …"). */
export function opensWithStartVerb(utterance: Utterance, lexicon: CompiledLexicon): boolean {
  const rest = fromStart(utterance);
  return lexicon.startVerbs.some((cue) => rest.startsWith(`${cue.phrase} `));
}

/** The shape from the request's own first word on (after "please", "can you" and the like). */
function fromStart(utterance: Utterance): string {
  return utterance.shape.text.slice(shapeOffsetOf(utterance.tokens, utterance.start)).trimStart();
}

function hasAnchor(intent: ActiveIntent, utterance: Utterance, specific: boolean, reference: boolean): boolean {
  const shape = utterance.shape.text;
  const bareCommand = utterance.tokens.length - utterance.start <= 2 && utterance.tokens.slice(utterance.start).every((token) => token.kind === "word");
  // "retrain", "retrain please": the verb alone is the command (the guard asks for the rest); "ship it!" is not.
  const verbOnly = utterance.leadingIntent === intent && utterance.tokens.slice(utterance.start + 1).every((token) => token.words.every((word) => COURTESY.has(word)));
  // "stop it", "and retrain it with the new features": the thing spoken of before (a thread's subject, else asked back).
  const rest = fromStart(utterance);
  const verbOnPronoun = utterance.leadingIntent === intent && !utterance.question && PRONOUN_OBJECT.test(rest);
  // "start training", "launch a tuning job": a new job of ours asked for, its recipe asked back; "how do I start a training job?" asks how.
  const startsAJob = (!utterance.question || utterance.polite) && START_A_JOB.test(rest);
  const startsARun = (!utterance.question || utterance.polite) && START_A_RUN.test(rest);
  switch (intent) {
    case "train":
    case "tune":
      return specific || reference || (ML_OBJECT.test(shape) && !INDEFINITE_OBJECT.test(shape)) || verbOnly || verbOnPronoun || startsAJob;
    case "deploy":
      return (
        specific ||
        reference ||
        ENVIRONMENT.test(shape) ||
        VERSION_ANCHOR.test(shape) ||
        (ML_OBJECT.test(shape) && !INDEFINITE_OBJECT.test(shape)) ||
        verbOnly ||
        verbOnPronoun
      );
    case "stop":
      return specific || reference || verbOnPronoun;
    case "pipeline":
      return specific || PIPELINE_REFERENCE.test(shape) || startsARun;
    case "status":
      return specific || reference || ENVIRONMENT.test(shape) || SELF_ANCHORED_STATUS.test(shape) || bareCommand;
    case "drift":
      return specific || reference || ENVIRONMENT.test(shape) || bareCommand;
    case "help":
    case "ask":
      return true;
  }
}

/**
 * A message about a named job or endpoint that asks nothing about a service, and asks for nothing to
 * be done, is about how the resource is doing: its drift when it speaks of data or model quality.
 */
function liveResourceReading(utterance: Utterance, lexicon: CompiledLexicon, raw: Readonly<Record<ActiveIntent, number>>): [ActiveIntent, number] | undefined {
  const endpoint = utterance.tokens.some((token) => token.kind === "endpoint");
  if (!endpoint && !utterance.tokens.some((token) => token.kind === "job")) return undefined;
  const monitoring = raw.drift > 0 || score(lexicon.serviceCues["model-monitor"], utterance.shape) >= MONITORING_WORDS;
  const reading: ActiveIntent = monitoring && endpoint ? "drift" : "status";
  return [reading, Math.max(raw[reading], 2)];
}

/**
 * Scores every intent from its cue phrases, then keeps only the readings that make sense for this
 * message (an action needs something to act on and must not be a question; status and drift need a
 * resource; a question needs an ML subject) and picks the strongest.
 */
export function decideIntent(utterance: Utterance, lexicon: CompiledLexicon): IntentDecision {
  const domain = domainEvidence(utterance, lexicon);
  // A bare "?", or a bare mention of the bot, asks what it can do.
  if (utterance.tokens.length === 0 && (/^\?+$/.test(utterance.clean) || utterance.mentionOnly)) return { intent: "help", confidence: 0.6, scores: { help: 3 }, domain };
  if (utterance.tokens.length === 0) return { intent: "unknown", confidence: 0.9, scores: {}, domain };
  if (utterance.greetingOnly) return { intent: "help", confidence: 0.8, scores: { help: 3 }, domain };
  if (aboutOtherPlatform(utterance, lexicon)) return { intent: "unknown", confidence: 0.7, scores: {}, domain };
  // Not read as a question about the service it names either.
  if (asksUnsupportedOperation(utterance)) return { intent: "unknown", confidence: 0.8, scores: {}, domain };
  const foreignTool = aboutOtherTool(utterance, lexicon);

  const raw: Record<ActiveIntent, number> = { train: 0, tune: 0, deploy: 0, status: 0, stop: 0, drift: 0, pipeline: 0, help: 0, ask: 0 };
  for (const intent of Object.keys(raw) as ActiveIntent[]) raw[intent] = score(lexicon.intents[intent], utterance.shape);
  if (utterance.leadingIntent !== undefined) raw[utterance.leadingIntent] += 2;
  // A start verb starts what closely follows it: "kick off a tuning job", but not "stop the tuning job, can
  // you do it?" nor "run an evaluation script after every training run".
  const startAt = firstPosition(lexicon.startVerbs, utterance.shape);
  if (startAt !== -1) {
    for (const [intent, objects] of Object.entries(lexicon.startObjects) as [ActiveIntent, typeof lexicon.startVerbs][]) {
      if (objects.some((cue) => startsSoonAfter(utterance.shape.text, startAt, positionOf(cue, utterance.shape)))) raw[intent] += 2.5;
    }
    // A name the inventory knows says what is started: "kick off fraud-nightly" runs a pipeline. A name no
    // source knows says it by its looks: "start risk-retrain" runs a pipeline, "kick off basket-rec" a training.
    // Guessed by looks only where the message opens with the verb and nothing is negated ("don't retrain basket-model yet").
    const opensWithStart = !utterance.negated && opensWithStartVerb(utterance, lexicon);
    // "run churn-retrain and let me know when the register step is done": the start is asked; the look is for later.
    if (opensWithStart && NOTIFY_LATER.test(utterance.shape.text)) raw.status = 0;
    for (const token of utterance.tokens) {
      const byLooks = isUnknownName(token) && opensWithStart;
      const started = byLooks ? startedByLooks([token.raw]) : startedAs(token.known ?? []);
      // A recipe started where the words ask for tuning ("do the hyperparameter optimisation for churn-xgb") is tuned.
      const kind = started === "train" && raw.tune > raw.train ? "tune" : started;
      if (kind && startsSoonAfter(utterance.shape.text, startAt, shapeOffsetOf(utterance.tokens, token.index))) raw[kind] += 2.5;
    }
  }

  const specific = utterance.tokens.some((token) => SPECIFIC_KINDS.has(token.kind));
  const reference = RESOURCE_REFERENCE.test(utterance.shape.text);
  // "the tuning job" is one of ours, not the service: a name after a determiner does not make a question about the service.
  const explicitService = Object.values(lexicon.serviceNames).some((cues) =>
    cues.some((cue) => matches(cue, utterance.shape) && !INSTANCE_DETERMINERS.has(wordBefore(utterance.shape.text, positionOf(cue, utterance.shape)))),
  );
  const leadingIsAction = utterance.leadingIntent !== undefined && ACTIONS.includes(utterance.leadingIntent);
  const leadingIsQuestionVerb = utterance.leadingIntent === "ask" || utterance.leadingIntent === "help";

  const eligible: Partial<Record<ActiveIntent, number>> = {};
  for (const intent of ACTIONS) {
    if (raw[intent] < 2 || utterance.habitual || utterance.long || utterance.negated || foreignTool || !hasAnchor(intent, utterance, specific, reference)) continue;
    if (leadingIsQuestionVerb) continue;
    if (utterance.question && !utterance.polite && utterance.leadingIntent !== intent) continue;
    if (leadingIsAction && utterance.leadingIntent !== intent && raw[intent] < raw[utterance.leadingIntent ?? intent]) continue;
    eligible[intent] = raw[intent];
  }
  // "any way you can halt the tuning job? it's at 80 trials": a stop verb leading stops what the rest speaks of.
  if (utterance.leadingIntent === "stop" && eligible.stop !== undefined) for (const intent of ACTIONS) if (intent !== "stop") delete eligible[intent];
  const howTo = HOW_TO.test(utterance.shape.text);
  const driftTopic = raw.drift >= 2;
  for (const intent of ["status", "drift"] as const) {
    if (raw[intent] < 2 || !hasAnchor(intent, utterance, specific, reference)) continue;
    // "how do I get alerted when my prod model drifts?" asks how, whatever "my model" it names.
    if (howTo && !specific) continue;
    // "how's churn-prod's data quality looking?" is a drift check put as a status question.
    if (intent === "status" && driftTopic && hasAnchor("drift", utterance, specific, reference)) continue;
    if (leadingIsAction && utterance.leadingIntent !== intent) continue;
    // Naming the resource makes a live-state question about it, not a question about the service.
    eligible[intent] = raw[intent] + (specific || reference ? 1.5 : 0);
  }
  // "help" as a noun inside an ML question ("sizing help: which instance ...?") is not a request for the help text.
  const helpWordOnly = raw.help - (utterance.leadingIntent === "help" ? 2 : 0) <= 3;
  const helpInPassing = helpWordOnly && utterance.leadingIntent !== "help" && domain >= 3;
  // "can you help me with my tax return": a favour asked that has nothing to do with us.
  const helpWithSomethingElse = utterance.helpPrefixed && raw.help <= 3 && domain < 1.5 && utterance.tokens.length - utterance.start >= 2;
  if (raw.help >= 3 && !helpInPassing && !helpWithSomethingElse) eligible.help = raw.help;
  // A request put as a question ("could you start a batch transform with v1?") gets no question's weight.
  const askScore = raw.ask + (utterance.question && !(utterance.polite && raw.ask === 0) ? 1 : 0) + 0.25 * Math.min(domain, 4) + (explicitService ? 1 : 0);
  const asksSomething = utterance.question || raw.ask >= 2 || utterance.leadingIntent === "ask" || explicitService;
  if (domain >= 1.5 && asksSomething && !(leadingIsAction && !utterance.question)) eligible.ask = askScore;

  // A bare topic ("hpo best practices", "explainability on sagemaker") strongly about ML asks about it.
  if (Object.keys(eligible).length === 0 && domain >= TOPIC_DOMAIN && !utterance.negated && !foreignTool) eligible.ask = askScore;
  // "can I stop churn-xgb-...?", "what happens if I roll back churn-prod?": a question about doing something to
  // one of ours asks about it; it neither does it nor reports the resource's state.
  const asksAboutAction = utterance.question && !utterance.polite && ACTIONS.some((intent) => raw[intent] >= 2 && eligible[intent] === undefined);
  if (asksAboutAction && eligible.ask === undefined && !utterance.negated && !foreignTool && (specific || domain >= 1.5)) eligible.ask = askScore;
  const ranked = (Object.entries(eligible) as [ActiveIntent, number][]).sort(
    (left, right) => right[1] - left[1] || PRIORITY.indexOf(left[0]) - PRIORITY.indexOf(right[0]),
  );
  const leader = ranked[0]?.[0];
  const weakAsk = leader === "ask" && utterance.question && raw.ask <= 2 && !explicitService;
  if (!utterance.negated && !foreignTool && !asksAboutAction && (leader === undefined || weakAsk)) {
    const reading = liveResourceReading(utterance, lexicon, raw);
    if (reading !== undefined) ranked.unshift(reading);
  }
  const [best, second] = ranked;
  if (best === undefined) return { intent: "unknown", confidence: domain >= 1.5 ? 0.5 : 0.75, scores: eligible, domain };
  const margin = best[1] - (second?.[1] ?? 0);
  const confidence = Math.min(0.95, Math.max(0.35, 0.5 + 0.07 * margin + 0.03 * best[1]));
  return { intent: best[0], confidence: Math.round(confidence * 100) / 100, scores: eligible, domain };
}
