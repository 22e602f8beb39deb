import type { Interpreter } from "./interpret/schema.js";
import type { Logger } from "./logger.js";
import type { AuditLog } from "./store/audit.js";
import type { DeliveryLedger } from "./store/deliveries.js";

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
}
