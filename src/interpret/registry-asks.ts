/**
 * Words about the company's own Model Registry and Feature Store, read as what they ask for:
 * "what versions of churn-xgb do we have?" (the versions), "which version is on churn-prod?"
 * (what an endpoint serves), "compare v1 and v2", "approve churn v2 for prod" (a plan, through
 * the guard), "do we already have a customer tenure feature?" (a feature search). A question
 * about these services in general ("what is the model registry?") is left to the catalogue.
 */
import type { Request } from "./schema.js";

export type RegistryAsk =
  | { kind: "models" | "compare" | "features"; words: string }
  | { kind: "approve" | "reject"; words: string }
  | { kind: "served"; endpoint: string };

/** A version named: `v2`, `version 2`, `churn-xgb/2`, `churn-xgb@latest`. */
const VERSION_NAMED = /(?:^|[\s(])(?:v\d{1,6}|versions?\s+\d{1,6}|[A-Za-z0-9-]+\/(?:\d{1,6}|latest(?:-approved)?)|[A-Za-z0-9-]+@latest(?:-approved)?)\b/i;

/** An approval verb first, after a polite opening: English, German, Spanish, French. */
const APPROVAL_VERB =
  /^(?:(?:please|pls|can you|could you|would you|bitte|por favor|s'il te plaît|s'il vous plaît)\s+)?(approve|reject|genehmige|freigeben|gib|lehne|aprueba|aprobar|rechaza|rechazar|approuve|approuver|rejette|rejeter)\b\s*(.*)$/i;
const REJECTING = /^(reject|lehne|rechaza|rechazar|rejette|rejeter)$/i;

/** A question opening: these ask whether to, they do not ask for it. */
const QUESTION_OPENING = /^(should|shall|do|does|did|why|when|who|is|are|was|were|what|how|sollte|sollen|debería|debo|dois-je|faut-il)\b/i;

const LISTING = /\b(what|which|list|show|how many|do we have|have we|all|our|available|registered|welche|quelles?|cuáles|qué)\b/i;
const VERSION_WORD = /\b(versions?|versionen|versiones)\b/i;
const SERVED = /\bwhich\s+(?:model\s+)?version\s+(?:is\s+)?(?:on|live on|serving|behind|deployed (?:on|to)|running on)\s+([A-Za-z0-9](?:-*[A-Za-z0-9]){0,62})\b/i;
const COMPARE = /\b(compare|comparison|vergleiche|compara|comparer|compare[rz]?)\b|\bv\d+\s+(?:vs\.?|versus|against|or)\s+v\d+\b|\bdiff(?:erence)?\s+between\b/i;
const FEATURE_WORD = /\bfeatures?\b|\bmerkmal|\bcaracter[ií]stica/i;
const FEATURE_LOOKUP = /\b(do we|have we|is there|are there|any|already|exist|existing|find|search|list|show|which|what)\b/i;

function versionsNamed(text: string): number {
  return [...text.matchAll(new RegExp(VERSION_NAMED.source, "gi"))].length;
}

/** What the words ask of the registry or the Feature Store, or undefined when they ask something else. */
export function readRegistryAsk(text: string, request: Pick<Request, "intent" | "services" | "params">): RegistryAsk | undefined {
  const plain = text.trim().replace(/^<@[A-Z0-9]+>\s*/, "");
  const approval = APPROVAL_VERB.exec(plain);
  if (approval?.[1] && VERSION_NAMED.test(` ${approval[2] ?? ""}`)) return { kind: REJECTING.test(approval[1]) ? "reject" : "approve", words: approval[2] ?? "" };
  if (QUESTION_OPENING.test(plain) && /\b(approve|reject)\b/i.test(plain)) return undefined;
  if (COMPARE.test(plain) && versionsNamed(plain) >= 2) return { kind: "compare", words: plain };
  // The interpreter read a status question about a group's versions ("is version 2 of churn-xgb approved yet?").
  if (request.intent === "status" && request.params.modelPackageGroup) return { kind: "models", words: request.params.modelPackageGroup };
  const served = SERVED.exec(plain);
  if (served?.[1]) return { kind: "served", endpoint: served[1] };
  if (VERSION_WORD.test(plain) && LISTING.test(plain) && request.intent !== "deploy" && request.intent !== "train") return { kind: "models", words: plain };
  if (FEATURE_WORD.test(plain) && FEATURE_LOOKUP.test(plain) && (request.intent === "ask" || request.intent === "unknown" || request.intent === "status")) return { kind: "features", words: plain };
  return undefined;
}
