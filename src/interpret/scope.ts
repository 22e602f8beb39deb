import type { Utterance } from "./analysis.js";
import type { CompiledLexicon } from "./compiled.js";
import { matches, score } from "./cues.js";
import { UNSUPPORTED_VERBS } from "./lexicon.js";
import type { TokenKind } from "./tokens.js";

/** Verbs that ask for access or rights to be changed, when they speak of access. */
const ACCESS_VERBS = new Set(["give", "grant", "add", "change", "modify", "attach", "update", "make", "set", "mark"]);
const ACCESS_WORDS = /\b(admin|administrator|iam|permissions?|access|privileges?|rights|role's|s3:\S*|policy to|as approved|approved in)(\b|$)/i;
/** Verbs that ask for a service quota to change, when they speak of one. */
const QUOTA_VERBS = new Set(["raise", "bump", "increase", "lift", "up", "extend", "request", "get"]);
const QUOTA_WORDS = /\b(quotas?|service limits?|limit increase|account limits?)\b/i;

/** Tokens that can only be one of our resources. */
const STRONG_KINDS = new Set<TokenKind>(["ref", "job", "endpoint", "s3", "instance"]);
/** A catalogue name at least this strong is SageMaker speaking for itself ("data wrangler", not "endpoint"). */
const OWN_NAME_WEIGHT = 2.5;

/**
 * "how do I set up a vertex ai endpoint on gcp": another platform's question, whatever ML words it
 * uses, unless it also speaks of SageMaker, AWS or one of our services (then it is a comparison).
 */
export function aboutOtherPlatform(utterance: Utterance, lexicon: CompiledLexicon): boolean {
  const { shape } = utterance;
  if (score(lexicon.foreignPlatforms, shape) === 0) return false;
  if (shape.words.has("sagemaker") || shape.words.has("aws")) return false;
  return !namesOwnService(utterance, lexicon);
}

/** A service of the catalogue named by its own name ("data wrangler", "model monitor"), not a generic word. */
export function namesOwnService(utterance: Utterance, lexicon: CompiledLexicon): boolean {
  return Object.values(lexicon.serviceNames).some((cues) => cues.some((cue) => cue.weight >= OWN_NAME_WEIGHT && matches(cue, utterance.shape)));
}

/** A later clause asking for an operation the bot never offers, after a comma or a sentence. */
const UNSUPPORTED_LATER = new RegExp(
  `[,.;!]\\s*(and\\s+|so\\s+|then\\s+)?(please\\s+|pls\\s+|just\\s+|go ahead and\\s+|(can|could|would) (you|u)\\s+(please\\s+)?)?(${[...UNSUPPORTED_VERBS].join("|")}|tear down)\\b`,
  "i",
);

/** "delete churn-prod", "drop the endpoint": an operation the bot never offers, asked for outright. */
export function asksUnsupportedOperation(utterance: Utterance): boolean {
  const opener = utterance.tokens[utterance.start];
  if (opener?.kind !== "word" || opener.words.length !== 1) return false;
  const verb = opener.words[0] ?? "";
  const next = utterance.tokens[utterance.start + 1];
  // "tear down churn-staging" takes it away: a delete.
  if (UNSUPPORTED_VERBS.has(verb) || (verb === "tear" && next?.kind === "word" && next.words[0] === "down")) return true;
  // "since v1 is never coming back, please delete the churn-dev endpoint": asked for in a later clause.
  if (UNSUPPORTED_LATER.test(utterance.clean)) return true;
  // "give me admin on the sagemaker account", "add s3:PutObject to the training role's IAM policy": access we never change.
  // The verb as typed: the speller may have taken "change" for another word.
  if ((ACCESS_VERBS.has(verb) || ACCESS_VERBS.has(opener.raw.toLowerCase())) && ACCESS_WORDS.test(utterance.clean)) return true;
  // "raise our sagemaker quota for ml.p3 instances to 8": a service quota is AWS Support's to change, not ours.
  return QUOTA_VERBS.has(verb) && QUOTA_WORDS.test(utterance.clean);
}

/** "start the jenkins pipeline": another tool's build, job or app, unless one of our resources is named outright. */
export function aboutOtherTool(utterance: Utterance, lexicon: CompiledLexicon): boolean {
  return score(lexicon.foreignTools, utterance.shape) > 0 && !utterance.tokens.some((token) => STRONG_KINDS.has(token.kind));
}
