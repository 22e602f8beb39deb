import { BedrockInterpreter, loadInterpretPrompt } from "../aws/bedrock.js";
import type { AwsTarget } from "../aws/clients.js";
import { createBedrockClient } from "../aws/clients.js";
import type { Config } from "../config.js";
import type { Inventory } from "../interpret/inventory.js";
import { createOfflineInterpreter } from "../interpret/offline.js";
import type { Interpreter } from "../interpret/schema.js";
import type { Logger } from "../logger.js";

/** The offline interpreter, shared: it holds no state. */
export const offlineInterpreter: Interpreter = createOfflineInterpreter();

/** Offline unless BEDROCK_MODEL_ID is set; then Bedrock first with the offline interpreter as fallback. */
export function createInterpreter(options: { config: Pick<Config, "bedrockModelId">; target: AwsTarget; logger: Logger; inventory?: Inventory }): Interpreter {
  const modelId = options.config.bedrockModelId;
  const offline = options.inventory ? createOfflineInterpreter(options.inventory) : offlineInterpreter;
  if (!modelId) return offline;
  return new BedrockInterpreter({ client: createBedrockClient(options.target), modelId, prompt: loadInterpretPrompt(), fallback: offline, logger: options.logger });
}
