import { z } from "zod";
import { emptyNlp, NO_SERVICE } from "./classifier.js";
import { classifierText } from "./classifier-text.js";
import { CORPUS_LANGUAGES, type CorpusLine } from "./corpus.js";

/** The part of nlp.js' exported model the training rewrites: the sentences its language guesser learnt. */
const ExportedModel = z.looseObject({
  nluManager: z.looseObject({ extraSentences: z.array(z.tuple([z.string(), z.string()])) }),
});

/** A corpus line's label for one classifier, or undefined to leave the line out of its training. */
export type LabelOf = (line: CorpusLine) => string | undefined;

/** The intent classifier learns every line's intent. */
export const intentLabel: LabelOf = (line) => line.intent;
/** The service classifier learns the questions' lead service ("none" for a question about no one service). */
export const serviceLabel: LabelOf = (line) => (line.intent === "ask" ? (line.services[0] ?? NO_SERVICE) : undefined);

/**
 * Trains a classifier on corpus lines, each in its own language, with the labels given, and returns
 * nlp.js' model as JSON text. The English lines also teach the other languages' networks, since people mix English
 * service and ML words into every language; the language guesser keeps each line in its own language
 * only. nlp.js' guesser keeps its trigrams in one table per process, which training fills with every
 * document it is given: read what a training made in another process (`npm run train-interpreter`
 * writes the file; `IntentClassifier.load` reads it).
 */
export async function trainModel(lines: readonly CorpusLine[], labelOf: LabelOf, guesses: "guesses language" | "is told the language"): Promise<string> {
  const nlp = emptyNlp();
  const own = new Set<string>();
  for (const line of lines) {
    const label = labelOf(line);
    if (label === undefined) continue;
    const text = classifierText(line.text);
    own.add(`${line.lang}\u0000${text}`);
    nlp.addDocument(line.lang, text, label);
    if (line.lang === "en") for (const other of CORPUS_LANGUAGES) if (other !== "en") nlp.addDocument(other, text, label);
  }
  await nlp.train();
  const model = ExportedModel.parse(JSON.parse(nlp.export(true)));
  // A classifier that is told the language keeps no sentences for the guesser: loaded beside the
  // intent model, they would only blur the one table every model in the process shares.
  model.nluManager.extraSentences = guesses === "guesses language" ? model.nluManager.extraSentences.filter(([locale, text]) => own.has(`${locale}\u0000${text}`)) : [];
  return JSON.stringify(model);
}
