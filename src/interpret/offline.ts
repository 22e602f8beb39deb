import { readFileSync } from "node:fs";
import { IntentClassifier, ServiceClassifier } from "./classifier.js";
import { type CorpusLine, parseCorpus, TRAINING_CORPUS } from "./corpus.js";
import { CorpusSpelling } from "./corpus-spelling.js";
import type { Inventory } from "./inventory.js";
import { LearnedInterpreter } from "./learned-interpreter.js";
import { readModelFile } from "./model-file.js";
import { IntentNeighbours } from "./neighbours.js";
import { CorpusIndex, ServiceRetriever } from "./retrieval.js";
import { readByRules } from "./rules.js";
import type { Interpreter, Request } from "./schema.js";

/**
 * The rules' reading of one message, offline, synchronous and deterministic (src/interpret/rules.ts).
 * The embedded interpreter (`createOfflineInterpreter`) adds the learned classifier on top.
 */
export function interpretOffline(text: string): Request {
  return readByRules(text).request;
}

let shipped: { classifier: IntentClassifier; services: ServiceClassifier } | undefined;

/** The classifiers shipped in src/interpret/model/, loaded once per process. */
export function shippedClassifiers(): { classifier: IntentClassifier; services: ServiceClassifier } {
  if (!shipped) {
    const file = readModelFile();
    const spelling = CorpusSpelling.fromCorpus(shippedCorpus());
    shipped = { classifier: IntentClassifier.load(file.model, spelling), services: ServiceClassifier.load(file.serviceModel, spelling) };
  }
  return shipped;
}

let corpus: CorpusLine[] | undefined;

/** The shipped training corpus, read once per process. */
function shippedCorpus(): CorpusLine[] {
  corpus ??= parseCorpus(readFileSync(TRAINING_CORPUS, "utf8"));
  return corpus;
}

/**
 * The embedded interpreter: no network, the same answer every time. The rules and the classifier
 * learned from the corpus, each where it measures best (src/interpret/learned-interpreter.ts). The
 * model is read here, at start-up, not on the first message.
 */
export function createOfflineInterpreter(inventory?: Inventory): Interpreter {
  return new LearnedInterpreter({ ...shippedClassifiers(), inventory, retriever: shippedRetriever(), neighbours: shippedNeighbours() });
}

let retriever: ServiceRetriever | undefined;

/** Retrieval over the shipped training corpus, built once per process. */
export function shippedRetriever(): ServiceRetriever {
  retriever ??= new ServiceRetriever(shippedIndex());
  return retriever;
}

let neighbours: IntentNeighbours | undefined;

/** The shipped training corpus's lines as neighbours that vote for an intent, indexed once per process. */
export function shippedNeighbours(): IntentNeighbours {
  neighbours ??= new IntentNeighbours(shippedIndex());
  return neighbours;
}

let index: CorpusIndex | undefined;

/** Full-text search over the shipped corpus and the catalogue, built once per process. */
function shippedIndex(): CorpusIndex {
  index ??= CorpusIndex.fromCorpus(shippedCorpus());
  return index;
}
