import { type IntentId, MUTATING_INTENTS } from "../catalog/ids.js";
import { ownValue } from "../kernel/lookup.js";
import type { CompiledLexicon } from "./compiled.js";
import type { Shape } from "./cues.js";
import { type Inventory, NO_INVENTORY } from "./inventory.js";
import {
  GREETINGS,
  LEADING_PHRASES,
  LEADING_VERBS,
  NEGATIONS,
  POLITE_ANYWHERE,
  POLITE_REQUEST_PREFIXES,
  QUESTION_OPENERS,
  REQUEST_PREFIXES,
  WH_OPENERS,
} from "./lexicon.js";
import { type ChannelRef, unwrapSlackText } from "./slack-text.js";
import { shapeOf, type Token, tokenize, withKnownNames } from "./tokens.js";

/** Only this much of a message is analysed; a longer paste is read, but never as an action. */
const ANALYSED_CHARS = 1000;
const LONGEST_ACTION_CHARS = 1000;

/** Everything the classifiers need to know about one message, computed once. */
export interface Utterance {
  /** The message after Slack formatting was undone, trimmed. */
  clean: string;
  channels: ChannelRef[];
  tokens: Token[];
  shape: Shape;
  /** Index of the first token after "please", "can you", "/sageops"... */
  start: number;
  /** The intent named by the first content word, if it is a verb we know. */
  leadingIntent?: Exclude<IntentId, "unknown">;
  /** "can you ..." / "please ...": a request even when it ends with "?". */
  polite: boolean;
  question: boolean;
  /** A question asked after a clause ("…, what's the cheapest way"), whatever the message opened with. */
  laterQuestion: boolean;
  /** Only greetings and the bot's name. */
  greetingOnly: boolean;
  /** Too long to be taken as an instruction. */
  long: boolean;
  /** Opens with a negation ("don't deploy ... yet"): never an instruction to act. */
  negated: boolean;
  /** Tells what someone does as a habit ("we retrain churn-xgb every week"): never an instruction to act. */
  habitual: boolean;
  /** Nothing but a mention of the bot ("<@U0SAGEOPS>"): a call for attention. */
  mentionOnly: boolean;
  /** Opens with "help me ..." ("help me choose an instance type"): a request for advice, not for the help text. */
  helpPrefixed: boolean;
}

const DO_QUESTION_SUBJECTS = new Set(["i", "we", "you", "they", "it", "my", "our", "the", "sagemaker", "this", "that", "these", "those", "models", "endpoints"]);

function singleWord(token: Token | undefined): string | undefined {
  return token?.kind === "word" && token.words.length === 1 ? token.words[0] : undefined;
}

/** "we retrain churn-xgb every week": what a team does as a habit is told, not asked for. */
const HABIT =
  /^(we|i|they|(our|the) (\S+ )?team)( (usually|always|normally|typically|currently|still|already))? (?!need|want|should|must|have|gotta|would|will|can|could|might|may|wanna)\S+ (.* )?(every (day|week|night|month|morning|evening|sprint|quarter|hour|monday|friday|release)|weekly|daily|nightly|monthly|hourly|each (day|week|night|month|sprint)|regularly|once a (day|week|month))( |$)/;

/** A wh-question after a comma, a colon or a sentence: the message asks, whatever came before. */
const LATER_QUESTION = /([,;:.!?]|\s[—–-]{1,2})\s+(and |but |so |btw |also )?(what|whats|where|wheres|how|hows|which|why|who)( |$)/;

const SPLIT_PHRASES = new Map<string, readonly string[]>();

/** Length, in tokens, of a word phrase found at `index`, or 0. */
function phraseAt(tokens: readonly Token[], index: number, phrase: string): number {
  let words = SPLIT_PHRASES.get(phrase);
  if (words === undefined) {
    words = phrase.split(" ");
    SPLIT_PHRASES.set(phrase, words);
  }
  for (let offset = 0; offset < words.length; offset += 1) {
    if (singleWord(tokens[index + offset]) !== words[offset]) return 0;
  }
  return words.length;
}

function containsPhrase(tokens: readonly Token[], phrases: readonly string[]): boolean {
  for (let index = 0; index < tokens.length; index += 1) {
    if (phrases.some((phrase) => phraseAt(tokens, index, phrase) > 0)) return true;
  }
  return false;
}

export function analyse(text: string, lexicon: CompiledLexicon, inventory: Inventory = NO_INVENTORY): Utterance {
  const long = text.length > LONGEST_ACTION_CHARS;
  const { text: unwrapped, channels } = unwrapSlackText(text.slice(0, ANALYSED_CHARS).normalize("NFKC"));
  const clean = unwrapped.trim();
  const mentionOnly = clean === "" && /<@[A-Z0-9]+(\|[^>]*)?>/.test(text);
  const tokens = withKnownNames(tokenize(clean, lexicon.speller), inventory, lexicon.speller);
  const shape = lexicon.index.shape(shapeOf(tokens));

  let start = 0;
  let polite = false;
  let helpPrefixed = false;
  for (let progressed = true; progressed; ) {
    progressed = false;
    for (const prefix of REQUEST_PREFIXES) {
      const length = phraseAt(tokens, start, prefix);
      // Never strip the whole message: "help" or "ask" alone must stay.
      if (length > 0 && start + length < tokens.length) {
        if (POLITE_REQUEST_PREFIXES.includes(prefix)) polite = true;
        if (prefix.startsWith("help ")) helpPrefixed = true;
        start += length;
        progressed = true;
        break;
      }
    }
  }

  let negated = false;
  for (const negation of NEGATIONS) {
    const length = phraseAt(tokens, start, negation);
    if (length > 0 && start + length < tokens.length) {
      negated = true;
      start += length;
      break;
    }
  }

  let leadingIntent: Exclude<IntentId, "unknown"> | undefined;
  for (const [phrase, intent] of LEADING_PHRASES) {
    if (phraseAt(tokens, start, phrase) > 0) {
      leadingIntent = intent;
      break;
    }
  }
  const firstWord = singleWord(tokens[start]);
  if (leadingIntent === undefined && firstWord !== undefined) leadingIntent = ownValue(LEADING_VERBS, firstWord);

  // "do I need ...?" asks; "do an hpo run for ..." instructs.
  const auxiliaryOnly = firstWord === "do" && !DO_QUESTION_SUBJECTS.has(singleWord(tokens[start + 1]) ?? "");
  // "we need to score 30M rows weekly, what's the cheapest way": a question after a clause of context.
  const laterQuestion = LATER_QUESTION.test(clean.toLowerCase().replace(/[’']/g, ""));
  // An action's verb opening the message makes it a command even with a question after it ("retrain churn-xgb,
  // how long will it take?"); an imperative, that is, not a gerund naming the subject ("training and the endpoint compute it differently, where …").
  const opensWithCommand = start === 0 && leadingIntent !== undefined && MUTATING_INTENTS.has(leadingIntent) && !firstWord?.endsWith("ing");
  const question = (firstWord !== undefined && QUESTION_OPENERS.has(firstWord) && !auxiliaryOnly) || clean.endsWith("?") || (laterQuestion && !opensWithCommand);
  // "the model is approved. can it be deployed to churn-staging pls?" is a request; "how do I deploy, pls?" is not.
  if (!polite && !WH_OPENERS.has(singleWord(tokens[0]) ?? "") && containsPhrase(tokens, POLITE_ANYWHERE)) polite = true;
  // Emoji and punctuation around a greeting ("hi 👋") do not make it more than a greeting.
  const wordTokens = tokens.filter((token) => token.kind !== "other");
  const greetingOnly =
    wordTokens.length > 0 && wordTokens.every((token) => token.kind === "word" && token.words.every((word) => GREETINGS.has(word)));
  const habitual = start === 0 && HABIT.test(shape.text);
  return { clean, channels, tokens, shape, start, leadingIntent, polite, question, laterQuestion, greetingOnly, long, negated, habitual, helpPrefixed, mentionOnly };
}
