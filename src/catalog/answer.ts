import { allStages, getService, getStage, leadServiceOf, servicesOfStage } from "./catalog.js";
import { winsWhen } from "./comparisons.js";
import type { ServiceId, StageId } from "./ids.js";
import { SCENARIO_WALKTHROUGH } from "./scenario.js";
import type { Alternative, ServiceAvailability, ServiceEntry, StageEntry } from "./types.js";

/** What the composer needs from an interpreted request (a structural subset of `Request`). */
interface AnswerQuery {
  intent: string;
  stage: StageId | null;
  services: readonly ServiceId[];
  params: { question?: "service" | "stage" | "compare" | "lifecycle" | "scenario" | "recommend" };
}

export interface StageSummary {
  id: StageId;
  name: string;
  summary: string;
}

/** A service as an answer shows it. */
export interface ServiceCard {
  id: ServiceId;
  name: string;
  stage: StageSummary;
  purpose: string;
  chooseWhen: string;
  avoidWhen: string;
  docUrl: string;
  availability?: ServiceAvailability;
}

export interface AlternativeCard {
  name: string;
  betterWhen: string;
  /** Present when the alternative is a catalogue service (it then has a doc link). */
  service?: ServiceCard;
}

export interface ComparisonSide {
  service: ServiceCard;
  winsWhen: string;
}

export interface ScenarioStep {
  title: string;
  service: ServiceCard;
  /** What to do with the service at this step. */
  detail: string;
  /** A second service used in the same step (tuning beside training). */
  companion?: ServiceCard;
}

export type Answer =
  /** One recommended service: why, the alternative, the link. `focus` says whether the question was about its stage. */
  | { kind: "service"; focus: "service" | "stage"; service: ServiceCard; alternative?: AlternativeCard; related: ServiceCard[] }
  /** A stage and the services that serve it, lead first. */
  | { kind: "stage"; stage: StageSummary; services: ServiceCard[] }
  /** Two services side by side; `sides[0]` is the one the question's context favours. */
  | { kind: "compare"; stage: StageSummary | null; sides: [ComparisonSide, ComparisonSide] }
  /** The whole stage-to-service map. */
  | { kind: "lifecycle"; stages: { stage: StageSummary; canonical: ServiceCard[]; family: ServiceCard[] }[] }
  /** Raw data in S3 to a monitored, automated model, step by step. */
  | { kind: "scenario"; steps: ScenarioStep[] }
  /** What the bot can do, for text it could not place. */
  | { kind: "capabilities"; capabilities: string[]; examples: string[] };

function stageSummary(stage: StageEntry): StageSummary {
  return { id: stage.id, name: stage.name, summary: stage.summary };
}

function serviceCard(id: ServiceId): ServiceCard {
  const entry: ServiceEntry = getService(id);
  const card: ServiceCard = {
    id: entry.id,
    name: entry.name,
    stage: stageSummary(getStage(entry.stage)),
    purpose: entry.purpose,
    chooseWhen: entry.chooseWhen,
    avoidWhen: entry.avoidWhen,
    docUrl: entry.docUrl,
  };
  if (entry.availability) card.availability = entry.availability;
  return card;
}

function alternativeCard(alternative: Alternative): AlternativeCard {
  const card: AlternativeCard = { name: alternative.name, betterWhen: alternative.betterWhen };
  if (alternative.service !== undefined) card.service = serviceCard(alternative.service);
  return card;
}

/**
 * The alternative to show next to a recommendation: the runner-up of the question if the catalogue
 * says when it is better, else the catalogue's first alternative.
 */
function pickAlternative(recommended: ServiceId, runnerUp: ServiceId | undefined): AlternativeCard | undefined {
  const alternatives = getService(recommended).alternatives;
  const matching = alternatives.find((alternative) => alternative.service !== undefined && alternative.service === runnerUp);
  const chosen = matching ?? alternatives[0];
  if (chosen !== undefined) return alternativeCard(chosen);
  if (runnerUp === undefined) return undefined;
  const reason = winsWhen(runnerUp, recommended);
  return reason === undefined ? undefined : { name: getService(runnerUp).name, betterWhen: reason, service: serviceCard(runnerUp) };
}

function composeService(services: readonly ServiceId[], focus: "service" | "stage"): Answer {
  const [recommended, runnerUp] = services;
  if (recommended === undefined) return composeLifecycle();
  const answer: Answer = {
    kind: "service",
    focus,
    service: serviceCard(recommended),
    related: getService(recommended).related.slice(0, 3).map(serviceCard),
  };
  const alternative = pickAlternative(recommended, runnerUp);
  if (alternative) answer.alternative = alternative;
  return answer;
}

function composeStage(stage: StageId): Answer {
  return { kind: "stage", stage: stageSummary(getStage(stage)), services: servicesOfStage(stage).map((entry) => serviceCard(entry.id)) };
}

function composeCompare(first: ServiceId, second: ServiceId): Answer {
  const side = (service: ServiceId, other: ServiceId): ComparisonSide => ({
    service: serviceCard(service),
    winsWhen: winsWhen(service, other) ?? getService(service).chooseWhen,
  });
  const firstStage = getService(first).stage;
  const shared = firstStage === getService(second).stage ? stageSummary(getStage(firstStage)) : null;
  return { kind: "compare", stage: shared, sides: [side(first, second), side(second, first)] };
}

export function composeLifecycle(): Answer {
  return {
    kind: "lifecycle",
    stages: allStages().map((stage) => ({
      stage: stageSummary(stage),
      canonical: stage.canonical.map(serviceCard),
      family: stage.family.map(serviceCard),
    })),
  };
}

const SCENARIO_DETAILS: Readonly<Partial<Record<ServiceId, { title: string; detail: string; companion?: ServiceId }>>> = {
  "data-wrangler": {
    title: "Prepare the raw data",
    detail: "Import the raw data from S3, explore and clean it, engineer features, then export the flow as a Processing job or a pipeline step.",
  },
  "sagemaker-training": {
    title: "Train and tune the classifier",
    detail: "Run a training job with your classifier code (or the built-in XGBoost algorithm), then let automatic model tuning search the hyperparameters.",
    companion: "automatic-model-tuning",
  },
  "model-registry": {
    title: "Register and approve",
    detail: "Register the best model as a version in a model package group; approving a version is what allows its deployment.",
  },
  "realtime-endpoint": {
    title: "Deploy",
    detail: "Deploy the approved version to a real-time endpoint (or score periodically with batch transform).",
  },
  "model-monitor": {
    title: "Monitor after deployment",
    detail: "Capture the endpoint's traffic and compare it with the training baseline on a schedule to catch data drift and quality degradation.",
  },
  pipelines: {
    title: "Automate the whole",
    detail: "Chain preparation, training and tuning, evaluation and registration as pipeline steps, run on a schedule or when new data lands.",
  },
};

export function composeScenario(): Answer {
  const steps: ScenarioStep[] = [];
  for (const id of SCENARIO_WALKTHROUGH) {
    const detail = SCENARIO_DETAILS[id];
    if (detail === undefined) continue;
    const step: ScenarioStep = { title: detail.title, service: serviceCard(id), detail: detail.detail };
    if (detail.companion !== undefined) step.companion = serviceCard(detail.companion);
    steps.push(step);
  }
  return { kind: "scenario", steps };
}

export function composeCapabilities(): Answer {
  return {
    kind: "capabilities",
    capabilities: [
      "answer which SageMaker service fits each stage of the ML lifecycle, and compare services",
      "start training, tuning, deployments and pipeline runs, after a person confirms them and policy allows",
      "report the status of jobs, endpoints and pipelines, and stop jobs",
      "check an endpoint for data drift",
    ],
    examples: ["which service detects data drift?", "train churn-xgb env=dev", "is churn-prod drifting?", "/sageops help"],
  };
}

/**
 * Decides what an answer says, from an interpreted request: which services, in which order, and why.
 * Pure: returns a plain value for a renderer. Anything but an `ask` gets the capabilities.
 */
export function composeAnswer(query: AnswerQuery): Answer {
  if (query.intent !== "ask") return composeCapabilities();
  const [first, second] = query.services;
  switch (query.params.question) {
    case "lifecycle":
      return composeLifecycle();
    case "scenario":
      return composeScenario();
    case "compare":
      if (first !== undefined && second !== undefined) return composeCompare(first, second);
      break;
    case "stage":
      // Asked about a stage as such: its lead service comes first, and the stage's services follow.
      if (query.stage !== null && (first === undefined || (first === leadServiceOf(query.stage) && query.services.length > 1))) return composeStage(query.stage);
      return composeService(query.services, "stage");
    default:
      break;
  }
  if (first === undefined) return query.stage !== null ? composeStage(query.stage) : composeLifecycle();
  return composeService(query.services, "service");
}
