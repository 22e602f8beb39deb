import { z } from "zod";
import { INTENT_IDS, IntentId, MUTATING_INTENTS, ServiceId, StageId } from "../catalog/ids.js";
import { CorpusLine } from "./corpus.js";
import type { Interpreter, Request } from "./schema.js";

/**
 * One line of the labelled set. Labelling conventions:
 * - `ask`: `stage` is the stage of the service the answer leads with (null for the lifecycle as a
 *   whole, for the raw-data scenario, and for comparisons across stages); `service` is that service
 *   (the one the context favours in a comparison, else the first named; the stage's lead service for
 *   a question about a stage; `data-wrangler` for the scenario; null for the lifecycle).
 * - actions: train/tune -> training, deploy -> deployment (batch-transform for batch, else the
 *   endpoint kind), drift -> monitoring, pipeline -> orchestration.
 * - status/stop: the stage and service of the resource kind the text names ("the tuning job",
 *   "churn-prod" as an endpoint); null when it only gives a job name.
 * - help/unknown: null and null.
 */
export const LabelledExample = z.object({
  text: z.string(),
  intent: IntentId,
  stage: StageId.nullable(),
  service: ServiceId.nullable(),
  /** The corpus' language tag; the English sets have none. */
  lang: z.string().optional(),
});
export type LabelledExample = z.infer<typeof LabelledExample>;

interface LabelledSetProblem {
  line: number;
  message: string;
}

/** A line of the labelled sets, or of the corpus (`services` best first, `lang`) as the sets' shape. */
function labelledLine(value: unknown): ReturnType<typeof LabelledExample.safeParse> {
  const corpus = CorpusLine.safeParse(value);
  if (corpus.success) return LabelledExample.safeParse({ ...corpus.data, service: corpus.data.services[0] ?? null });
  return LabelledExample.safeParse(value);
}

/** Reads a JSON-lines labelled set (or corpus); blank lines are skipped, bad lines reported with their number. */
export function parseLabelledSet(content: string): { examples: LabelledExample[]; problems: LabelledSetProblem[] } {
  const examples: LabelledExample[] = [];
  const problems: LabelledSetProblem[] = [];
  content.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: index + 1, message: "not valid JSON" });
      return;
    }
    const parsed = labelledLine(value);
    if (parsed.success) examples.push(parsed.data);
    else problems.push({ line: index + 1, message: parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ") });
  });
  return { examples, problems };
}

export type Prediction = Pick<Request, "intent" | "stage" | "services">;

export interface Scored {
  example: LabelledExample;
  prediction: Prediction;
}

export interface Miss extends Scored {
  wrong: ("intent" | "stage" | "service")[];
}

export interface EvaluationReport {
  total: number;
  intentAccuracy: number;
  stageAccuracy: number;
  /** First service equals the label; a null label expects no services. */
  serviceAccuracy: number;
  /** confusion[expected][predicted] = count. */
  confusion: Record<IntentId, Record<IntentId, number>>;
  misses: Miss[];
}

function emptyConfusion(): Record<IntentId, Record<IntentId, number>> {
  const matrix = {} as Record<IntentId, Record<IntentId, number>>;
  for (const expected of INTENT_IDS) {
    const row = {} as Record<IntentId, number>;
    for (const predicted of INTENT_IDS) row[predicted] = 0;
    matrix[expected] = row;
  }
  return matrix;
}

/** Scores predictions against their labels. Pure: the tests and `sageops eval` share it. */
export function evaluate(scored: readonly Scored[]): EvaluationReport {
  const confusion = emptyConfusion();
  const misses: Miss[] = [];
  let intentHits = 0;
  let stageHits = 0;
  let serviceHits = 0;
  for (const item of scored) {
    const { example, prediction } = item;
    const wrong: Miss["wrong"] = [];
    confusion[example.intent][prediction.intent] += 1;
    if (example.intent === prediction.intent) intentHits += 1;
    else wrong.push("intent");
    if (example.stage === prediction.stage) stageHits += 1;
    else wrong.push("stage");
    const firstService = prediction.services[0] ?? null;
    if (example.service === firstService) serviceHits += 1;
    else wrong.push("service");
    if (wrong.length > 0) misses.push({ ...item, wrong });
  }
  const total = scored.length;
  const ratio = (hits: number): number => (total === 0 ? 0 : hits / total);
  return { total, intentAccuracy: ratio(intentHits), stageAccuracy: ratio(stageHits), serviceAccuracy: ratio(serviceHits), confusion, misses };
}

/** The report per language ("en" for lines without a tag), languages in order of first appearance. */
export function evaluateByLanguage(scored: readonly Scored[]): Map<string, EvaluationReport> {
  const groups = new Map<string, Scored[]>();
  for (const item of scored) {
    const lang = item.example.lang ?? "en";
    const group = groups.get(lang) ?? [];
    group.push(item);
    groups.set(lang, group);
  }
  return new Map([...groups].map(([lang, group]) => [lang, evaluate(group)]));
}

/** Gold questions, out-of-scope and hostile lines (ask, unknown, help) read as an action: never to rise. */
export function questionsTurnedIntoActions(scored: readonly Scored[]): Scored[] {
  return scored.filter(({ example, prediction }) => ["ask", "unknown", "help"].includes(example.intent) && MUTATING_INTENTS.has(prediction.intent));
}

/** One line per language: intent, stage and first-service accuracy. */
export function formatLanguages(reports: ReadonlyMap<string, EvaluationReport>): string[] {
  return [...reports].map(
    ([lang, report]) =>
      `  ${lang.padEnd(3)} n=${String(report.total).padStart(4)}  intent ${percent(report.intentAccuracy).padStart(6)}  stage ${percent(report.stageAccuracy).padStart(6)}  first service ${percent(report.serviceAccuracy).padStart(6)}`,
  );
}

/** Runs an interpreter over labelled examples, one at a time, in order. */
export async function predictAll(examples: readonly LabelledExample[], interpreter: Interpreter): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const example of examples) {
    const request = await interpreter.interpret(example.text);
    scored.push({ example, prediction: { intent: request.intent, stage: request.stage, services: request.services } });
  }
  return scored;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function shorten(text: string, width: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** The report as readable lines: accuracies, the confusion matrix of intents, then the misses. */
export function formatReport(report: EvaluationReport, options: { misses?: number } = {}): string[] {
  const lines = [
    `examples: ${report.total}`,
    `intent accuracy:      ${percent(report.intentAccuracy)}`,
    `stage accuracy:       ${percent(report.stageAccuracy)}`,
    `top-service accuracy: ${percent(report.serviceAccuracy)}`,
    "",
    "confusion matrix (rows: expected intent, columns: predicted):",
  ];
  const width = Math.max(...INTENT_IDS.map((id) => id.length)) + 1;
  const cell = (value: string): string => value.padStart(width);
  lines.push(`${"".padEnd(width)}${INTENT_IDS.map((id) => cell(id)).join("")}`);
  for (const expected of INTENT_IDS) {
    const row = report.confusion[expected];
    lines.push(`${expected.padEnd(width)}${INTENT_IDS.map((predicted) => cell(row[predicted] === 0 ? "." : String(row[predicted]))).join("")}`);
  }
  const shown = report.misses.slice(0, options.misses ?? 20);
  if (shown.length > 0) {
    lines.push("", `misses (${report.misses.length}${shown.length < report.misses.length ? `, first ${shown.length}` : ""}):`);
    for (const miss of shown) {
      const { example, prediction } = miss;
      lines.push(
        `- ${JSON.stringify(shorten(example.text, 90))}: expected ${example.intent}/${example.stage ?? "-"}/${example.service ?? "-"}, got ${prediction.intent}/${prediction.stage ?? "-"}/${prediction.services[0] ?? "-"}`,
      );
    }
  }
  return lines;
}
