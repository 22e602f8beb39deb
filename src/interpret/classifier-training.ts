import { z } from "zod";
import { emptyNlp } from "./classifier.js";
import { classifierText } from "./classifier-text.js";
import { CORPUS_LANGUAGES, type CorpusLine } from "./corpus.js";

/** The part of nlp.js' exported model the training rewrites: the sentences its language guesser learnt. */
const ExportedModel = z.looseObject({
  nluManager: z.looseObject({ extraSentences: z.array(z.tuple([z.string(), z.string()])) }),
});

/**
 * Trains the intent classifier on corpus lines, each in its own language, and returns nlp.js' model
 * as JSON text. The English lines also teach the other languages' networks, since people mix English
 * service and ML words into every language; the language guesser keeps each line in its own language
 * only. nlp.js' guesser keeps its trigrams in one table per process, which training fills with every
 * document it is given: read what a training made in another process (`npm run train-interpreter`
 * writes the file; `IntentClassifier.load` reads it).
 */
export async function trainIntentModel(lines: readonly CorpusLine[]): Promise<string> {
  const nlp = emptyNlp();
  const own = new Set<string>();
  for (const line of lines) {
    const text = classifierText(line.text);
    own.add(`${line.lang}\u0000${text}`);
    nlp.addDocument(line.lang, text, line.intent);
    if (line.lang === "en") for (const other of CORPUS_LANGUAGES) if (other !== "en") nlp.addDocument(other, text, line.intent);
  }
  await nlp.train();
  const model = ExportedModel.parse(JSON.parse(nlp.export(true)));
  model.nluManager.extraSentences = model.nluManager.extraSentences.filter(([locale, text]) => own.has(`${locale}\u0000${text}`));
  return JSON.stringify(model);
}
