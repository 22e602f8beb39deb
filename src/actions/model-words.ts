/**
 * Model versions as people name them after a verb: `churn-xgb/2`, `churn-xgb@latest`, "churn v2",
 * "v1 and v2" (in the one group there is), "churn-xgb versions 1 and 2", with "for prod" or
 * `env=prod`, and whatever follows as a note ("approve churn-xgb/2 offline AUC checked").
 */
import { closestMatch } from "../guard/suggest.js";
import { Environment } from "../interpret/schema.js";
import { fail, ok, type Result } from "../kernel/result.js";
import { type ModelRef, parseModelSpec } from "./model-versions.js";

export interface ModelWords {
  refs: ModelRef[];
  environment?: string;
  /** The words after the versions, as typed. */
  note?: string;
}

/** Words before or between the versions that say nothing about them. */
const FILLER = new Set(["please", "pls", "the", "model", "models", "version", "versions", "of", "and", "with", "vs", "vs.", "versus", "to", "against", "group", "&", "plus"]);
const ENV_WORDS = new Set(["for", "in", "on", "to"]);

/** A word as a group's name: exact, else the one group it starts or is part of, else none. */
function groupNamed(word: string, groups: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const exact = groups.find((g) => g.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.length < 3) return undefined;
  const partial = groups.filter((g) => g.toLowerCase().startsWith(lower) || g.toLowerCase().split("-").includes(lower));
  return partial.length === 1 ? partial[0] : undefined;
}

function versionNumber(word: string): number | undefined {
  const match = /^(?:v|version|#)?(\d{1,6})$/i.exec(word);
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * The versions named in `text`, against the groups that exist; a problem when a group cannot be
 * told. `scan` reads a whole sentence ("how does v2 compare to v1?"), keeping no note.
 */
export function readModelWords(text: string, groups: readonly string[], environments: readonly string[], options: { scan?: boolean } = {}): Result<ModelWords> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const refs: ModelRef[] = [];
  let group: string | undefined;
  let environment: string | undefined;
  let index = 0;
  const pending: number[] = [];
  const flush = (): boolean => {
    if (pending.length === 0) return true;
    const owner = group ?? (groups.length === 1 ? groups[0] : undefined);
    if (!owner) return false;
    for (const version of pending.splice(0)) refs.push({ group: owner, version });
    return true;
  };
  for (; index < words.length; index++) {
    const raw = words[index] ?? "";
    const word = raw.replace(/[,;:!?]+$/, "").replace(/\.$/, "");
    const lower = word.toLowerCase();
    if (lower.startsWith("env=")) {
      environment = lower.slice(4);
      continue;
    }
    if (ENV_WORDS.has(lower) && environments.includes((words[index + 1] ?? "").replace(/[,;:!?.]+$/, "").toLowerCase())) {
      environment = (words[index + 1] ?? "").replace(/[,;:!?.]+$/, "").toLowerCase();
      index++;
      continue;
    }
    if (FILLER.has(lower)) continue;
    const number = versionNumber(word);
    if (number !== undefined) {
      pending.push(number);
      continue;
    }
    if (word.includes("/") || word.includes("@")) {
      const spec = parseModelSpec(word);
      if (!spec.ok) return spec;
      if (!flush()) break;
      group = spec.value.group;
      refs.push(spec.value);
      continue;
    }
    const named = groupNamed(word, groups);
    if (named) {
      // "v2 of churn-xgb": versions named before any group belong to the first one named.
      group ??= named;
      if (!flush()) break;
      group = named;
      continue;
    }
    // In a sentence, words around the versions are passed over; after a command, the first such word starts the note.
    if (options.scan) continue;
    break;
  }
  if (!flush()) {
    const suggestion = closestMatch(words[0] ?? "", groups);
    return fail({ what: "Which model group do you mean?", fix: `Name it with the version, e.g. \`${suggestion ?? groups[0] ?? "churn-xgb"}/2\`. Groups: ${groups.map((g) => `\`${g}\``).join(", ") || "none yet"}.` });
  }
  // A group named without a version: its newest approved, as /deploy reads it.
  if (refs.length === 0 && group) refs.push({ group, version: "latest-approved" });
  if (environment !== undefined && !Environment.safeParse(environment).success) return fail({ what: `\`${environment}\` is not an environment name.`, fix: `Environments: ${environments.join(", ")}.` });
  const note = options.scan ? "" : words.slice(index).join(" ").trim();
  return ok({ refs, ...(environment ? { environment } : {}), ...(note ? { note } : {}) });
}
