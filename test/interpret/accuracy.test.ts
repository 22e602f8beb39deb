import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INTENT_IDS, SERVICE_IDS, STAGE_IDS } from "../../src/catalog/ids.js";
import { type EvaluationReport, evaluate, formatReport, parseLabelledSet, predictAll } from "../../src/interpret/evaluate.js";
import { createOfflineInterpreter } from "../../src/interpret/offline.js";

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

async function reportFor(name: string): Promise<EvaluationReport> {
  const { examples, problems } = parseLabelledSet(fixture(name));
  expect(problems).toEqual([]);
  return evaluate(await predictAll(examples, createOfflineInterpreter()));
}

/** Shows the misses when a bar is not met, so a failure says which utterances regressed. */
function explain(report: EvaluationReport): string {
  return formatReport(report, { misses: 30 }).join("\n");
}

describe("the labelled sets", () => {
  it("cover every intent, stage and service with at least 300 utterances, and the hold-out set with at least 80", () => {
    const { examples } = parseLabelledSet(fixture("intents.jsonl"));
    expect(examples.length).toBeGreaterThanOrEqual(300);
    expect(new Set(examples.map((example) => example.intent))).toEqual(new Set(INTENT_IDS));
    expect(new Set(examples.map((example) => example.stage).filter((stage) => stage !== null))).toEqual(new Set(STAGE_IDS));
    expect(new Set(examples.map((example) => example.service).filter((service) => service !== null))).toEqual(new Set(SERVICE_IDS));
    const holdout = parseLabelledSet(fixture("intents-holdout.jsonl")).examples;
    expect(holdout.length).toBeGreaterThanOrEqual(80);
    const seen = new Set(examples.map((example) => example.text));
    expect(holdout.filter((example) => seen.has(example.text))).toEqual([]);
  });

  it("include a fresh set of Slack-style phrasings, written apart from the others, that covers every intent, stage and service", () => {
    const fresh = parseLabelledSet(fixture("intents-fresh.jsonl"));
    expect(fresh.problems).toEqual([]);
    expect(fresh.examples.length).toBeGreaterThanOrEqual(150);
    expect(new Set(fresh.examples.map((example) => example.intent))).toEqual(new Set(INTENT_IDS));
    expect(new Set(fresh.examples.map((example) => example.stage).filter((stage) => stage !== null))).toEqual(new Set(STAGE_IDS));
    expect(new Set(fresh.examples.map((example) => example.service).filter((service) => service !== null))).toEqual(new Set(SERVICE_IDS));
    const earlier = new Set(
      [...parseLabelledSet(fixture("intents.jsonl")).examples, ...parseLabelledSet(fixture("intents-holdout.jsonl")).examples].map((example) => example.text),
    );
    expect(fresh.examples.filter((example) => earlier.has(example.text)).map((example) => example.text)).toEqual([]);
  });
});

// The fresh set alone is over 1,000 lines through both classifiers.
describe("interpreter accuracy", { timeout: 120_000 }, () => {
  it("reads the main labelled set with intent and stage accuracy of at least 99%", async () => {
    const report = await reportFor("intents.jsonl");
    expect(report.intentAccuracy, explain(report)).toBeGreaterThanOrEqual(0.99);
    expect(report.stageAccuracy, explain(report)).toBeGreaterThanOrEqual(0.99);
    expect(report.serviceAccuracy, explain(report)).toBeGreaterThanOrEqual(0.99);
  });

  it("generalises to the hold-out phrasings with at least 98% intent and stage accuracy", async () => {
    const report = await reportFor("intents-holdout.jsonl");
    expect(report.intentAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
    expect(report.stageAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
    expect(report.serviceAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
  });

  it("reads terse, abbreviated, polite, passive and multi-sentence Slack messages with intent accuracy of at least 95%", async () => {
    const report = await reportFor("intents-fresh.jsonl");
    // The figures are worth seeing even when the bar is met: they show how much room is left.
    console.log(formatReport(report, { misses: 0 }).slice(0, 5).join("\n"));
    expect(report.intentAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
    expect(report.stageAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
    expect(report.serviceAccuracy, explain(report)).toBeGreaterThanOrEqual(0.98);
  });

  it("never turns a hostile or out-of-scope line of any set into an action", async () => {
    const lines = [
      ...parseLabelledSet(fixture("intents.jsonl")).examples,
      ...parseLabelledSet(fixture("intents-holdout.jsonl")).examples,
      ...parseLabelledSet(fixture("intents-fresh.jsonl")).examples,
    ];
    const unknown = lines.filter((example) => example.intent === "unknown");
    const scored = await predictAll(unknown, createOfflineInterpreter());
    const actions = scored.filter(({ prediction }) => ["train", "tune", "deploy", "stop", "pipeline"].includes(prediction.intent));
    expect(actions.map(({ example }) => example.text.slice(0, 80))).toEqual([]);
  });
});
