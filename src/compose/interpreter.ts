import type { AwsTarget } from "../aws/clients.js";
import { createBedrockClient } from "../aws/clients.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { BedrockInterpreter, loadInterpretPrompt } from "../aws/bedrock.js";
import { createOfflineInterpreter } from "../interpret/offline.js";
import type { Interpreter } from "../interpret/schema.js";

/** The offline interpreter, shared: it holds no state. */
export const offlineInterpreter: Interpreter = createOfflineInterpreter();

/** Offline unless BEDROCK_MODEL_ID is set; then Bedrock first with the offline interpreter as fallback. */
export function createInterpreter(options: { config: Pick<Config, "bedrockModelId">; target: AwsTarget; logger: Logger }): Interpreter {
  const modelId = options.config.bedrockModelId;
  if (!modelId) return offlineInterpreter;
  return new BedrockInterpreter({ client: createBedrockClient(options.target), modelId, prompt: loadInterpretPrompt(), fallback: offlineInterpreter, logger: options.logger });
}
