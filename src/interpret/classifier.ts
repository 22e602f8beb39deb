import { containerBootstrap } from "@nlpjs/core";
import { LangDe } from "@nlpjs/lang-de";
import { LangEn } from "@nlpjs/lang-en";
import { LangEs } from "@nlpjs/lang-es";
import { LangFr } from "@nlpjs/lang-fr";
import { LangJa } from "@nlpjs/lang-ja";
import { Nlp } from "@nlpjs/nlp";
import { IntentId } from "../catalog/ids.js";
import { classifierText } from "./classifier-text.js";
import { CORPUS_LANGUAGES, type CorpusLanguage } from "./corpus.js";

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

/** Japanese is told by its script; the others by nlp.js' guess. */
function localeOf(nlp: Nlp, text: string): CorpusLanguage {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return "ja";
  const guess = nlp.guessLanguage(text);
  return isCorpusLanguage(guess) ? guess : "en";
}

/** The intent classifier learned from the corpus (nlp.js' neural NLU, one network per language). */
export class IntentClassifier {
  private constructor(private readonly nlp: Nlp) {}

  /** A classifier from the JSON text `export` wrote. */
  static load(model: string): IntentClassifier {
    const nlp = emptyNlp();
    nlp.import(model);
    return new IntentClassifier(nlp);
  }

  /** Reads one message, in the language given or, without one, in the language guessed. */
  async classify(text: string, language?: CorpusLanguage): Promise<Classification> {
    const input = classifierText(text);
    const locale = language ?? localeOf(this.nlp, input);
    if (input === "") return { locale, intent: "unknown", score: 1 };
    const result = await this.nlp.process(locale, input);
    const intent = IntentId.safeParse(result.intent);
    return { locale, intent: intent.success ? intent.data : "unknown", score: result.score };
  }
}
