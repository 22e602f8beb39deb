import type { PlanningContext } from "./actions/planning.js";
import type { ObjectReader, SageMakerPort } from "./kernel/sagemaker-port.js";
import type { ActionService } from "./actions/service.js";
import type { Policy } from "./guard/policy.js";
import type { Interpreter } from "./interpret/schema.js";
import type { Logger } from "./logger.js";
import type { SlackPoster } from "./slack/notify/poster.js";
import type { AuditLog } from "./store/audit.js";
import type { DeliveryLedger } from "./store/deliveries.js";
import type { SqlitePlanRepository } from "./store/plans.js";
import type { StatusQuery } from "./watch/ask.js";
import type { EventFeed } from "./watch/events.js";
import type { Tracker } from "./watch/tracker.js";
import type { WorkspaceSettings } from "./store/settings.js";

/**
 * Everything the Slack listeners call, built once by the composition root (src/index.ts) and
 * passed in, so tests can wire each part to loopback servers.
 */
export interface BotServices {
  logger: Logger;
  interpreter: Interpreter;
  audit: AuditLog;
  deliveries: DeliveryLedger;
  /** Which SageMaker the bot talks to, as a person should read it ("sandbox (simulated)", a region). */
  backendNote: string;
  /** Set when SageMaker is the embedded sandbox: said on every answer built from its data. */
  simulationNote?: string;
  policy: Policy;
  /** Where the policy came from: a file, the built-in one (dry runs only), or the example (on the sandbox). */
  policySource: "file" | "builtin" | "example";
  plans: SqlitePlanRepository;
  actions: ActionService;
  settings: WorkspaceSettings;
  poster: SlackPoster;
  sagemaker: SageMakerPort;
  /** Reads Model Monitor reports from S3. */
  objects: ObjectReader;
  /** Follows started resources and reports them in their plan's thread. */
  tracker: Tracker;
  /** SageMaker's state-change events feeding the tracker, when a queue is configured (polling stays the fallback). */
  eventFeed?: EventFeed;
  /** Answers "status of X" from SageMaker. */
  status: StatusQuery;
  /** The context a plan is made in, for this requester in this channel, now. */
  planningContext(requester: { userId: string; channelId: string }): Promise<PlanningContext>;
}
