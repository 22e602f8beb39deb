import type { Cue } from "./lexicon.js";

/** A cue phrase compiled once: its literal words (for a cheap pre-check) and its pattern. */
export interface CompiledCue {
  phrase: string;
  weight: number;
  literals: readonly string[];
  pattern: RegExp;
}

const GAP = "(?: \\S+){1,4}";
/** A longer, optional gap, for frames that wrap a whole noun phrase ("how is the training job for churn-xgb doing"). */
const LONG_GAP = "(?: \\S+){0,8}";

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileCue([phrase, weight]: Cue): CompiledCue {
  const words = phrase.split(" ").filter((word) => word.length > 0);
  let source = "";
  for (const word of words) {
    if (word === "*") source += GAP;
    else if (word === "**") source += LONG_GAP;
    else source += source === "" ? escapeRegExp(word) : ` ${escapeRegExp(word)}`;
  }
  return {
    phrase,
    weight,
    literals: words.filter((word) => word !== "*" && word !== "**"),
    pattern: new RegExp(`(?:^| )${source}(?= |$)`),
  };
}

export function compileCues(cues: readonly Cue[]): CompiledCue[] {
  return cues.map((cue) => compileCue(cue));
}

/**
 * The shape string of one utterance with every phrase of the lexicon that occurs in it, found in one
 * pass over the phrases that share a word with it (an inverted index), so later passes only look up.
 */
export interface Shape {
  text: string;
  words: ReadonlySet<string>;
  found: ReadonlyMap<CompiledCue, number>;
}

/** Phrases by word, for finding the few phrases an utterance can contain. */
export class CueIndex {
  private readonly byWord = new Map<string, CompiledCue[]>();

  constructor(cues: Iterable<CompiledCue>) {
    for (const cue of cues) {
      // Index each phrase under its rarest-looking word: the longest literal.
      const key = [...cue.literals].sort((left, right) => right.length - left.length)[0];
      if (key === undefined) continue;
      const bucket = this.byWord.get(key);
      if (bucket === undefined) this.byWord.set(key, [cue]);
      else if (!bucket.includes(cue)) bucket.push(cue);
    }
  }

  shape(text: string): Shape {
    const words = new Set(text.split(" ").filter((word) => word.length > 0));
    const found = new Map<CompiledCue, number>();
    for (const word of words) {
      for (const cue of this.byWord.get(word) ?? []) {
        if (found.has(cue) || !cue.literals.every((literal) => words.has(literal))) continue;
        const position = cue.pattern.exec(text)?.index;
        if (position !== undefined) found.set(cue, position);
      }
    }
    return { text, words, found };
  }
}

/** Where the phrase starts in the shape text, or -1. */
export function positionOf(cue: CompiledCue, shape: Shape): number {
  return shape.found.get(cue) ?? -1;
}

/** True when the phrase occurs in the shape. */
export function matches(cue: CompiledCue, shape: Shape): boolean {
  return shape.found.has(cue);
}

/** Each cue list as a set, built on first use, so a short utterance is checked against its few phrases only. */
const MEMBERSHIP = new WeakMap<readonly CompiledCue[], ReadonlySet<CompiledCue>>();

function membershipOf(cues: readonly CompiledCue[]): ReadonlySet<CompiledCue> {
  let members = MEMBERSHIP.get(cues);
  if (members === undefined) {
    members = new Set(cues);
    MEMBERSHIP.set(cues, members);
  }
  return members;
}

/** The phrases of a list that occur, in no particular order. */
export function found(cues: readonly CompiledCue[], shape: Shape): CompiledCue[] {
  const result: CompiledCue[] = [];
  if (shape.found.size < cues.length) {
    const members = membershipOf(cues);
    for (const cue of shape.found.keys()) if (members.has(cue)) result.push(cue);
  } else {
    for (const cue of cues) if (shape.found.has(cue)) result.push(cue);
  }
  return result;
}

/** Sum of the weights of the phrases that occur. */
export function score(cues: readonly CompiledCue[], shape: Shape): number {
  let total = 0;
  for (const cue of found(cues, shape)) total += cue.weight;
  return total;
}

/** Where the first phrase that occurs starts in the shape text (for "first mentioned"), or -1. */
export function firstPosition(cues: readonly CompiledCue[], shape: Shape): number {
  let first = -1;
  for (const cue of cues) {
    const position = positionOf(cue, shape);
    if (position !== -1 && (first === -1 || position < first)) first = position;
  }
  return first;
}

/** Every literal word of the cues: the vocabulary the speller corrects towards. */
export function vocabularyOf(cues: readonly CompiledCue[]): string[] {
  const words: string[] = [];
  for (const cue of cues) for (const literal of cue.literals) if (!literal.startsWith("_")) words.push(literal);
  return words;
}
