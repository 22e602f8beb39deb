import { containerBootstrap } from "@nlpjs/core";
import { LangDe } from "@nlpjs/lang-de";
import { LangEn } from "@nlpjs/lang-en";
import { LangEs } from "@nlpjs/lang-es";
import { LangFr } from "@nlpjs/lang-fr";
import { LangJa } from "@nlpjs/lang-ja";
import { Nlp, type NlpResult } from "@nlpjs/nlp";
import { IntentId, ServiceId } from "../catalog/ids.js";
import { classifierText } from "./classifier-text.js";
import { CORPUS_LANGUAGES, type CorpusLanguage } from "./corpus.js";
import type { CorpusSpelling } from "./corpus-spelling.js";

/** What the learned classifier makes of one message. */
export interface Classification {
  /** The language it was read in: nlp.js' guess among the corpus languages. */
  locale: CorpusLanguage;
  intent: IntentId;
  /** The classifier's score for that intent, 0 to 1. */
  score: number;
}

const quiet = (): void => {};
const QUIET_LOGGER = { trace: quiet, debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet, fatal: quiet };

/** An nlp.js pipeline with the corpus languages, untrained. */
export function emptyNlp(): Nlp {
  const container = containerBootstrap();
  for (const language of [LangEn, LangDe, LangEs, LangFr, LangJa]) container.use(language);
  // nlp.js writes notices ("contains only stop words") to the console: on `sageops interpret`'s output.
  container.register("logger", QUIET_LOGGER, true);
  const nlp = new Nlp({ container, autoSave: false, autoLoad: false, nlu: { log: false, useNoneFeature: true } });
  nlp.addLanguage(CORPUS_LANGUAGES);
  return nlp;
}

function isCorpusLanguage(locale: string | undefined): locale is CorpusLanguage {
  return (CORPUS_LANGUAGES as readonly string[]).includes(locale ?? "");
}

type LatinLanguage = Exclude<CorpusLanguage, "en" | "ja">;

/**
 * Words and letters of German, Spanish and French that English text does not have: the everyday
 * short words (articles, pronouns, "bitte", "puedes", "merci") and the language's own letters.
 */
const OWN_WORDS: Readonly<Record<LatinLanguage, RegExp>> = {
  de: /(^|[^\p{L}])(der|die|das|den|dem|des|und|ist|sind|nicht|ich|du|wir|ihr|bitte|mit|für|auf|ein|eine|einen|zu|von|wie|wo|welche[rsnm]?|kann|kannst|können|soll|noch|schon|mal|gibt|läuft|laufen|habe|hab|haben|nein|aber|oder|auch|vom|zum|zur|bei|nach|über|unser|unsere|mein|meine|dein|deine|wird|werden|warum|wann|doch|danke|hallo|moin|grad|gerade|leuft|lauft|nochmal|jetzt|starte|stoppe)(?![\p{L}])|[äöüß]/iu,
  es: /(^|[^\p{L}])(el|la|los|las|de|del|que|en|por|para|con|un|una|unos|es|está|están|puedes|puedo|cómo|como|qué|cuál|cuántos|dónde|mi|mis|nuestro|nuestra|hay|se|lo|al|pero|también|muy|gracias|hola|necesito|quiero|hacer|porque|sin|sobre|estado)(?![\p{L}])|[ñ¿¡áíóú]/iu,
  fr: /(^|[^\p{L}])(le|la|les|de|des|du|et|est|pas|je|tu|nous|vous|un|une|pour|avec|sur|que|qui|quoi|quel|quelle|quels|comment|où|mon|ma|mes|notre|nos|il|elle|ce|cette|ça|dans|au|aux|mais|ou|aussi|déjà|très|merci|bonjour|salut|faut|peux|peut|encore|nouveau|nouvelle|stp|svp|été)(?![\p{L}])|[çœèêàâîïôûë]/iu,
};

/**
 * Japanese is told by its script; the others by nlp.js' guess, held to a word or letter of the
 * language guessed: on a short English message ("testing new model on prod traffic safely") the
 * guesser's trigrams often say German or Spanish, and the other languages' classifiers may act.
 */
function localeOf(nlp: Nlp, text: string): CorpusLanguage {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return "ja";
  const guess = nlp.guessLanguage(text);
  const owning = (Object.keys(OWN_WORDS) as LatinLanguage[]).filter((language) => OWN_WORDS[language].test(text));
  // Guessed English, but with no English word and another language's own words ("`x` starten bitte").
  if (!isCorpusLanguage(guess) || guess === "en" || guess === "ja") return owning.length === 1 && !ENGLISH_WORDS.test(text) ? (owning[0] ?? "en") : "en";
  if (OWN_WORDS[guess].test(text)) return guess;
  return owning[0] ?? "en";
}

/** Everyday English words: a message with one of them is not taken from English for another language's words. */
const ENGLISH_WORDS =
  /(^|[^\p{L}])(the|a|an|to|is|are|was|of|for|and|on|in|it|my|me|you|your|please|pls|can|could|what|how|why|when|which|this|that|with|from|we|our|i|do|does|did|not|no|yes|thanks|hey|hi)(?![\p{L}])/iu;

/** A model nlp.js' `export` wrote, loaded, reading the classifier's text with its slips of typing corrected. */
class LoadedModel {
  private constructor(
    readonly nlp: Nlp,
    private readonly spelling?: CorpusSpelling,
  ) {}

  static load(model: string, spelling?: CorpusSpelling): LoadedModel {
    const nlp = emptyNlp();
    nlp.import(model);
    return new LoadedModel(nlp, spelling);
  }

  /** nlp.js' reading of the classifier's text (`classifierText`), in the language given. */
  process(typed: string, locale: CorpusLanguage): Promise<NlpResult> {
    return this.nlp.process(locale, this.spelling?.correct(typed, locale) ?? typed);
  }
}

/** The intent classifier learned from the corpus (nlp.js' neural NLU, one network per language). */
export class IntentClassifier {
  private constructor(private readonly model: LoadedModel) {}

  /** With the corpus's spelling, misspelt words are read as the corpus words they stand for. */
  static load(model: string, spelling?: CorpusSpelling): IntentClassifier {
    return new IntentClassifier(LoadedModel.load(model, spelling));
  }

  /** Reads one message, in the language given or, without one, in the language guessed. */
  async classify(text: string, language?: CorpusLanguage): Promise<Classification> {
    const typed = classifierText(text);
    const locale = language ?? localeOf(this.model.nlp, typed);
    if (typed === "") return { locale, intent: "unknown", score: 1 };
    const result = await this.model.process(typed, locale);
    // nlp.js' "None": nothing it learnt applies (words it never saw). Not a reading, so no weight.
    if (result.intent === "None") return { locale, intent: "unknown", score: 0 };
    const intent = IntentId.safeParse(result.intent);
    return { locale, intent: intent.success ? intent.data : "unknown", score: result.score };
  }
}

/** The service classifier's label for a question about no one service ("can I stop someone else's job?"). */
export const NO_SERVICE = "none";

/** The service a question leads with, or null for one about no one service, and how sure. */
export interface ServiceGuess {
  service: ServiceId | null;
  score: number;
}

/** Which service a question leads with, learned from the corpus's questions (nlp.js, one network per language). */
export class ServiceClassifier {
  private constructor(private readonly model: LoadedModel) {}

  static load(model: string, spelling?: CorpusSpelling): ServiceClassifier {
    return new ServiceClassifier(LoadedModel.load(model, spelling));
  }

  /** Undefined when the text gives it nothing to go on. */
  async classify(text: string, locale: CorpusLanguage): Promise<ServiceGuess | undefined> {
    const typed = classifierText(text);
    if (typed === "") return undefined;
    const result = await this.model.process(typed, locale);
    if (result.intent === NO_SERVICE) return { service: null, score: result.score };
    const service = ServiceId.safeParse(result.intent);
    return service.success ? { service: service.data, score: result.score } : undefined;
  }
}
