/**
 * Which services a question is about, by full-text retrieval (MiniSearch, BM25) over the training
 * corpus's questions, in every corpus language, and the catalogue's own descriptions: the labelled
 * lines most like the question vote for their stage and services. It reads a need described
 * without a service's name ("where do I keep features so training and serving agree") and
 * questions in languages the rules' English lexicon does not know.
 */
import MiniSearch from "minisearch";
import { allServices } from "../catalog/catalog.js";
import type { IntentId, ServiceId, StageId } from "../catalog/ids.js";
import { classifierText } from "./classifier-text.js";
import type { CorpusLine } from "./corpus.js";

/** One line of the corpus, or one catalogue entry (no intent: it only speaks for its service). */
export interface IndexedDocument {
  id: number;
  text: string;
  intent?: IntentId;
  stage: StageId | null;
  services: readonly ServiceId[];
}

/**
 * Full-text search (MiniSearch, BM25) over every line of the training corpus and the catalogue's
 * entries, built once: the services of a question (`ServiceRetriever`) and the intent of an unsure
 * message (`IntentNeighbours`, neighbours.ts) are both read from the lines most like it.
 */
export class CorpusIndex {
  private readonly index: MiniSearch<IndexedDocument>;

  constructor(readonly documents: readonly IndexedDocument[]) {
    this.index = new MiniSearch<IndexedDocument>({ fields: ["text"], tokenize: searchTokens, processTerm: (term) => term });
    this.index.addAll([...documents]);
  }

  static fromCorpus(lines: readonly CorpusLine[]): CorpusIndex {
    const documents: IndexedDocument[] = lines.map((line, id) => ({ id, text: classifierText(line.text), intent: line.intent, stage: line.stage, services: line.services }));
    for (const service of allServices()) {
      const text = [service.name, ...service.aliases, service.purpose, service.chooseWhen].join(". ");
      documents.push({ id: documents.length, text: classifierText(text), stage: service.stage, services: [service.id] });
    }
    return new CorpusIndex(documents);
  }

  /** The closest documents that pass `keep`, closest first, with how close. */
  closest(text: string, count: number, keep: (document: IndexedDocument) => boolean): { document: IndexedDocument; score: number }[] {
    const found: { document: IndexedDocument; score: number }[] = [];
    for (const hit of this.index.search(classifierText(text), { combineWith: "OR" })) {
      const document = this.documents[Number(hit.id)];
      if (!document || !keep(document)) continue;
      found.push({ document, score: hit.score });
      if (found.length === count) break;
    }
    return found;
  }
}

/** The lines that vote: the closest few, weighted by how close. */
const VOTERS = 8;
/** Below this share of the votes the stage is not named (the question spans several, or none). */
const STAGE_SHARE = 0.5;
const MAX_SERVICES = 3;

/** Words, and for Japanese and Chinese script (no spaces) overlapping pairs of characters. */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.toLowerCase().normalize("NFKC").split(/[^\p{L}\p{N}]+/u)) {
    if (run === "") continue;
    if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(run)) {
      const chars = [...run];
      if (chars.length === 1) tokens.push(run);
      for (let index = 0; index + 1 < chars.length; index += 1) tokens.push(`${chars[index]}${chars[index + 1]}`);
    } else if (run.length > 1) tokens.push(run);
  }
  return tokens;
}

export interface Retrieved {
  stage: StageId | null;
  services: ServiceId[];
  /** The summed closeness of the lines that voted: 0 when nothing matched. */
  strength: number;
}

/** A question, or a catalogue entry: what speaks for a service. */
const speaksForServices = (document: IndexedDocument): boolean => document.services.length > 0 && (document.intent === undefined || document.intent === "ask");

export class ServiceRetriever {
  constructor(private readonly index: CorpusIndex) {}

  retrieve(text: string): Retrieved {
    const stageVotes = new Map<StageId | null, number>();
    const serviceVotes = new Map<ServiceId, number>();
    let strength = 0;
    for (const { document, score } of this.index.closest(text, VOTERS, speaksForServices)) {
      const { stage, services } = document;
      strength += score;
      stageVotes.set(stage, (stageVotes.get(stage) ?? 0) + score);
      // The first service a line names counts most: it is the one its answer leads with.
      for (const [rank, service] of services.entries()) serviceVotes.set(service, (serviceVotes.get(service) ?? 0) + score / (rank + 1));
    }
    if (strength === 0) return { stage: null, services: [], strength };
    const [topStage, stageScore] = [...stageVotes.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    const services = [...serviceVotes.entries()].sort((a, b) => b[1] - a[1]).map(([service]) => service).slice(0, MAX_SERVICES);
    return { stage: stageScore / strength >= STAGE_SHARE ? topStage : null, services, strength };
  }
}
