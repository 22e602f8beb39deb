import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { intentLabel, serviceLabel, trainModel } from "../interpret/classifier-training.js";
import { corpusHash, parseCorpus, TRAINING_CORPUS } from "../interpret/corpus.js";
import { MODEL_FILE, type ModelFile } from "../interpret/model-file.js";

/**
 * `npm run train-interpreter`: trains the intent and service classifiers on src/interpret/corpus/train.jsonl (never
 * on the held-out corpus) and writes the model shipped with the package, stamped with the corpus hash.
 */
async function main(): Promise<void> {
  const content = readFileSync(TRAINING_CORPUS, "utf8");
  const lines = parseCorpus(content);
  const started = Date.now();
  const model = await trainModel(lines, intentLabel, "guesses language");
  const serviceModel = await trainModel(lines, serviceLabel, "is told the language");
  const file: ModelFile = { corpusSha256: corpusHash(content), lines: lines.length, model, serviceModel };
  const text = `${JSON.stringify(file)}\n`;
  writeFileSync(MODEL_FILE, text);
  console.log(`trained on ${lines.length} lines in ${Date.now() - started} ms; wrote ${fileURLToPath(MODEL_FILE)} (${Math.round(text.length / 1024)} KiB)`);
}

await main();
