import { BedrockInterpreter, loadInterpretPrompt } from "../aws/bedrock.js";
import { BedrockAnswerWriter } from "../aws/bedrock-answers.js";
import type { AwsTarget } from "../aws/clients.js";
import { createBedrockClient } from "../aws/clients.js";
import type { AnswerWriter } from "../catalog/written-answer.js";
import type { Config } from "../config.js";
import type { Inventory } from "../interpret/inventory.js";
import { createOfflineInterpreter } from "../interpret/offline.js";
import type { Interpreter } from "../interpret/schema.js";
import type { Logger } from "../logger.js";

/** The offline interpreter, shared: it holds no state. */
export const offlineInterpreter: Interpreter = createOfflineInterpreter();

type LanguageOptions = { config: Pick<Config, "bedrockModelId">; target: AwsTarget; logger: Logger; inventory?: Inventory };

/**
 * Offline unless BEDROCK_MODEL_ID is set; then Bedrock reads first, with the offline interpreter
 * as fallback, and words answers from the catalogue. One Bedrock client serves both.
 */
export function createLanguageParts(options: LanguageOptions): { interpreter: Interpreter; answerWriter?: AnswerWriter } {
  const modelId = options.config.bedrockModelId;
  const offline = options.inventory ? createOfflineInterpreter(options.inventory) : offlineInterpreter;
  if (!modelId) return { interpreter: offline };
  const client = createBedrockClient(options.target);
  return {
    interpreter: new BedrockInterpreter({ client, modelId, prompt: loadInterpretPrompt(), fallback: offline, logger: options.logger }),
    answerWriter: new BedrockAnswerWriter({ client, modelId, logger: options.logger }),
  };
}

/** The interpreter alone (for `sageops interpret`). */
export function createInterpreter(options: LanguageOptions): Interpreter {
  return createLanguageParts(options).interpreter;
}
