import { describe, expect, it } from "vitest";
import { EventFeed, isProcessingJobFinished } from "../../src/watch/events.js";
import { ManualClock } from "../support/manual-clock.js";
import { waitFor } from "../support/wait.js";

const processingEvent = (status: string) => JSON.stringify({ source: "aws.sagemaker", "detail-type": "SageMaker Processing Job State Change", detail: { ProcessingJobName: "model-monitoring-202611260900-abc", ProcessingJobStatus: status } });

/** An events queue that delivers these messages once, then waits for good. */
function deliversOnce(messages: { id: string; body: string }[]) {
  let delivered = false;
  return {
    receive: async () => {
      if (delivered) return new Promise<{ id: string; body: string }[]>(() => undefined);
      delivered = true;
      return messages;
    },
    ack: async () => undefined,
  };
}

describe("processing-job events wake drift watching", () => {
  it("a processing job's finish is recognised; one still running, or another event, is not", () => {
    expect(isProcessingJobFinished(processingEvent("Completed"))).toBe(true);
    expect(isProcessingJobFinished(processingEvent("Failed"))).toBe(true);
    expect(isProcessingJobFinished(processingEvent("InProgress"))).toBe(false);
    expect(isProcessingJobFinished("not json")).toBe(false);
    expect(isProcessingJobFinished(JSON.stringify({ source: "aws.sagemaker", "detail-type": "SageMaker Training Job State Change", detail: {} }))).toBe(false);
  });

  it("the event feed calls the drift watcher's wake-up for each finished processing job", async () => {
    const source = deliversOnce([{ id: "m1", body: processingEvent("Completed") }, { id: "m2", body: processingEvent("InProgress") }]);
    let wakes = 0;
    const feed = new EventFeed(source, { noteChanged: () => false, setEventsHealthy: () => undefined }, new ManualClock(), { onProcessingJobFinished: () => (wakes += 1) });
    feed.start();
    await waitFor(() => feed.stats.received === 2, { what: "the two events" });
    expect(wakes).toBe(1);
    void feed.stop();
  });
});

describe("model package events wake the new-version announcer", () => {
  it("a package registered or changed wakes it once per event; other events and malformed ones do not", async () => {
    const packageEvent = JSON.stringify({ source: "aws.sagemaker", "detail-type": "SageMaker Model Package State Change", detail: { ModelPackageGroupName: "churn-xgb", ModelPackageVersion: 3, ModelApprovalStatus: "PendingManualApproval" } });
    const source = deliversOnce([{ id: "m1", body: packageEvent }, { id: "m2", body: processingEvent("Completed") }, { id: "m3", body: "{not json" }]);
    let wakes = 0;
    const feed = new EventFeed(source, { noteChanged: () => false, setEventsHealthy: () => undefined }, new ManualClock(), { onModelPackageChanged: () => (wakes += 1) });
    feed.start();
    await waitFor(() => feed.stats.received === 3, { what: "the three events" });
    expect(wakes).toBe(1);
    expect(feed.stats.ignored).toBe(1);
    void feed.stop();
  });
});
