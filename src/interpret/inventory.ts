/**
 * The company's own names, as the interpreter knows them: recipes, pipelines, endpoints, model
 * package groups and the jobs the bot has seen. A name the inventory knows is read as what it is
 * ("start fraud-nightly" starts a pipeline, "is churn-xgb-nightly done" asks about a training job),
 * whatever it looks like. The sources (the policy, the store, SageMaker) are the composition root's;
 * this file only keeps their answers fresh enough, without holding up a message.
 */

import { editDistance } from "./fuzzy.js";

export const KNOWN_KINDS = ["recipe", "pipeline", "endpoint", "model-group", "training-job", "tuning-job", "transform-job", "pipeline-execution"] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

/** A name and what it is; a name with `*` is a pattern ("churn-dev-*" from the policy). */
export interface InventoryEntry {
  name: string;
  kind: KnownKind;
}

export interface Inventory {
  /** What a name is, every kind it is known as (a recipe and a model package group often share one). */
  kindsOf(name: string): readonly KnownKind[];
  /** The one known name this one is a slip of the keyboard away from ("churn-retrian"), if exactly one is. */
  closestName?(name: string): string | undefined;
  /** Reads stale sources again; waits only for a source never read. */
  refresh?(): Promise<void>;
}

export const NO_INVENTORY: Inventory = { kindsOf: () => [] };

/** What starting something known as these kinds means: a pipeline run or a training, when it is one and not the other. */
export function startedAs(kinds: Iterable<KnownKind>): "pipeline" | "train" | undefined {
  const known = new Set(kinds);
  if (known.has("pipeline") && !known.has("recipe")) return "pipeline";
  if (known.has("recipe") && !known.has("pipeline")) return "train";
  return undefined;
}

/** Parts that make a name no source knows a pipeline's by its looks ("nightly-refresh", "risk-retrain", "sales-etl"). */
const PIPELINE_NAME_PARTS: ReadonlySet<string> = new Set(["retrain", "retraining", "refresh", "pipeline", "etl", "nightly", "daily", "weekly", "monthly", "hourly", "workflow", "dag"]);

/**
 * What starting a name no source knows most likely means, by its looks: a pipeline run for a name
 * shaped like one, else a training (a recipe is named after its model: "basket-rec", "credit-risk").
 * Only a guess, for a start verb with nothing else to say what it starts; the guard checks the name.
 */
export function startedByLooks(names: readonly string[]): "pipeline" | "train" | undefined {
  if (names.length === 0) return undefined;
  return names.some(looksLikePipeline) ? "pipeline" : "train";
}

export function looksLikePipeline(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[-_]/)
    .some((part) => PIPELINE_NAME_PARTS.has(part));
}

/** One place names come from, and how old its answer may get before it is read again. */
export interface InventorySource {
  /** For the log line when it fails. */
  name: string;
  read(): Promise<readonly InventoryEntry[]> | readonly InventoryEntry[];
  maxAgeMs: number;
}

interface SourceState {
  entries: readonly InventoryEntry[];
  readAt: number;
  reading?: Promise<void>;
}

/** Shorter names are too close to ordinary words and to each other to correct. */
const MIN_CORRECTED_LENGTH = 6;
/** From this length a name may be two slips away ("churn-retrian", "chrun-xgb" is one). */
const LONG_NAME = 10;

function patternOf(name: string): RegExp {
  const escaped = name.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/**
 * The sources' entries, each read again once older than its `maxAgeMs`. A stale source is read in
 * the background and its last answer used meanwhile; only a source never read is waited for, once.
 * A source that fails keeps its last answer (none at first) and is tried again after its age.
 */
export class CachedInventory implements Inventory {
  private readonly states = new Map<InventorySource, SourceState>();
  private exact = new Map<string, KnownKind[]>();
  private patterns: { pattern: RegExp; kind: KnownKind }[] = [];

  constructor(
    private readonly sources: readonly InventorySource[],
    private readonly now: () => number,
    private readonly onError: (error: unknown, source: string) => void = () => undefined,
  ) {}

  /** Brings stale sources up to date: waits for those never read, refreshes the others behind the scenes. */
  async refresh(): Promise<void> {
    const first: Promise<void>[] = [];
    for (const source of this.sources) {
      const state = this.states.get(source);
      if (state && (state.reading || this.now() - state.readAt < source.maxAgeMs)) continue;
      const reading = this.read(source);
      if (!state) first.push(reading);
    }
    await Promise.all(first);
  }

  kindsOf(name: string): readonly KnownKind[] {
    const lower = name.toLowerCase();
    const kinds = new Set<KnownKind>(this.exact.get(lower) ?? []);
    for (const { pattern, kind } of this.patterns) if (pattern.test(lower)) kinds.add(kind);
    return [...kinds];
  }

  closestName(name: string): string | undefined {
    const lower = name.toLowerCase();
    // Names with digits are ids (jobs, runs): one digit off is another job, never a typo of this one.
    if (lower.length < MIN_CORRECTED_LENGTH || /\d/.test(lower) || this.exact.has(lower)) return undefined;
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    let tied = false;
    for (const known of this.exact.keys()) {
      if (/\d/.test(known)) continue;
      const limit = known.length >= LONG_NAME ? 2 : 1;
      const distance = editDistance(lower, known, limit);
      if (distance > limit || distance > bestDistance) continue;
      tied = distance === bestDistance;
      best = known;
      bestDistance = distance;
    }
    return tied ? undefined : best;
  }

  private read(source: InventorySource): Promise<void> {
    const previous = this.states.get(source);
    const state: SourceState = { entries: previous?.entries ?? [], readAt: this.now() };
    const reading = (async () => {
      try {
        state.entries = await source.read();
      } catch (error) {
        this.onError(error, source.name);
      } finally {
        state.reading = undefined;
        state.readAt = this.now();
        this.rebuild();
      }
    })();
    state.reading = reading;
    this.states.set(source, state);
    return reading;
  }

  private rebuild(): void {
    const exact = new Map<string, KnownKind[]>();
    const patterns: { pattern: RegExp; kind: KnownKind }[] = [];
    for (const state of this.states.values()) {
      for (const entry of state.entries) {
        if (entry.name.includes("*")) {
          patterns.push({ pattern: patternOf(entry.name), kind: entry.kind });
          continue;
        }
        const key = entry.name.toLowerCase();
        const kinds = exact.get(key) ?? [];
        if (!kinds.includes(entry.kind)) kinds.push(entry.kind);
        exact.set(key, kinds);
      }
    }
    this.exact = exact;
    this.patterns = patterns;
  }
}
