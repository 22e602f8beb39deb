import { readFileSync } from "node:fs";
import { z } from "zod";

/** The shipped model, built ahead by `npm run train-interpreter` (src/cli/train-interpreter.ts). */
export const MODEL_FILE = new URL("./model/intent-model.json", import.meta.url);

/** The model file: the corpus it was trained on (its hash) and nlp.js' exported model. */
export const ModelFile = z.object({
  corpusSha256: z.string().regex(/^[0-9a-f]{64}$/),
  lines: z.number().int().positive(),
  /** The intent classifier: nlp.js' export, as the JSON text it wrote. */
  model: z.string(),
  /** The service classifier for questions, the same way. */
  serviceModel: z.string(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export function readModelFile(file: URL = MODEL_FILE): ModelFile {
  return ModelFile.parse(JSON.parse(readFileSync(file, "utf8")));
}
