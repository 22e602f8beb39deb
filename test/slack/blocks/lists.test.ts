import { describe, expect, it } from "vitest";
import { renderHomeStatus, renderStatusAnswer } from "../../../src/slack/blocks/status.js";
import type { TrainingStatus } from "../../../src/watch/status.js";
import type { ResourceView } from "../../../src/watch/view.js";

const NOW = new Date("2026-11-26T12:00:00Z");

/** A finished training job whose name is as long as SageMaker allows (63 characters). */
function finishedJob(i: number): ResourceView {
  const name = `churn-xgb-with-a-very-long-experiment-name-20261126-${String(i).padStart(6, "0")}-ab`.slice(0, 63);
  const status: TrainingStatus = { type: "training-job", name, status: "Completed", phase: "succeeded", startedAt: "2026-11-26T09:00:00.000Z", endedAt: "2026-11-26T10:00:00.000Z", timeline: [], metrics: [] };
  return { resource: { type: "training-job", name }, region: "us-east-1", status, finishedAt: "2026-11-26T10:00:00.000Z", tracking: { requester: "U0ENGINEER", channel: "C0MLOPS" } };
}

/** Every section's text: each within 3000 characters, and every link in it whole. */
function sectionTexts(blocks: readonly unknown[]): string[] {
  return blocks.flatMap((block) => {
    const text = (block as { type?: string; text?: { text?: string } }).text?.text;
    return (block as { type?: string }).type === "section" && text !== undefined ? [text] : [];
  });
}

function expectWhole(texts: string[]): void {
  for (const text of texts) {
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).not.toContain("…");
    expect((text.match(/</g) ?? []).length).toBe((text.match(/>/g) ?? []).length);
  }
}

describe("lists that fit", () => {
  it("100 runs of a pipeline: whole lines in sections under the limit, and how many more", () => {
    const views = Array.from({ length: 100 }, (_, i) => finishedJob(i));
    const rendered = renderStatusAnswer({ kind: "pipeline", query: "churn-retrain", pipelineName: "churn-retrain", region: "us-east-1", views }, NOW);
    expectWhole(sectionTexts(rendered.blocks));
    expect(rendered.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(rendered.blocks)).toContain("…and 60 older runs.");
  });

  it("what is running, past forty, says how many more and how to see one", () => {
    const views = Array.from({ length: 55 }, (_, i) => ({ ...finishedJob(i), finishedAt: undefined, status: { ...(finishedJob(i).status as TrainingStatus), phase: "running" as const, status: "InProgress" as const } }));
    const rendered = renderStatusAnswer({ kind: "active", requester: "U0ENGINEER", channel: "C0MLOPS", views }, NOW);
    expectWhole(sectionTexts(rendered.blocks));
    expect(JSON.stringify(rendered.blocks)).toContain("…and 15 more");
  });

  it("the App Home with ten finished jobs of 63-character names cuts nothing, inside a link or anywhere", () => {
    const blocks = renderHomeStatus(Array.from({ length: 14 }, (_, i) => finishedJob(i)), NOW);
    expectWhole(sectionTexts(blocks));
    expect(JSON.stringify(blocks)).toContain("…and 4 more finished lately.");
  });
});
