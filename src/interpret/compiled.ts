import { allServices } from "../catalog/catalog.js";
import { INTENT_IDS, type IntentId, SERVICE_IDS, type ServiceId, STAGE_IDS, type StageId } from "../catalog/ids.js";
import { type CompiledCue, CueIndex, compileCue, compileCues, vocabularyOf } from "./cues.js";
import { Speller } from "./fuzzy.js";
import * as lexicon from "./lexicon.js";

type ActiveIntent = Exclude<IntentId, "unknown">;

/** The lexicon compiled once: phrase patterns, and the speller built from their words. */
export interface CompiledLexicon {
  intents: Readonly<Record<ActiveIntent, readonly CompiledCue[]>>;
  serviceNames: Readonly<Record<ServiceId, readonly CompiledCue[]>>;
  serviceCues: Readonly<Record<ServiceId, readonly CompiledCue[]>>;
  stages: Readonly<Record<StageId, readonly CompiledCue[]>>;
  domain: readonly CompiledCue[];
  lifecycle: readonly CompiledCue[];
  stageQuestion: readonly CompiledCue[];
  compare: readonly CompiledCue[];
  rawData: readonly CompiledCue[];
  scenarioSpan: readonly CompiledCue[];
  newAccount: readonly CompiledCue[];
  foreignPlatforms: readonly CompiledCue[];
  foreignTools: readonly CompiledCue[];
  batch: readonly CompiledCue[];
  rollback: readonly CompiledCue[];
  startVerbs: readonly CompiledCue[];
  startObjects: Readonly<Partial<Record<ActiveIntent, readonly CompiledCue[]>>>;
  resourceNouns: readonly (readonly [cue: CompiledCue, service: ServiceId])[];
  speller: Speller;
  index: CueIndex;
}

function perKey<K extends string>(keys: readonly K[], build: (key: K) => CompiledCue[]): Record<K, CompiledCue[]> {
  const result = {} as Record<K, CompiledCue[]>;
  for (const key of keys) result[key] = build(key);
  return result;
}

function nameCues(id: ServiceId): CompiledCue[] {
  const service = allServices().find((entry) => entry.id === id);
  const aliases = new Set(service?.aliases ?? []);
  return compileCues([...aliases].map((alias) => [alias, lexicon.GENERIC_ALIASES[alias] ?? lexicon.NAME_WEIGHT] as const));
}

function build(): CompiledLexicon {
  const activeIntents = INTENT_IDS.filter((id): id is ActiveIntent => id !== "unknown");
  const intents = perKey(activeIntents, (id) => compileCues(lexicon.INTENT_CUES[id]));
  const serviceNames = perKey(SERVICE_IDS, nameCues);
  const serviceCues = perKey(SERVICE_IDS, (id) => compileCues(lexicon.SERVICE_CUES[id]));
  const stages = perKey(STAGE_IDS, (id) => compileCues(lexicon.STAGE_CUES[id]));
  const startObjects: Partial<Record<ActiveIntent, CompiledCue[]>> = {};
  for (const [intent, phrases] of Object.entries(lexicon.START_OBJECTS) as [ActiveIntent, readonly string[]][]) {
    startObjects[intent] = compileCues(phrases.map((phrase) => [phrase, 1] as const));
  }
  const compiled = {
    intents,
    serviceNames,
    serviceCues,
    stages,
    domain: compileCues(lexicon.DOMAIN_CUES),
    lifecycle: compileCues(lexicon.LIFECYCLE_CUES),
    stageQuestion: compileCues(lexicon.STAGE_QUESTION_CUES),
    compare: compileCues(lexicon.COMPARE_CUES),
    rawData: compileCues(lexicon.RAW_DATA_CUES),
    scenarioSpan: compileCues(lexicon.SCENARIO_SPAN_CUES),
    newAccount: compileCues(lexicon.NEW_ACCOUNT_CUES),
    foreignPlatforms: compileCues(lexicon.FOREIGN_PLATFORM_CUES),
    foreignTools: compileCues(lexicon.FOREIGN_TOOL_CUES),
    batch: compileCues(lexicon.BATCH_CUES),
    rollback: compileCues(lexicon.ROLLBACK_CUES),
    startVerbs: compileCues(lexicon.START_VERBS.map((phrase) => [phrase, 1] as const)),
    startObjects,
    resourceNouns: lexicon.RESOURCE_NOUNS.map(([phrase, service]) => [compileCue([phrase, 1]), service] as const),
  };
  const allCues: CompiledCue[] = [
    ...Object.values(intents).flat(),
    ...Object.values(serviceNames).flat(),
    ...Object.values(serviceCues).flat(),
    ...Object.values(stages).flat(),
    ...compiled.domain,
    ...compiled.lifecycle,
    ...compiled.stageQuestion,
    ...compiled.compare,
    ...compiled.rawData,
    ...compiled.scenarioSpan,
    ...compiled.startVerbs,
    ...Object.values(startObjects).flat(),
    ...compiled.newAccount,
    ...compiled.foreignPlatforms,
    ...compiled.foreignTools,
    ...compiled.batch,
    ...compiled.rollback,
    ...compiled.resourceNouns.map(([cue]) => cue),
  ];
  const vocabulary = new Set<string>([
    // Other products' names are recognised as typed, never made targets of spelling correction.
    ...vocabularyOf(allCues.filter((cue) => !compiled.foreignPlatforms.includes(cue) && !compiled.foreignTools.includes(cue))),
    ...Object.keys(lexicon.LEADING_VERBS),
    ...lexicon.REQUEST_PREFIXES.flatMap((prefix) => prefix.split(" ")),
    ...lexicon.QUESTION_OPENERS,
    ...lexicon.GREETINGS,
    ...Object.keys(lexicon.KNOWN_HYPERPARAMETERS).flatMap((name) => name.split(" ")),
    "dev", "development", "staging", "prod", "production", "version", "latest", "approved", "instances", "instance", "trials",
    "parallel", "minutes", "hours", "seconds", "days", "pipeline", "endpoint", "recipe", "input", "output",
  ]);
  return { ...compiled, speller: new Speller(vocabulary, lexicon.PROTECTED_WORDS), index: new CueIndex(allCues) };
}

/** Built on first use; pure data, so sharing it is safe. */
let cached: CompiledLexicon | undefined;
export function compiledLexicon(): CompiledLexicon {
  cached ??= build();
  return cached;
}
