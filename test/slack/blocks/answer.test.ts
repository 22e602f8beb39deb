import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { type Answer, composeAnswer, composeCapabilities, composeLifecycle, composeScenario } from "../../../src/catalog/answer.js";
import { allStages, getService } from "../../../src/catalog/catalog.js";
import { SERVICE_IDS, STAGE_IDS } from "../../../src/catalog/ids.js";
import { interpretOffline } from "../../../src/interpret/offline.js";
import { renderAnswer } from "../../../src/slack/blocks/answer.js";

function everything(rendered: { text: string; blocks: KnownBlock[] }): string {
  return `${rendered.text}\n${JSON.stringify(rendered.blocks)}`;
}

/** Every Block Kit limit an answer could break. */
function expectWithinLimits(rendered: { text: string; blocks: KnownBlock[] }): void {
  expect(rendered.blocks.length).toBeGreaterThan(0);
  expect(rendered.blocks.length).toBeLessThanOrEqual(50);
  expect(rendered.text.length).toBeGreaterThan(0);
  for (const block of rendered.blocks) {
    if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === "section") {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(10);
  }
}

const answerFor = (question: string): Answer => composeAnswer(interpretOffline(question));

describe("answer rendering", () => {
  it("tells someone asking about drift to use Model Monitor, with its doc link and the availability note, in blocks and fallback text", () => {
    const rendered = renderAnswer(answerFor("which service detects data drift?"));
    const monitor = getService("model-monitor");
    expect(everything(rendered)).toContain(monitor.docUrl);
    expect(rendered.text).toContain("SageMaker Model Monitor");
    expect(rendered.text).toContain(monitor.docUrl);
    expect(rendered.text).toMatch(/no longer open to new customers/);
    expect(rendered.text).toMatch(/new AWS account would use instead/);
    expect(JSON.stringify(rendered.blocks)).toContain("model-monitor-availability-change.html");
    expect(JSON.stringify(rendered.blocks)).toContain("Monitoring");
    expectWithinLimits(rendered);
  });

  it("shows the stage, why, the alternative and its link for a plain service question", () => {
    const rendered = renderAnswer(answerFor("what does Data Wrangler do?"));
    const shown = everything(rendered);
    expect(shown).toContain("Data preparation");
    expect(shown).toContain("Choose it when");
    expect(shown).toContain("Alternative");
    expect(shown).toContain(getService("processing").docUrl);
    expect(rendered.text).toContain(getService("data-wrangler").docUrl);
    expect(shown).not.toMatch(/no longer open/);
  });

  it("lays out all six stages with their canonical services and links for the lifecycle map", () => {
    const rendered = renderAnswer(composeLifecycle());
    for (const stage of allStages()) {
      expect(rendered.text).toContain(stage.name);
      for (const id of stage.canonical) expect(everything(rendered)).toContain(getService(id).docUrl);
    }
    expect(rendered.blocks.filter((block) => block.type === "section")).toHaveLength(STAGE_IDS.length);
    expectWithinLimits(rendered);
  });

  it("shows both sides of a comparison and when each is the better pick", () => {
    const rendered = renderAnswer(answerFor("serverless inference or real-time endpoint for an internal tool used a few times a day?"));
    expect(rendered.blocks[0]).toMatchObject({ type: "header" });
    expect(rendered.text).toContain("SageMaker Serverless Inference");
    expect(rendered.text).toContain("SageMaker real-time endpoints");
    expect(rendered.text.match(/the better pick when/g)).toHaveLength(2);
    expect(rendered.text).toContain(getService("serverless-inference").docUrl);
  });

  it("walks the classic scenario in order and flags Model Monitor's availability after deployment", () => {
    const rendered = renderAnswer(composeScenario());
    const positions = ["data-wrangler", "sagemaker-training", "automatic-model-tuning", "model-registry", "realtime-endpoint", "model-monitor", "pipelines"].map((id) =>
      rendered.text.indexOf(getService(id as (typeof SERVICE_IDS)[number]).name),
    );
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
    expect(rendered.text).toMatch(/Model Monitor is closed to new customers/);
    expectWithinLimits(rendered);
  });

  it("answers text it cannot place with a short, polite list of what it can do", () => {
    const rendered = renderAnswer(composeCapabilities());
    expect(rendered.text).toMatch(/^Sorry/);
    expect(rendered.text).toMatch(/drift/);
    expect(rendered.blocks.length).toBeLessThanOrEqual(3);
  });

  it("stays within Block Kit's limits for every service, every stage and every pair of services", () => {
    for (const id of SERVICE_IDS) expectWithinLimits(renderAnswer(composeAnswer({ intent: "ask", stage: null, services: [id], params: { question: "service" } })));
    for (const stage of STAGE_IDS) expectWithinLimits(renderAnswer(composeAnswer({ intent: "ask", stage, services: [], params: { question: "stage" } })));
    for (const first of SERVICE_IDS) {
      for (const second of SERVICE_IDS) {
        if (first === second) continue;
        expectWithinLimits(renderAnswer(composeAnswer({ intent: "ask", stage: null, services: [first, second], params: { question: "compare" } })));
      }
    }
  });
});
