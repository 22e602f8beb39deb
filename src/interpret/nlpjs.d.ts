/**
 * The few parts of nlp.js (https://github.com/axa-group/nlp.js, v4) the learned classifier uses,
 * typed by hand: the packages ship no declarations.
 */
declare module "@nlpjs/core" {
  /** The plug-in container every nlp.js object is built on. */
  export interface Container {
    use(plugin: unknown): void;
    /** Replaces a named part; "logger" is what nlp.js writes its notices to. */
    register(name: string, value: unknown, isSingleton: boolean): void;
  }
  export function containerBootstrap(): Container;
}

declare module "@nlpjs/nlp" {
  import type { Container } from "@nlpjs/core";

  export interface NlpClassification {
    intent: string;
    score: number;
  }

  export interface NlpResult {
    locale: string;
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }

  export interface NlpSettings {
    container: Container;
    autoSave: boolean;
    autoLoad: boolean;
    nlu: { log: boolean; useNoneFeature: boolean };
  }

  export class Nlp {
    constructor(settings: NlpSettings);
    addLanguage(locales: readonly string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    /** The trained model as JSON text. */
    export(minified: boolean): string;
    import(data: string): void;
    guessLanguage(utterance: string): string | undefined;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}

declare module "@nlpjs/lang-en" {
  export const LangEn: unknown;
}
declare module "@nlpjs/lang-de" {
  export const LangDe: unknown;
}
declare module "@nlpjs/lang-es" {
  export const LangEs: unknown;
}
declare module "@nlpjs/lang-fr" {
  export const LangFr: unknown;
}
declare module "@nlpjs/lang-ja" {
  export const LangJa: unknown;
}
