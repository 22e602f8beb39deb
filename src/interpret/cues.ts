import type { Cue } from "./lexicon.js";

/** A cue phrase compiled once: its literal words (for a cheap pre-check) and its pattern. */
export interface CompiledCue {
  phrase: string;
  weight: number;
  literals: readonly string[];
  pattern: RegExp;
}

const GAP = "(?: \\S+){1,4}";

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function compileCue([phrase, weight]: Cue): CompiledCue {
  const words = phrase.split(" ").filter((word) => word.length > 0);
  let source = "";
  for (const word of words) {
    if (word === "*") source += GAP;
    else source += source === "" ? escape(word) : ` ${escape(word)}`;
  }
  return {
    phrase,
    weight,
    literals: words.filter((word) => word !== "*"),
    pattern: new RegExp(`(?:^| )${source}(?= |$)`),
  };
}

export function compileCues(cues: readonly Cue[]): CompiledCue[] {
  return cues.map((cue) => compileCue(cue));
}

/** The shape string and its word set, prepared once per utterance; phrase results are remembered. */
export interface Shape {
  text: string;
  words: ReadonlySet<string>;
  /** Where each phrase tested so far starts (-1: absent); several passes ask about the same phrases. */
  found: Map<CompiledCue, number>;
}

export function makeShape(text: string): Shape {
  return { text, words: new Set(text.split(" ").filter((word) => word.length > 0)), found: new Map() };
}

/** Where the phrase starts in the shape text, or -1. */
export function positionOf(cue: CompiledCue, shape: Shape): number {
  const known = shape.found.get(cue);
  if (known !== undefined) return known;
  let position = -1;
  if (cue.literals.every((literal) => shape.words.has(literal))) position = cue.pattern.exec(shape.text)?.index ?? -1;
  shape.found.set(cue, position);
  return position;
}

/** True when the phrase occurs in the shape. */
export function matches(cue: CompiledCue, shape: Shape): boolean {
  return positionOf(cue, shape) !== -1;
}

/** Sum of the weights of the phrases that occur. */
export function score(cues: readonly CompiledCue[], shape: Shape): number {
  let total = 0;
  for (const cue of cues) if (matches(cue, shape)) total += cue.weight;
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
