/**
 * Typing slips forgiven before the learned classifiers read a message ("kanst du … trainiren",
 * "abbrechn"): each word the corpus of its language never uses is corrected to one it does, within
 * the English speller's tolerance (fuzzy.ts). The classifiers only know the corpus's words, so a
 * misspelt one would otherwise count for nothing. German, Spanish and French only: Japanese is
 * written without spaces, and English has the rules.
 */
import { classifierText } from "./classifier-text.js";
import type { CorpusLanguage, CorpusLine } from "./corpus.js";
import { Speller } from "./fuzzy.js";

const WORD = /\p{L}+/gu;

export class CorpusSpelling {
  private constructor(private readonly spellers: ReadonlyMap<CorpusLanguage, Speller>) {}

  /** Each language's words, with the English lines' words too: people mix English terms into every language. */
  static fromCorpus(lines: readonly CorpusLine[]): CorpusSpelling {
    const words = new Map<CorpusLanguage, Set<string>>();
    const english = new Set<string>();
    for (const line of lines) {
      const found = classifierText(line.text).match(WORD) ?? [];
      const into = line.lang === "en" ? english : (words.get(line.lang) ?? new Set<string>());
      for (const word of found) into.add(word);
      if (line.lang !== "en") words.set(line.lang, into);
    }
    // English is left to the rules' own speller (fuzzy.ts, with the lexicon's protected words): corrected to
    // the corpus's words alone, a German or Spanish word guessed to be English becomes an English one.
    const spellers = new Map<CorpusLanguage, Speller>();
    for (const [language, own] of words) if (language !== "ja") spellers.set(language, new Speller([...own, ...english], []));
    return new CorpusSpelling(spellers);
  }

  /** The classifier's text (`classifierText`) with its unknown words corrected, in the language given. */
  correct(text: string, language: CorpusLanguage): string {
    const speller = this.spellers.get(language);
    if (!speller) return text;
    return text.replace(WORD, (word) => speller.correct(word));
  }
}
