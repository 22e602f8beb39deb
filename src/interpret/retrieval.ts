/**
 * Which services a question is about, by full-text retrieval (MiniSearch, BM25) over the training
 * corpus's questions, in every corpus language, and the catalogue's own descriptions: the labelled
 * lines most like the question vote for their stage and services. It reads a need described
 * without a service's name ("where do I keep features so training and serving agree") and
 * questions in languages the rules' English lexicon does not know.
 */
import MiniSearch from "minisearch";
import { allServices } from "../catalog/catalog.js";
import type { ServiceId, StageId } from "../catalog/ids.js";
import type { CorpusLine } from "./corpus.js";

interface Document {
  id: number;
  text: string;
  stage: StageId | null;
  services: readonly ServiceId[];
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

export class ServiceRetriever {
  private readonly index: MiniSearch<Document>;

  constructor(private readonly documents: readonly Document[]) {
    this.index = new MiniSearch<Document>({ fields: ["text"], tokenize: searchTokens, processTerm: (term) => term });
    this.index.addAll([...documents]);
  }

  /** From the corpus's questions (intent `ask`, with a service) and the catalogue's entries. */
  static fromCorpus(lines: readonly CorpusLine[]): ServiceRetriever {
    const documents: Document[] = [];
    for (const line of lines) {
      if (line.intent === "ask" && line.services.length > 0) documents.push({ id: documents.length, text: line.text, stage: line.stage, services: line.services });
    }
    for (const service of allServices()) {
      const text = [service.name, ...service.aliases, service.purpose, service.chooseWhen].join(". ");
      documents.push({ id: documents.length, text, stage: service.stage, services: [service.id] });
    }
    return new ServiceRetriever(documents);
  }

  retrieve(text: string): Retrieved {
    const hits = this.index.search(text, { combineWith: "OR" }).slice(0, VOTERS);
    const stageVotes = new Map<StageId | null, number>();
    const serviceVotes = new Map<ServiceId, number>();
    let strength = 0;
    for (const hit of hits) {
      const document = this.documents[Number(hit.id)];
      if (!document) continue;
      const { stage, services } = document;
      strength += hit.score;
      stageVotes.set(stage, (stageVotes.get(stage) ?? 0) + hit.score);
      // The first service a line names counts most: it is the one its answer leads with.
      for (const [rank, service] of services.entries()) serviceVotes.set(service, (serviceVotes.get(service) ?? 0) + hit.score / (rank + 1));
    }
    if (strength === 0) return { stage: null, services: [], strength };
    const [topStage, stageScore] = [...stageVotes.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    const services = [...serviceVotes.entries()].sort((a, b) => b[1] - a[1]).map(([service]) => service).slice(0, MAX_SERVICES);
    return { stage: stageScore / strength >= STAGE_SHARE ? topStage : null, services, strength };
  }
}
