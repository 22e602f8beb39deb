import type { IntentId } from "../catalog/ids.js";
import { ownValue } from "../kernel/lookup.js";
import type { Utterance } from "./analysis.js";
import { isEndpointLikeName, isJobLikeName, type Token, type TokenKind } from "./tokens.js";

type DeployMode = "realtime" | "batch" | "rollback";

/** A message in the slash-command form: "train churn-xgb data=s3://... env=dev". */
interface CommandForm {
  intent: Exclude<IntentId, "unknown">;
  deployMode?: DeployMode;
  /** The tokens, with bare positional words re-read as names. */
  tokens: Token[];
}

const COMMAND_VERBS: Readonly<Record<string, Exclude<IntentId, "unknown">>> = {
  train: "train", tune: "tune", deploy: "deploy", rollback: "deploy", status: "status", stop: "stop", drift: "drift",
  pipeline: "pipeline", help: "help",
};

/** Words a command may carry besides its arguments. */
const ARGUMENT_WORDS = new Set([
  "to", "on", "onto", "into", "batch", "realtime", "start", "run", "execute", "trigger", "with", "and", "please", "pls", "now",
  "in", "of", "env", "dev", "staging", "prod", "production", "for", "version", "latest", "approved", "immediately", "status", "stop", "cancel",
]);
const ARGUMENT_KINDS = new Set<TokenKind>(["s3", "instance", "kv", "ref", "job", "endpoint", "name", "ident", "channel", "number", "duration", "size", "times"]);
const NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})$/;
/** Words that would name everything rather than one resource. */
const NOT_A_NAME = new Set(["all", "everything", "every", "it", "them", "that", "this", "the", "me", "us", "jobs", "endpoints"]);

function word(token: Token | undefined): string | undefined {
  return token?.kind === "word" && token.words.length === 1 ? token.words[0] : undefined;
}

function asName(token: Token): Token {
  const kind: TokenKind = isJobLikeName(token.raw) ? "job" : isEndpointLikeName(token.raw) ? "endpoint" : "name";
  return { ...token, kind, words: [] };
}

/** Words joining a version to where it goes, in the corpus languages ("->" and "→" read as "to"). */
const TERSE_JOINS = new Set(["to", "onto", "on", "into", "auf", "nach", "a", "en", "sur", "vers"]);
/** Words a terse deploy may end with. */
const TERSE_COURTESY = new Set(["please", "now", "asap", "thanks", "thx", "ya", "bitte", "stp", "svp", "lol", "go"]);
const ENVIRONMENT_WORDS = new Set(["prod", "staging", "dev"]);

function isVersion(tokens: readonly Token[], at: number): number {
  const token = tokens[at];
  if (token?.kind === "ref") return 1;
  const bare = word(token);
  if (bare !== undefined && /^v\d+$/.test(bare)) return 1;
  return bare === "version" && tokens[at + 1]?.kind === "number" ? 2 : 0;
}

function isTarget(token: Token | undefined): boolean {
  return token?.kind === "endpoint" || ENVIRONMENT_WORDS.has(word(token) ?? "");
}

/**
 * The terse deploy people type: "v3 -> churn-dev", "churn-prod <- v3 pls", "version 2 to prod": a
 * version and where it goes, nothing else but a courtesy word.
 */
function readTerseDeploy(tokens: readonly Token[], start: number): CommandForm | undefined {
  let end = tokens.length;
  while (end > start && TERSE_COURTESY.has(word(tokens[end - 1]) ?? "")) end -= 1;
  const version = isVersion(tokens, start);
  const forward = version > 0 && end === start + version + 2 && TERSE_JOINS.has(word(tokens[start + version]) ?? "") && isTarget(tokens[start + version + 1]);
  const backward = isTarget(tokens[start]) && tokens[start + 1]?.raw === "<-" && isVersion(tokens, start + 2) === end - start - 2 && end - start > 2;
  return forward || backward ? { intent: "deploy", deployMode: "realtime", tokens: [...tokens] } : undefined;
}

const MODEL_VERSION_WORD = /^v\d+$/;

/**
 * Reads the slash-command form: a command verb first, then only arguments (key=value pairs, names,
 * S3 locations, instance types, a few joining words). One bare word right after the verb is a
 * positional name ("stop myjob"). Anything else is left to the natural-language reading.
 */
export function readCommandForm(utterance: Utterance): CommandForm | undefined {
  const { tokens, start } = utterance;
  // "v3 on churn-dev?" asks what is there.
  const terse = utterance.question ? undefined : readTerseDeploy(tokens, start);
  if (terse) return terse;
  const verb = word(tokens[start]);
  if (verb === undefined) return undefined;
  let intent = ownValue(COMMAND_VERBS, verb);
  if (intent === undefined) return undefined;
  let deployMode: DeployMode | undefined = verb === "rollback" ? "rollback" : undefined;
  let cursor = start + 1;
  const subcommand = word(tokens[cursor]);
  if (verb === "pipeline" && subcommand !== undefined) {
    if (["start", "run", "execute", "trigger"].includes(subcommand)) cursor += 1;
    else if (subcommand === "status") {
      intent = "status";
      cursor += 1;
    } else if (subcommand === "stop" || subcommand === "cancel") {
      intent = "stop";
      cursor += 1;
    }
  }
  if (verb === "deploy" && subcommand === "batch") {
    deployMode = "batch";
    cursor += 1;
  }
  if (intent === "deploy" && deployMode === undefined) deployMode = "realtime";

  const retagged = tokens.map((token) => ({ ...token }));
  let positionalTaken = false;
  for (let index = cursor; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) continue;
    if (ARGUMENT_KINDS.has(token.kind)) {
      positionalTaken = true;
      continue;
    }
    const bare = word(token);
    if (bare !== undefined && ARGUMENT_WORDS.has(bare)) continue;
    // "deploy v2 to churn-staging": a version, which the policy resolves to its group, not a group called "v2".
    if (intent === "deploy" && bare !== undefined && MODEL_VERSION_WORD.test(bare)) continue;
    if (!positionalTaken && index === cursor && NAME_PATTERN.test(token.raw) && intent !== "help" && !NOT_A_NAME.has(bare ?? "")) {
      retagged[index] = asName(token);
      positionalTaken = true;
      continue;
    }
    return undefined;
  }
  const form: CommandForm = { intent, tokens: retagged };
  if (deployMode !== undefined) form.deployMode = deployMode;
  return form;
}
