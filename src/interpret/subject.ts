import { getService, leadServiceOf, servicesOfStage } from "../catalog/catalog.js";
import { type IntentId, SERVICE_IDS, type ServiceId, STAGE_IDS, type StageId } from "../catalog/ids.js";
import { SCENARIO_WALKTHROUGH } from "../catalog/scenario.js";
import { ROLLBACK_ABROAD, VERSION_NAMED } from "./abroad.js";
import type { Utterance } from "./analysis.js";
import type { CompiledLexicon } from "./compiled.js";
import { type CompiledCue, firstPosition, matches, positionOf, type Shape, score } from "./cues.js";
import { type KnownKind, looksLikePipeline } from "./inventory.js";
import { BATCH_WORDS_ABROAD, DEPLOY_TARGETS_ABROAD, RESOURCE_NOUNS_ABROAD } from "./lexicon.js";
import type { RequestParams } from "./schema.js";
import { isUnknownName } from "./tokens.js";

type Question = NonNullable<RequestParams["question"]>;
type DeployMode = "realtime" | "batch" | "rollback";

/** What a request is about: the lifecycle stage, the services best first, and for questions their kind. */
export interface Subject {
  stage: StageId | null;
  services: ServiceId[];
  question?: Question;
}

/** Services a question's answer lists at most. */
const MAX_SERVICES = 5;
const NEW_ACCOUNT_PENALTY = 2;
const STAGE_BOOST = 0.5;
const FIRST_NAMED_BOOST = 1;
const FLOW_BOOST = 3;
/** A name this strong (a full name, not "endpoint" or a name in passing) makes the service the subject. */
const NAME_SUBJECT_WEIGHT = 2.5;

function stageScores(lexicon: CompiledLexicon, shape: Shape): Record<StageId, number> {
  const result = {} as Record<StageId, number>;
  for (const stage of STAGE_IDS) result[stage] = score(lexicon.stages[stage], shape);
  return result;
}

/** The shape with every service name blanked out, so context cues are not read inside names. */
function withoutNames(lexicon: CompiledLexicon, shape: Shape): Shape {
  let text = ` ${shape.text} `;
  const names: CompiledCue[] = Object.values(lexicon.serviceNames)
    .flat()
    .filter((cue) => matches(cue, shape))
    .sort((left, right) => right.phrase.length - left.phrase.length);
  for (const cue of names) text = text.split(` ${cue.phrase} `).join(" _svc_ ");
  return lexicon.index.shape(text.trim().replace(/\s+/g, " "));
}

interface ServiceEvidence {
  id: ServiceId;
  named: number;
  context: number;
  position: number;
}

const CONTEXT_PREPOSITIONS = new Set(["in", "during", "for", "to", "on", "of", "with", "from", "into", "inside", "behind"]);
const DETERMINERS = new Set(["a", "an", "the", "my", "our", "your", "their", "this", "that"]);

/**
 * How strongly a service is named: its best-matching name, halved when the name only sets the scene
 * ("... in a training job", "... for my endpoint") rather than being what the question is about.
 */
function namedScore(cues: readonly CompiledCue[], shape: Shape, shadowed: ReadonlySet<CompiledCue>): number {
  let best = 0;
  for (const cue of cues) {
    const position = positionOf(cue, shape);
    if (position === -1 || shadowed.has(cue)) continue;
    const before = shape.text.slice(0, position).trim().split(" ");
    let previous = before.pop() ?? "";
    if (DETERMINERS.has(previous)) previous = before.pop() ?? "";
    const weight = CONTEXT_PREPOSITIONS.has(previous) ? cue.weight / 2 : cue.weight;
    if (weight > best) best = weight;
  }
  return best;
}

/**
 * Names found only inside a longer name of another service ("endpoints" in "serverless endpoints"):
 * the longer name is what the text says.
 */
function shadowedNames(lexicon: CompiledLexicon, shape: Shape): Set<CompiledCue> {
  const spans: { cue: CompiledCue; service: ServiceId; start: number; end: number }[] = [];
  for (const service of SERVICE_IDS) {
    for (const cue of lexicon.serviceNames[service]) {
      const position = positionOf(cue, shape);
      if (position === -1) continue;
      const start = shape.text.indexOf(cue.phrase, position);
      spans.push({ cue, service, start, end: start + cue.phrase.length });
    }
  }
  const shadowed = new Set<CompiledCue>();
  for (const inner of spans) {
    const outer = spans.some(
      (other) => other.service !== inner.service && other.start <= inner.start && other.end >= inner.end && other.end - other.start > inner.end - inner.start,
    );
    if (outer) shadowed.add(inner.cue);
  }
  return shadowed;
}

function evidence(lexicon: CompiledLexicon, shape: Shape): ServiceEvidence[] {
  const shadowed = shadowedNames(lexicon, shape);
  return SERVICE_IDS.map((id) => ({
    id,
    named: namedScore(lexicon.serviceNames[id], shape, shadowed),
    context: score(lexicon.serviceCues[id], shape),
    position: firstPosition(lexicon.serviceNames[id], shape),
  }));
}

/** Best score first; on a tie, the service the text speaks of first ("batch vs realtime?"), then catalogue order. */
function at(position: number): number {
  return position < 0 ? Number.MAX_SAFE_INTEGER : position;
}

function byScore(entries: readonly { id: ServiceId; score: number; position?: number }[]): ServiceId[] {
  return entries
    .filter((entry) => entry.score > 0)
    .sort(
      (left, right) =>
        right.score - left.score || (left.position ?? Number.MAX_SAFE_INTEGER) - (right.position ?? Number.MAX_SAFE_INTEGER) || SERVICE_IDS.indexOf(left.id) - SERVICE_IDS.indexOf(right.id),
    )
    .map((entry) => entry.id);
}

function topStage(scores: Record<StageId, number>): StageId | undefined {
  let best: StageId | undefined;
  for (const stage of STAGE_IDS) if (scores[stage] > 0 && (best === undefined || scores[stage] > scores[best])) best = stage;
  return best;
}

/** Stages touched by a message: named as stages or through a service's specific cues. */
function stagesTouched(stages: Record<StageId, number>, services: readonly ServiceEvidence[]): Set<StageId> {
  const touched = new Set<StageId>();
  for (const stage of STAGE_IDS) if (stages[stage] >= 1.5) touched.add(stage);
  for (const service of services) if (service.named + service.context >= 2) touched.add(getService(service.id).stage);
  return touched;
}

function askSubject(utterance: Utterance, lexicon: CompiledLexicon): Subject {
  const shape = utterance.shape;
  const services = evidence(lexicon, shape);
  const stages = stageScores(lexicon, shape);
  const named = services.filter((service) => service.named > 0).sort((left, right) => left.position - right.position);
  const specific = utterance.tokens.some((token) => ["name", "ref", "endpoint", "job", "kv"].includes(token.kind));

  // From raw data through two stages or more, or to "the full set-up", is the whole scenario.
  const touched = stagesTouched(stages, services).size;
  const spansAll = touched >= 2 || (touched >= 1 && score(lexicon.scenarioSpan, shape) > 0);
  if (score(lexicon.rawData, shape) >= 2 && spansAll && !specific) {
    return { stage: null, services: [...SCENARIO_WALKTHROUGH], question: "scenario" };
  }
  const lifecycle = score(lexicon.lifecycle, shape);
  const namedStages = STAGE_IDS.filter((stage) => stages[stage] >= 1.5).length;
  if (named.length === 0 && lifecycle >= 1.5 && (namedStages !== 1 || lifecycle >= 2)) {
    return { stage: null, services: [], question: "lifecycle" };
  }

  const newAccount = score(lexicon.newAccount, shape) > 0;
  if (named.length >= 2 && score(lexicon.compare, shape) > 0) {
    const context = withoutNames(lexicon, shape);
    const ranked = named
      .map((service, order) => {
        const penalty = newAccount && getService(service.id).availability !== undefined ? NEW_ACCOUNT_PENALTY : 0;
        return { id: service.id, score: score(lexicon.serviceCues[service.id], context) - penalty, order };
      })
      .sort((left, right) => right.score - left.score || left.order - right.order)
      .map((entry) => entry.id);
    const compared = ranked.slice(0, 2).map((id) => getService(id).stage);
    const stage = compared.every((item) => item === compared[0]) ? (compared[0] ?? null) : null;
    return { stage, services: ranked.slice(0, MAX_SERVICES), question: "compare" };
  }

  const boostedStage = topStage(stages);
  const strong = named.filter((service) => service.named >= NAME_SUBJECT_WEIGHT);
  const automatesFlow = touched >= 3 && stages.orchestration > 0;
  const firstStrong = strong.length >= 2 ? strong[0]?.id : undefined;
  const total = services.map((service) => ({
    id: service.id,
    position: Math.min(at(service.position), at(firstPosition(lexicon.serviceCues[service.id], shape))),
    score:
      service.named +
      service.context +
      // A service the question names outright is what the question is about.
      (service.named >= NAME_SUBJECT_WEIGHT ? 1 : 0) +
      // Of several services named outright, the first is the subject ("export a data wrangler flow as a processing job").
      (service.named >= NAME_SUBJECT_WEIGHT && service.id === firstStrong ? FIRST_NAMED_BOOST : 0) +
      (boostedStage !== undefined && stages[boostedStage] >= 2 && leadServiceOf(boostedStage) === service.id ? STAGE_BOOST : 0) +
      // Automating a flow through three stages or more is orchestration, whatever the steps are called.
      (service.id === "pipelines" && automatesFlow ? FLOW_BOOST : 0),
  }));
  const ranked = byScore(total);
  const stageQuestion = score(lexicon.stageQuestion, shape) >= 2;
  const top = ranked[0];
  const topContext = services.find((service) => service.id === top)?.context ?? 0;

  // A stage asked about as such ("what's in the deployment stage?"): list the stage's own services.
  if (named.length === 0 && boostedStage !== undefined && stages[boostedStage] >= 2 && (top === undefined || topContext < 2 || stageQuestion)) {
    return { stage: boostedStage, services: servicesOfStage(boostedStage).map((entry) => entry.id).slice(0, MAX_SERVICES), question: "stage" };
  }
  // Only a stage in view: its lead service is the best first answer.
  if (top === undefined) return { stage: boostedStage ?? null, services: boostedStage === undefined ? [] : [leadServiceOf(boostedStage)], question: "recommend" };
  const question: Question = stageQuestion ? "stage" : named.length > 0 ? "service" : "recommend";
  return { stage: getService(top).stage, services: ranked.slice(0, MAX_SERVICES), question };
}

/**
 * The resource named first is the subject ("did the churn-retrain pipeline get past the training
 * step?"): of each kind's position in the text (-1 when not named), the earliest.
 */
function firstNamed(positions: Iterable<readonly [service: ServiceId, position: number]>): Subject | undefined {
  let chosen: { service: ServiceId; position: number } | undefined;
  for (const [service, position] of positions) {
    if (position !== -1 && (chosen === undefined || position < chosen.position)) chosen = { service, position };
  }
  return chosen && { stage: getService(chosen.service).stage, services: [chosen.service] };
}

/** What a status or stop request is about, from the nouns or the shape of the name. */
function resourceSubject(lexicon: CompiledLexicon, shape: Shape): Subject {
  return firstNamed(lexicon.resourceNouns.map(([cue, service]) => [service, positionOf(cue, shape)] as const)) ?? { stage: null, services: [] };
}

/** A resource named in another corpus language, read in the text itself. */
function resourceSubjectAbroad(text: string): Subject | undefined {
  return firstNamed(RESOURCE_NOUNS_ABROAD.map(([pattern, service]) => [service, text.search(pattern)] as const));
}

/** The service a kind of known resource belongs to. */
const SERVICE_OF_KIND: Readonly<Record<KnownKind, ServiceId>> = {
  recipe: "sagemaker-training",
  "training-job": "sagemaker-training",
  "tuning-job": "automatic-model-tuning",
  "transform-job": "batch-transform",
  endpoint: "realtime-endpoint",
  pipeline: "pipelines",
  "pipeline-execution": "pipelines",
  "model-group": "model-registry",
};

/** Without a noun saying what it is, the first name the inventory knows as one thing only says it. */
function knownResourceSubject(utterance: Utterance): Subject | undefined {
  const kind = utterance.tokens.find((token) => token.known?.length === 1)?.known?.[0];
  // A name no source knows, shaped like a pipeline's ("le dernier run de nightly-refresh").
  if (kind === undefined && utterance.tokens.some((token) => isUnknownName(token) && looksLikePipeline(token.raw))) return { stage: "orchestration", services: ["pipelines"] };
  if (kind === undefined) return undefined;
  const service = SERVICE_OF_KIND[kind];
  return { stage: getService(service).stage, services: [service] };
}

const DEPLOYMENT_TARGETS: readonly ServiceId[] = ["serverless-inference", "async-inference"];

/**
 * Words about versions in a model registry, in the corpus languages: a status question with them
 * is about the registry ("is version 2 of churn-xgb approved yet?"), not about a training job.
 * Approval words alone are not among them: "is my plan approved?" asks about a plan.
 */
const REGISTRY_WORDS =
  /\b(versions?|v\d{1,6}|versi[oó]n|versiones|versionen|modellversion(?:en)?|registry|registre|registro|model (?:package )?group|modellgruppe|groupe de mod[eè]les|grupo de modelos)\b|バージョン|レジストリ|モデルグループ/i;

export function asksOfRegistry(text: string): boolean {
  return REGISTRY_WORDS.test(text);
}

export function resolveSubject(intent: IntentId, utterance: Utterance, lexicon: CompiledLexicon, params: { deployMode?: DeployMode; hasVersion: boolean; registry?: boolean }): Subject {
  switch (intent) {
    case "ask":
      return askSubject(utterance, lexicon);
    case "train":
      return { stage: "training", services: ["sagemaker-training"] };
    case "tune":
      return { stage: "training", services: ["automatic-model-tuning", "sagemaker-training"] };
    case "deploy": {
      if (params.deployMode === "batch") return { stage: "deployment", services: ["batch-transform"] };
      if (params.deployMode === "rollback") return { stage: "deployment", services: ["realtime-endpoint"] };
      const target =
        DEPLOYMENT_TARGETS.find((id) => score(lexicon.serviceNames[id], utterance.shape) > 0) ??
        DEPLOY_TARGETS_ABROAD.find(([pattern]) => pattern.test(utterance.clean))?.[1] ??
        "realtime-endpoint";
      return { stage: "deployment", services: params.hasVersion ? [target, "model-registry"] : [target] };
    }
    case "drift":
      return { stage: "monitoring", services: ["model-monitor"] };
    case "pipeline":
      return { stage: "orchestration", services: ["pipelines"] };
    case "status":
    case "stop": {
      if (intent === "status" && params.registry) return { stage: "model-management", services: ["model-registry"] };
      const fromNouns = resourceSubject(lexicon, utterance.shape);
      return fromNouns.stage === null ? (resourceSubjectAbroad(utterance.clean) ?? knownResourceSubject(utterance) ?? fromNouns) : fromNouns;
    }
    case "help":
    case "unknown":
      return { stage: null, services: [] };
  }
}

/** A model artifact in S3 is what a real-time deploy may serve; any other S3 location is data. */
const MODEL_ARTIFACT = /\.tar\.gz$|\/model\/?$/i;

/**
 * Data in S3 to put a model to, in any language: an input and an output location, or an input with
 * no endpoint to serve from ("s3://…/の全顧客の予測が欲しい"). That is a batch transform.
 */
function scoresData(utterance: Utterance): boolean {
  const data = utterance.tokens.filter((token) => token.kind === "s3" && !MODEL_ARTIFACT.test(token.raw));
  if (data.length >= 2) return true;
  return data.length === 1 && !utterance.tokens.some((token) => token.kind === "endpoint" || token.known?.includes("endpoint"));
}

const BATCH_NOUN_ABROAD = RESOURCE_NOUNS_ABROAD.find(([, service]) => service === "batch-transform")?.[0];

/** Batch, rollback or real-time, from the words of a deploy request. */
export function deployModeOf(utterance: Utterance, lexicon: CompiledLexicon): DeployMode {
  if (lexicon.rollback.some((cue) => matches(cue, utterance.shape))) return "rollback";
  // "vuelve atrás ya" with no version named goes back to the one before; with a version, that version is deployed.
  if (ROLLBACK_ABROAD.test(utterance.clean) && !VERSION_NAMED.test(utterance.clean)) return "rollback";
  const batchWords =
    lexicon.batch.some((cue) => cue.weight > 0 && matches(cue, utterance.shape)) ||
    BATCH_WORDS_ABROAD.test(utterance.clean) ||
    BATCH_NOUN_ABROAD?.test(utterance.clean) === true;
  const batchKeys = utterance.tokens.some((token) => token.kind === "kv" && ["input", "output"].includes((token.key ?? "").toLowerCase()));
  return batchWords || batchKeys || scoresData(utterance) ? "batch" : "realtime";
}
