import fs from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { BUILTIN_POLICY } from "./builtin-policy.js";
import { checkConsistency, type RawProblem } from "./policy-consistency.js";
import { type Policy, PolicySchema } from "./policy-schema.js";
import { knownKeysAt } from "./schema-keys.js";
import { closestMatch } from "./suggest.js";
import { locate } from "./yaml-locate.js";

export { BUILTIN_POLICY } from "./builtin-policy.js";
export type { BlueGreen, EnvironmentPolicy, HyperparameterRange, Policy, Recipe } from "./policy-schema.js";

/** One thing wrong with a policy file, where it is, and what is wrong, in words. */
export interface PolicyProblem {
  /** Dotted path in the file, e.g. "environments.prod.maxInstanceCount" or "roles.engineers.users[1]"; "" for the file as a whole. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : text === "" ? String(segment) : `${text}.${String(segment)}`), "");
}

function byLine(a: PolicyProblem, b: PolicyProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

const TYPE_NAMES: Record<string, string> = {
  object: "a section",
  record: "a section",
  array: "a list",
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
};

/** zod's own wording ("Too big: expected number to be <=100") said the way a policy author reads it. */
function messageFor(issue: z.core.$ZodIssue, exists: boolean): string {
  switch (issue.code) {
    case "invalid_key":
      return issue.issues[0]?.message ?? issue.message;
    case "invalid_type": {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (!exists) return `is required (${expected})`;
      return issue.message.startsWith("Invalid input") ? `must be ${expected}` : issue.message;
    }
    case "too_big":
      return issue.message.startsWith("Too big") ? `must be at most ${String(issue.maximum)}` : issue.message;
    case "too_small":
      return issue.message.startsWith("Too small") ? `must be at least ${String(issue.minimum)}` : issue.message;
    case "invalid_value":
      return issue.message.startsWith("Invalid option") ? `must be one of ${issue.values.map(String).join(", ")}` : issue.message;
    default:
      return issue.message;
  }
}

/** Parses and checks a policy file's text: every problem, with its path and line, or the policy. */
export function parsePolicy(text: string): PolicyResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ path: "", line: lines.linePos(error.pos[0]).line, message: `not valid YAML: ${error.message.split("\n")[0] ?? error.code}` })),
    };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library throws on an alias to no anchor, and on aliases that expand past maxAliasCount (an alias bomb).
    if (error instanceof ReferenceError) return { ok: false, problems: [{ path: "", message: `not valid YAML: ${error.message}` }] };
    throw error;
  }
  if (value === null || value === undefined) return { ok: false, problems: [{ path: "", line: 1, message: "the file is empty; policy.example.yml shows a complete policy" }] };

  const at = (path: readonly PropertyKey[], message: string): PolicyProblem => {
    const where = locate(doc, lines, path);
    return { path: formatPath(path), line: where.line, message };
  };

  const parsed = PolicySchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): PolicyProblem[] => {
      if (issue.code === "unrecognized_keys") {
        const known = knownKeysAt(PolicySchema, issue.path);
        return issue.keys.map((key) => {
          const suggestion = closestMatch(key, known);
          const hint = suggestion ? `; did you mean ${suggestion}?` : known.length > 0 ? ` (known here: ${known.join(", ")})` : "";
          return at([...issue.path, key], `unknown key "${key}"${hint}`);
        });
      }
      return [at(issue.path, messageFor(issue, locate(doc, lines, issue.path).exists))];
    });
    return { ok: false, problems: problems.sort(byLine) };
  }

  const problems = checkConsistency(parsed.data).map((problem: RawProblem) => at(problem.path, problem.message));
  if (problems.length > 0) return { ok: false, problems: problems.sort(byLine) };
  return { ok: true, policy: parsed.data };
}

/** Reads and checks a policy file. A missing or unreadable file is one problem naming it. */
export function loadPolicy(path: string): PolicyResult {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    return { ok: false, problems: [{ path: "", message: code === "ENOENT" ? `no such file: ${path}` : `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parsePolicy(text);
}

type PolicySource = "file" | "builtin";

/**
 * The policy in force at start-up: the file, or the built-in policy when the default path has
 * no file. A path given explicitly (SAGEOPS_POLICY) must exist.
 */
export function resolvePolicy(options: { path: string; explicit: boolean }): ({ ok: true; policy: Policy; source: PolicySource }) | { ok: false; problems: PolicyProblem[] } {
  if (!options.explicit && !fs.existsSync(options.path)) return { ok: true, policy: BUILTIN_POLICY, source: "builtin" };
  const result = loadPolicy(options.path);
  return result.ok ? { ...result, source: "file" } : result;
}
