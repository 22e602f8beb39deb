/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up as soon
 * as the distance must exceed `limit` (returns limit + 1 then).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  // Three rolling rows: two back (for transpositions), previous, current.
  let beforePrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_unused, index) => index);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] ?? limit + 1;
}

/** True when `a` is `b` with two neighbouring letters swapped ("drfit" for "drift"). */
function isSingleTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      if (first === -1) first = i;
      else return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    }
  }
  return false;
}

/** True when `a` is `b` with one letter, not the first, left out ("shadw" for "shadow"). */
function isSingleDrop(a: string, b: string): boolean {
  if (b.length !== a.length + 1 || a[0] !== b[0]) return false;
  let skipped = false;
  for (let i = 0, j = 0; i < a.length; j += 1) {
    if (a[i] === b[j]) i += 1;
    else if (skipped) return false;
    else skipped = true;
  }
  return true;
}

const MEMORY_LIMIT = 10_000;

/** Suffixes tried, longest first, and what may replace them. */
const INFLECTIONS: readonly (readonly [suffix: string, replacements: readonly string[]])[] = [
  ["ing", ["", "e"]],
  ["ied", ["y"]],
  ["ies", ["y"]],
  ["ed", ["", "e"]],
  ["es", ["", "e"]],
  ["s", [""]],
  ["ly", [""]],
];

/**
 * Corrects misspelt words to a known vocabulary. The tolerance grows with the word: short words only
 * forgive a swapped pair of letters, longer ones one edit, long ones two; the first letter must match
 * (unless it is part of the swap) so "brain" never becomes "train".
 */
export class Speller {
  private readonly known: ReadonlySet<string>;
  private readonly byInitial = new Map<string, string[]>();
  private readonly protectedWords: ReadonlySet<string>;
  private readonly memory = new Map<string, string>();

  constructor(vocabulary: Iterable<string>, protectedWords: Iterable<string>) {
    const known = new Set<string>();
    for (const word of vocabulary) {
      if (word.length === 0) continue;
      known.add(word);
      const initial = word[0] ?? "";
      const bucket = this.byInitial.get(initial);
      if (bucket) bucket.push(word);
      else this.byInitial.set(initial, [word]);
    }
    this.known = known;
    this.protectedWords = new Set(protectedWords);
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** A known word for an inflected one: "tuned" -> "tune", "registering" -> "register", "labelled" -> "label". */
  private stem(word: string): string | undefined {
    const candidates: string[] = [];
    for (const [suffix, replacements] of INFLECTIONS) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
      const base = word.slice(0, -suffix.length);
      for (const replacement of replacements) candidates.push(base + replacement);
      // Doubled consonant before the suffix: "labelled", "stopped".
      if (base.length > 3 && base[base.length - 1] === base[base.length - 2]) candidates.push(base.slice(0, -1));
    }
    return candidates.find((candidate) => this.known.has(candidate));
  }

  correct(word: string): string {
    if (word.length < 4 || this.known.has(word) || /\d/.test(word)) return word;
    const remembered = this.memory.get(word);
    if (remembered !== undefined) return remembered;
    const corrected = this.lookUp(word);
    // Bounded, so a stream of random words cannot grow it without limit.
    if (this.memory.size >= MEMORY_LIMIT) this.memory.clear();
    this.memory.set(word, corrected);
    return corrected;
  }

  private lookUp(word: string): string {
    const stemmed = this.stem(word);
    if (stemmed !== undefined) return stemmed;
    if (this.protectedWords.has(word)) return word;
    const limit = word.length <= 8 ? 1 : 2;
    let best = word;
    let bestDistance = limit + 1;
    const candidates = [...(this.byInitial.get(word[0] ?? "") ?? []), ...(this.byInitial.get(word[1] ?? "") ?? [])];
    for (const candidate of candidates) {
      if (candidate.length < 4) continue;
      if (word.length <= 5) {
        // Short words forgive a swapped pair; five-letter ones also one dropped letter after the first ("shadw").
        if (bestDistance > 1 && (isSingleTransposition(word, candidate) || (word.length === 5 && isSingleDrop(word, candidate)))) {
          best = candidate;
          bestDistance = 1;
        }
        continue;
      }
      if (candidate[0] !== word[0] && !isSingleTransposition(word.slice(0, 2), candidate.slice(0, 2))) continue;
      const distance = editDistance(word, candidate, limit);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? best : word;
  }
}
