import type { Speller } from "./fuzzy.js";
import type { Inventory, KnownKind } from "./inventory.js";
import { ABBREVIATIONS, COMPOUND_PARTS, LEADING_VERBS, START_VERBS } from "./lexicon.js";
import { PIPELINE_RUN_ARN } from "./schema.js";

/**
 * What a chunk of text is. Resource-looking chunks get a kind of their own so that cue phrases can
 * speak of them ("roll _endpoint_ back") without memorising names.
 */
export type TokenKind =
  | "word" // plain word(s), lower case, spelling corrected
  | "s3" // s3://bucket/key
  | "instance" // ml.m5.xlarge
  | "kv" // key=value
  | "ref" // model reference: group/3, group@latest-approved, group:3
  | "job" // a name that carries a timestamp, e.g. churn-xgb-20261126-1015
  | "endpoint" // a name ending like an endpoint, e.g. churn-prod
  | "name" // any other resource-like name: churn-xgb, churn-retrain
  | "ident" // snake_case identifier, e.g. max_depth
  | "channel" // #name
  | "number"
  | "duration" // 2h, 90m, 1h30m
  | "size" // 500MB, 1gb
  | "times" // x2
  | "other";

export interface Token {
  kind: TokenKind;
  /** As typed, punctuation trimmed (case kept, possessive 's removed). */
  raw: string;
  /** Words contributed to the shape string. */
  words: string[];
  /** Offset of the token among all tokens. */
  index: number;
  key?: string;
  value?: string;
  /** What the inventory knows this name as (src/interpret/inventory.ts), when it knows it. */
  known?: readonly KnownKind[];
  /** The name as typed, when the inventory corrected a slip in it (`raw` is then the name it knows). */
  typed?: string;
}

/** The class token a kind contributes to the shape string (plain words contribute themselves). */
const CLASS_TOKEN: Readonly<Partial<Record<TokenKind, string>>> = {
  s3: "_s3_",
  instance: "_inst_",
  kv: "_kv_",
  ref: "_ref_",
  job: "_job_",
  endpoint: "_endpoint_",
  name: "_name_",
  ident: "_ident_",
  channel: "_chan_",
  number: "_num_",
  duration: "_dur_",
  size: "_size_",
  times: "_times_",
};

const ENDPOINT_SUFFIX = /-(prod|production|staging|stage|dev|development|test|qa|live|endpoint|ep)$/i;
const JOB_LIKE = /\d{6,}|-\d{4,}$/;
const FRENCH_INVERSION = /^[a-zàâçéèêëîïôûùüÿœ]+(-t)?-(il|elle|on|tu|vous|nous|ils|elles|je|ce|moi|toi|lui|leur|y|en)$/i;
const NAME_SHAPE = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** The second part of a hyphenated word that describes a kind ("BERT-ish", "GPT-style"), never a resource's name. */
const DESCRIBING_SUFFIX = new Set(["ish", "like", "style", "based", "esque", "type", "flavoured", "flavored", "sized"]);
/** Words that may appear inside hyphenated compounds ("end-to-end", "built-in") without making them names. */
const COMPOUND_GLUE = new Set(["to", "in", "of", "a", "the", "on", "pre", "re", "co", "non", "by", "up", ...COMPOUND_PARTS]);

export function isEndpointLikeName(name: string): boolean {
  return ENDPOINT_SUFFIX.test(name);
}

export function isJobLikeName(name: string): boolean {
  return JOB_LIKE.test(name);
}

const CONTRACTIONS = new Set(["what's", "that's", "it's", "how's", "where's", "who's", "there's", "here's", "let's", "he's", "she's", "when's", "why's"]);

function trimPunctuation(chunk: string): string {
  // Spanish opens a question or an exclamation with ¿ and ¡ ("¿churn-prod está bien?").
  let text = chunk.replace(/^[("'[{“‘«`*_~¿¡]+/, "");
  if (text.startsWith("s3://")) return text.replace(/[)"'\]},.;:!?”’»]+$/, "");
  text = text.replace(/[)"'\]},.;:!?”’»…`*_~]+$/, "");
  // A possessive 's goes ("churn-xgb's", "sagemaker's"); a contraction stays ("what's" reads "whats").
  return CONTRACTIONS.has(text.toLowerCase().replace("’", "'")) ? text : text.replace(/['’]s$/i, "");
}

/** Lower-case words of a plain chunk, apostrophes dropped ("what's" -> "whats"). */
function plainWords(chunk: string): string[] {
  return chunk
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Chat shorthand spelt out ("hyperparams" -> "hyperparameters", "rn" -> "right now", "tbh" -> nothing). */
function expand(words: readonly string[]): string[] {
  const expanded: string[] = [];
  for (const word of words) {
    const long = Object.hasOwn(ABBREVIATIONS, word) ? ABBREVIATIONS[word] : undefined;
    if (long === undefined) expanded.push(word);
    else if (long !== "") expanded.push(...long.split(" "));
  }
  return expanded;
}

const JOB_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:(training-job|hyper-parameter-tuning-job)\/([A-Za-z0-9-]{1,63})$/;

/**
 * What an ARN pasted from the console names: a training or tuning job by its name, a pipeline's
 * run by the whole ARN (the stop and status of a run take it as it is).
 */
function jobOfArn(chunk: string): string | undefined {
  if (PIPELINE_RUN_ARN.test(chunk)) return chunk;
  return JOB_ARN.exec(chunk)?.[2];
}

/** Verbs a request opens with, one word each ("kick" of "kick off"). */
const REQUEST_VERBS: ReadonlySet<string> = new Set([...Object.keys(LEADING_VERBS), ...START_VERBS.map((verb) => verb.split(" ")[0] ?? verb), "restart"]);

/** The verb of a gerund's stem ("runn" → "run", "restart" → "restart", "tun" → "tune"), when it is a request's verb. */
function verbOfGerund(stem: string): string | undefined {
  const undoubled = /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem;
  return [stem, undoubled, `${stem}e`].find((candidate) => REQUEST_VERBS.has(candidate));
}

const DURATION = /^(\d+(\.\d+)?(h|hr|hrs|m|min|mins|d|s)|\d+h\d+m)$/i;

const PLAIN_WORD = /^[A-Za-z]+(['’][A-Za-z]+)?$/;

function classify(chunk: string, index: number, speller: Speller): Token {
  // Most chunks are plain words: settle them first, cheaply, before the resource patterns.
  if (PLAIN_WORD.test(chunk)) return { raw: chunk, index, kind: "word", words: expand(plainWords(chunk)).map((word) => speller.correct(word)) };
  const base = { raw: chunk, index };
  const lower = chunk.toLowerCase();
  if (lower.startsWith("s3://")) return { ...base, kind: "s3", words: [] };
  const job = jobOfArn(chunk);
  if (job !== undefined) return { ...base, raw: job, kind: "job", words: [] };
  if (/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(lower)) return { ...base, raw: lower, kind: "instance", words: [] };
  const pair = /^([A-Za-z_][\w.-]{0,63})=(\S+)$/.exec(chunk);
  if (pair?.[1] !== undefined && pair[2] !== undefined) return { ...base, kind: "kv", words: [], key: pair[1], value: pair[2] };
  if (/^#[a-z0-9][a-z0-9._-]{0,79}$/i.test(chunk)) return { ...base, kind: "channel", words: [] };
  // A model group is named with a letter: "24/7", "10/12" and "24h/24" are no references.
  const group = chunk.split(/[/@:]/)[0] ?? "";
  if (/^[A-Za-z0-9][\w-]*(\/\d+|@[\w-]+|:\d+)$/.test(chunk) && /[A-Za-z]/.test(group) && !DURATION.test(group)) return { ...base, kind: "ref", words: [] };
  if (/^\d+(\.\d+)?$/.test(chunk)) return { ...base, kind: "number", words: [] };
  if (DURATION.test(chunk)) return { ...base, kind: "duration", words: [] };
  if (/^\d+(\.\d+)?\s?(kb|mb|gb|tb)$/i.test(chunk)) return { ...base, kind: "size", words: [] };
  if (/^[x×]\d{1,3}$/i.test(chunk)) return { ...base, kind: "times", words: [] };
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/i.test(chunk)) return { ...base, kind: "ident", words: [] };
  // French joins a verb and its pronoun ("serait-il", "peux-tu", "est-ce"): a word, not a name.
  if (FRENCH_INVERSION.test(chunk)) return { ...base, kind: "word", words: plainWords(chunk) };
  // A name has a letter: "8-10" (minutes) is a range.
  if (/[-_]/.test(chunk) && NAME_SHAPE.test(chunk) && /[A-Za-z]/.test(chunk)) {
    const parts = lower.split("-");
    const compound = parts.every((part) => COMPOUND_GLUE.has(part) || speller.isKnown(speller.correct(part)));
    if (compound) return { ...base, kind: "word", words: parts.map((part) => speller.correct(part)) };
    // "BERT-ish", "xgboost-like", "GPT-style": a kind of thing described, not a resource's name.
    if (parts.length === 2 && DESCRIBING_SUFFIX.has(parts[1] ?? "")) return { ...base, kind: "word", words: plainWords(chunk) };
    if (isJobLikeName(chunk)) return { ...base, kind: "job", words: [] };
    if (isEndpointLikeName(chunk)) return { ...base, kind: "endpoint", words: [] };
    return { ...base, kind: "name", words: [] };
  }
  if (/^[A-Za-z0-9]+[0-9][A-Za-z0-9]*$/.test(chunk) && /[a-z]/i.test(chunk) && NAME_SHAPE.test(chunk)) {
    // Letters and digits together ("v2", "ml5") are words people type, not resources.
    return { ...base, kind: "word", words: plainWords(chunk) };
  }
  const words = expand(plainWords(chunk)).map((word) => speller.correct(word));
  return { ...base, kind: words.length > 0 ? "word" : "other", words };
}

/** Splits text into typed tokens. A leading slash ("/train") is dropped: the Slack layer passes commands as text. */
export function tokenize(text: string, speller: Speller): Token[] {
  const chunks = text
    .replace(/[—–]/g, " ")
    .replace(/\s&\s/g, " and ")
    // An arrow between a model and an endpoint reads "to": "churn-xgb/2 → churn-staging".
    .replace(/\s(→|->|=>|➜|➡️?|⇒|⟶|-->)\s/gu, " to ")
    // "mind re-running churn-retrain?", "mind spinning up another tuning run?": a polite request of the verb.
    .replace(/(^|\s)mind (re-?)?([a-z]+)ing\b/gi, (whole, space: string, again: string | undefined, stem: string) => {
      const verb = verbOfGerund(stem.toLowerCase());
      return verb === undefined ? whole : `${space}mind please ${again ? "re" : ""}${verb}`;
    })
    // "hyper parameter", "hyper-parameters" are the one word.
    .replace(/(^|\s)hyper[\s-]+param/gi, "$1hyperparam")
    // "sub-50ms", "<50ms" and "~50ms" are under that many milliseconds.
    .replace(/(^|\s)(?:sub-?|<|≤|~)(\d+(?:\.\d+)?)\s?ms(?=\s|[,.;!?]|$)/gi, "$1under $2 ms")
    // "50ms" is a number of milliseconds, as "50 ms" is.
    .replace(/(^|\s)(\d+(?:\.\d+)?)(ms)(?=\s|[,.;!?]|$)/gi, "$1$2 $3")
    // "w/o" and "w/" at the start of a word are shorthand; inside a path they are not.
    .replace(/(^|\s)w\/o(?=\s|$)/gi, "$1without")
    .replace(/(^|\s)w\/(?=\s|[A-Za-z0-9])/gi, "$1with ")
    // Japanese writes names and URIs against its own characters ("。churn-retrain を", "s3://b/k/の全件"): apart, they are tokens.
    .replace(/([\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60])(?=[\x21-\x7e])/g, "$1 ")
    .replace(/([\x21-\x7e])(?=[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60])/g, "$1 ")
    .split(/[\s,;]+/)
    .map((chunk) => trimPunctuation(chunk))
    .filter((chunk) => chunk.length > 0);
  if (chunks[0]?.startsWith("/")) chunks[0] = chunks[0].slice(1);
  const tokens: Token[] = [];
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const token = classify(chunk, tokens.length, speller);
    // Filler shorthand ("tbh", "fyi") leaves nothing to read.
    if (token.kind === "word" && token.words.length === 0) continue;
    tokens.push(token);
  }
  return tokens;
}

function shapeParts(token: Token): readonly string[] {
  const classToken = CLASS_TOKEN[token.kind];
  return classToken !== undefined ? [classToken] : token.words;
}

/** The shape string cue phrases match against: words, and class tokens for everything else. */
export function shapeOf(tokens: readonly Token[]): string {
  return tokens.flatMap(shapeParts).join(" ");
}

/** Where the token at `index` begins in the shape string (`shapeOf`). */
export function shapeOffsetOf(tokens: readonly Token[], index: number): number {
  const before = tokens.slice(0, index).flatMap(shapeParts);
  return before.length === 0 ? 0 : before.join(" ").length + 1;
}

const JOB_KINDS: ReadonlySet<KnownKind> = new Set(["training-job", "tuning-job", "transform-job", "pipeline-execution"]);

/**
 * Two words typed with a space where a known name has a hyphen ("retrain churn xgb", "churn retrain
 * pipeline run"): the one name the inventory knows.
 */
function joinedKnownNames(tokens: readonly Token[], inventory: Inventory): Token[] {
  const joined: Token[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at];
    const next = tokens[at + 1];
    if (token === undefined) continue;
    const words = token.kind === "word" && next?.kind === "word" && token.words.length === 1 && next.words.length === 1;
    const name = words ? `${token.raw}-${next.raw}`.toLowerCase() : "";
    if (words && inventory.kindsOf(name).length > 0) {
      joined.push({ kind: "name", raw: name, words: [], index: token.index });
      at += 1;
      continue;
    }
    joined.push(token);
  }
  // Offsets stay positions in the list: parameters read a token's neighbours by them.
  return joined.length === tokens.length ? joined : joined.map((token, index) => ({ ...token, index }));
}

/**
 * The kind a name has because the inventory knows it, not because of how it looks: a known endpoint
 * is an endpoint even without "-prod", a known job a job even without a timestamp. A name known as
 * several things (a recipe and a model package group) keeps the kind its shape gave it. Plain
 * dictionary words are never taken for names ("train" stays a verb even if a pipeline is called that).
 */
export function withKnownNames(tokens: readonly Token[], inventory: Inventory, speller: Speller): Token[] {
  return joinedKnownNames(tokens, inventory).map((token) => {
    const nameLike = token.kind === "name" || token.kind === "endpoint" || token.kind === "job";
    const unknownWord = token.kind === "word" && token.words.length === 1 && /^[a-z][a-z0-9]{3,}$/i.test(token.raw) && !speller.isKnown(token.raw.toLowerCase());
    if (!nameLike && !unknownWord) return token;
    const exact = inventory.kindsOf(token.raw);
    // "lance churn-retrian": a name the inventory knows, mistyped, is that name (a plan shows it before anything runs).
    const corrected = exact.length === 0 && nameLike ? inventory.closestName?.(token.raw) : undefined;
    const known = corrected === undefined ? exact : inventory.kindsOf(corrected);
    if (known.length === 0) return token;
    const refined = corrected === undefined ? { ...token, known, words: [] } : { ...token, raw: corrected, typed: token.raw, known, words: [] };
    if (known.every((kind) => JOB_KINDS.has(kind))) return { ...refined, kind: "job" };
    if (known.every((kind) => kind === "endpoint")) return { ...refined, kind: "endpoint" };
    if (known.includes("endpoint") || known.some((kind) => JOB_KINDS.has(kind))) return nameLike ? refined : { ...refined, kind: "name" };
    return { ...refined, kind: "name" };
  });
}

/** The text with the names the inventory corrected written as it knows them ("churn-retarin start" → "churn-retrain start"). */
export function withCorrectedNames(text: string, tokens: readonly Token[]): string {
  return tokens.reduce((corrected, token) => (token.typed === undefined ? corrected : corrected.split(token.typed).join(token.raw)), text);
}

/** A name no source knows ("nightly-refresh", "basket-rec"). */
export function isUnknownName(token: Token): boolean {
  return token.kind === "name" && token.known === undefined;
}

/** The names no source knows, as typed. */
export function unknownNames(tokens: readonly Token[]): string[] {
  return tokens.filter(isUnknownName).map((token) => token.raw);
}
