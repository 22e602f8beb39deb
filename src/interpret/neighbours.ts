/**
 * The intent of the corpus lines most like a message (MiniSearch, BM25), for a message the learned
 * classifier is unsure of: its network reads words one by one, while the closest whole lines carry
 * their phrasing ("quelque chose a planté cette nuit ?" is nearest to other overnight-failure
 * questions). Measured on the held-out sets, it gives a better intent than the unsure classifier.
 */
import type { IntentId } from "../catalog/ids.js";
import type { CorpusIndex } from "./retrieval.js";

/** The lines that vote: the closest few, weighted by how close. */
const VOTERS = 10;

export interface NeighboursVote {
  intent: IntentId;
  /** The winner's share of the votes, 0 to 1. */
  share: number;
}

export class IntentNeighbours {
  constructor(private readonly index: CorpusIndex) {}

  /** Undefined when no line shares a word with the message. */
  vote(text: string): NeighboursVote | undefined {
    const votes = new Map<IntentId, number>();
    let total = 0;
    for (const { document, score } of this.index.closest(text, VOTERS, (candidate) => candidate.intent !== undefined)) {
      if (!document.intent) continue;
      votes.set(document.intent, (votes.get(document.intent) ?? 0) + score);
      total += score;
    }
    const [best] = [...votes].sort((left, right) => right[1] - left[1]);
    return best && total > 0 ? { intent: best[0], share: best[1] / total } : undefined;
  }
}
