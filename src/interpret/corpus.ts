import { createHash } from "node:crypto";
import { z } from "zod";
import { IntentId, ServiceId, StageId } from "../catalog/ids.js";

/** Languages of the training corpus (src/interpret/corpus/README.md). */
export const CORPUS_LANGUAGES = ["en", "de", "es", "fr", "ja"] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];

/** One line of `src/interpret/corpus/train.jsonl` or of the held-out corpus. */
export const CorpusLine = z.object({
  text: z.string(),
  intent: IntentId,
  stage: StageId.nullable(),
  services: z.array(ServiceId),
  lang: z.enum(CORPUS_LANGUAGES),
  style: z.string(),
});
export type CorpusLine = z.infer<typeof CorpusLine>;

/** The training corpus, found from this file rather than the working directory. */
export const TRAINING_CORPUS = new URL("./corpus/train.jsonl", import.meta.url);

/** Reads a corpus file's content; a bad line throws with its number: the corpus is reviewed data. */
export function parseCorpus(content: string): CorpusLine[] {
  const lines: CorpusLine[] = [];
  content.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = CorpusLine.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`corpus line ${index + 1}: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
    lines.push(parsed.data);
  });
  return lines;
}

/** What a model trained on this content is stamped with, so a stale model is caught. */
export function corpusHash(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}
