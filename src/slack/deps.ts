/**
 * What the Slack wing is given, built once by the composition root (src/compose/). Each listener
 * takes only the members it uses (a `Pick` of this), so what it can reach is visible in its signature.
 */
import type { FeatureStoreView } from "../actions/feature-store.js";
import type { ModelRegistryView } from "../actions/model-registry.js";
import type { PlanService } from "../actions/plan-service.js";
import type { AuditTrail, FreezeControl } from "../actions/ports.js";
import type { ActionRequests } from "../actions/requests.js";
import type { AnswerWriter } from "../catalog/written-answer.js";
import type { Policy } from "../guard/policy.js";
import type { ThreadSubjects } from "../interpret/references.js";
import type { Interpreter } from "../interpret/schema.js";
import type { Result } from "../kernel/result.js";
import type { SageMakerPort } from "../kernel/sagemaker-port.js";
import type { Logger } from "../logger.js";
import type { StatusQuery } from "../watch/ask.js";
import type { DriftReport } from "../watch/drift.js";
import type { DriftStore } from "../watch/drift-store.js";
import type { DriftSubscriptions } from "../watch/drift-subscriptions.js";
import type { ChoiceLedger } from "./buttons/choice-buttons.js";
import type { ThreadTurns } from "./conversation.js";
import type { RequestInbox } from "./inbox.js";
import type { SlackDriftReporter } from "./notify/drift-reporter.js";
import type { SlackPoster } from "./notify/poster.js";

/** Where the policy came from: a file, the built-in one (dry runs only), or the example (on the sandbox). */
export type PolicySource = "file" | "builtin" | "example";

export interface SlackDeps {
  logger: Logger;
  interpreter: Interpreter;
  audit: AuditTrail;
  /** Every Slack request, recorded before it is answered (src/slack/inbox.ts). */
  inbox: RequestInbox;
  /** Which SageMaker the bot talks to and which policy applies, as a person should read it. */
  backendNote: string;
  /** Set when SageMaker is the embedded sandbox: said on every answer built from its data. */
  simulationNote?: string;
  policy: Policy;
  policySource: PolicySource;
  /** Action requests, from any surface, to posted plans. */
  requests: ActionRequests;
  /** A plan's life after it is posted: its buttons, and what a lifted freeze lets run. */
  planLife: Pick<PlanService, "confirm" | "cancel" | "approve" | "reject" | "resume">;
  freeze: FreezeControl;
  /** What the deploy form offers: registry versions and endpoints. */
  registry: Pick<SageMakerPort, "listModelPackageGroups" | "listModelPackages" | "listEndpoints">;
  /** The Model Registry read: groups, versions with metrics, comparisons. */
  models: Pick<ModelRegistryView, "groups" | "versions" | "version" | "compare" | "servedOn">;
  /** The Feature Store read: feature groups and a search across them. */
  features: Pick<FeatureStoreView, "search" | "groupNames">;
  /** Model Monitor's latest findings for an endpoint, on demand. */
  driftFindings: (endpoint: string) => Promise<Result<DriftReport>>;
  /** Which channels get which endpoint's drift alerts. */
  driftSubscriptions: DriftSubscriptions;
  /** The alerts posted, for their buttons. */
  driftAlerts: Pick<DriftStore, "alert" | "acknowledge" | "mute">;
  driftReporter: SlackDriftReporter;
  /** Answers "status of X" from SageMaker, and the App Home's list. */
  status: Pick<StatusQuery, "ask" | "home">;
  /** Paced posting, for replies outside a listener's own respond/say. */
  poster: SlackPoster;
  /** The first pick on each message that asked back. */
  choices: ChoiceLedger;
  /** What a thread the bot started is about, for "it" in a reply there. */
  threads: ThreadSubjects;
  /** What was said in each thread the bot talks in. */
  turns: ThreadTurns;
  /** The language model wording answers from the catalogue, when BEDROCK_MODEL_ID is set. */
  answerWriter?: AnswerWriter;
}
