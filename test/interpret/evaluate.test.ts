import { describe, expect, it } from "vitest";
import { evaluate, formatReport, parseLabelledSet, type Scored } from "../../src/interpret/evaluate.js";

const scored: Scored[] = [
  { example: { text: "train churn-xgb", intent: "train", stage: "training", service: "sagemaker-training" }, prediction: { intent: "train", stage: "training", services: ["sagemaker-training"] } },
  { example: { text: "what is batch transform?", intent: "ask", stage: "deployment", service: "batch-transform" }, prediction: { intent: "ask", stage: "deployment", services: ["realtime-endpoint", "batch-transform"] } },
  { example: { text: "help", intent: "help", stage: null, service: null }, prediction: { intent: "unknown", stage: null, services: [] } },
  { example: { text: "status", intent: "status", stage: null, service: null }, prediction: { intent: "status", stage: "training", services: ["sagemaker-training"] } },
];

describe("scoring an interpreter against labels", () => {
  it("counts intent, stage and first-service hits, a null service label expecting no services", () => {
    const report = evaluate(scored);
    expect(report.total).toBe(4);
    expect(report.intentAccuracy).toBe(0.75);
    expect(report.stageAccuracy).toBe(0.75);
    expect(report.serviceAccuracy).toBe(0.5);
    expect(report.misses.map((miss) => [miss.example.text, miss.wrong])).toEqual([
      ["what is batch transform?", ["service"]],
      ["help", ["intent"]],
      ["status", ["stage", "service"]],
    ]);
  });

  it("builds a confusion matrix of expected against predicted intents", () => {
    const { confusion } = evaluate(scored);
    expect(confusion.help.unknown).toBe(1);
    expect(confusion.train.train).toBe(1);
    expect(confusion.help.help).toBe(0);
  });

  it("prints the accuracies, a row per intent and the misses as readable lines", () => {
    const lines = formatReport(evaluate(scored));
    expect(lines).toContain("intent accuracy:      75.0%");
    expect(lines.find((line) => line.startsWith("help"))).toMatch(/^help\s+(\.\s+)+1\s*$/);
    expect(lines.some((line) => line.includes('"help": expected help/-/-, got unknown/-/-'))).toBe(true);
  });

  it("reports bad lines of a labelled set by number and keeps the good ones", () => {
    const { examples, problems } = parseLabelledSet(['{"text":"hi","intent":"help","stage":null,"service":null}', "not json", '{"text":"x","intent":"dance","stage":null,"service":null}', ""].join("\n"));
    expect(examples).toHaveLength(1);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3]);
  });
});
