import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { renderStatusAnswer } from "../../src/slack/blocks/status.js";
import type { SqlTrackedStore } from "../../src/store/tracked.js";
import { StatusQuery } from "../../src/watch/ask.js";
import { trainingRequest } from "../support/sandbox.js";
import { startWorld, type World } from "../support/tracker-world.js";

describe("asking for the status of something", () => {
  let world: World;
  let store: SqlTrackedStore;
  let query: StatusQuery;

  beforeEach(async () => {
    world = await startWorld();
    store = world.openStore(":memory:").store;
    query = new StatusQuery({ port: world.port, store, region: world.sandbox.region, clock: world.clock });
  });

  afterEach(async () => {
    await world.close();
  });

  it("finds a training job sageops never started, straight from SageMaker", async () => {
    const answer = await query.ask({ name: SEED.trainingJob, requester: "U0ENGINEER", channel: "C0MLOPS" });
    expect(answer.kind).toBe("found");
    if (answer.kind !== "found") return;
    expect(answer.views.map((view) => view.resource.type)).toEqual(["training-job"]);
    expect(answer.views[0]?.status?.status).toBe("Completed");
    expect(answer.views[0]?.tracking).toBeUndefined();
    const shown = JSON.stringify(renderStatusAnswer(answer, new Date(world.clock.now())));
    expect(shown).toContain("validation:auc");
  });

  it("knows an endpoint by its name", async () => {
    const answer = await query.ask({ name: SEED.endpoint, requester: "U0ENGINEER" });
    expect(answer.kind === "found" && answer.views.map((view) => [view.resource.type, view.status?.status])).toEqual([["endpoint", "InService"]]);
  });

  it("answers for a tracked job with fresh news from SageMaker and who asked for it", async () => {
    await world.port.createTrainingJob(trainingRequest("churn-xgb-fresh"));
    const tracker = world.tracker(store);
    tracker.track({ type: "training-job", name: "churn-xgb-fresh" }, { requester: "U0ENGINEER", channel: "C0MLOPS", planId: "plan-9", region: world.sandbox.region });
    await world.poll(tracker);
    world.advance(20 * 60);
    // The tracker has not polled since; the answer still says it is over.
    const answer = await query.ask({ name: "churn-xgb-fresh", requester: "U0ADMIN" });
    expect(answer.kind === "found" && answer.views[0]?.status?.status).toBe("Completed");
    expect(answer.kind === "found" && answer.views[0]?.tracking?.planId).toBe("plan-9");
  });

  it("tells a pipeline from its runs, and shows the runs sageops started", async () => {
    const before = await query.ask({ name: SEED.pipeline, requester: "U0ENGINEER" });
    expect(before.kind === "pipeline" && before.views).toEqual([]);

    const { arn } = await world.port.startPipelineExecution({ PipelineName: SEED.pipeline, ClientRequestToken: "sageops-plan-5-0000000000000000000000" });
    world.tracker(store).track({ type: "pipeline-execution", name: "churn-retrain-plan-5", arn }, { requester: "U0ENGINEER", channel: "C0MLOPS", region: world.sandbox.region });
    const after = await query.ask({ name: SEED.pipeline, requester: "U0ENGINEER" });
    expect(after.kind === "pipeline" && after.views.map((view) => [view.resource.name, view.status?.status])).toEqual([["churn-retrain-plan-5", "Executing"]]);
    expect(renderStatusAnswer(after, new Date(world.clock.now())).text).toContain("1 run(s)");

    const byArn = await query.ask({ name: arn, requester: "U0ENGINEER" });
    expect(byArn.kind === "found" && byArn.views[0]?.tracking?.requester).toBe("U0ENGINEER");
  });

  it("answers an unknown name with close names it knows of", async () => {
    const tracker = world.tracker(store);
    await world.port.createTrainingJob(trainingRequest("churn-xgb-20261126-0900"));
    tracker.track({ type: "training-job", name: "churn-xgb-20261126-0900" }, { requester: "U0ENGINEER", channel: "C0MLOPS", region: world.sandbox.region });

    const typo = await query.ask({ name: "churn-xgb-20261126-09000", requester: "U0ENGINEER" });
    expect(typo.kind).toBe("not-found");
    expect(typo.kind === "not-found" && typo.suggestions).toContain("churn-xgb-20261126-0900");

    const partial = await query.ask({ name: "churn-xgb-202611", requester: "U0ENGINEER" });
    expect(partial.kind === "not-found" && partial.suggestions).toEqual(expect.arrayContaining([SEED.trainingJob, SEED.failedTrainingJob]));
    expect(renderStatusAnswer(partial, new Date()).text).toContain("Did you mean");

    const nothing = await query.ask({ name: "no-such-thing-anywhere", requester: "U0ENGINEER" });
    expect(nothing.kind === "not-found" && nothing.suggestions).toEqual([]);
  });

  it("with no name, lists what the asker and the channel have running", async () => {
    const tracker = world.tracker(store);
    for (const [name, requester, channel] of [
      ["churn-mine", "U0ENGINEER", "C0OTHER"],
      ["churn-in-channel", "U0ADMIN", "C0MLOPS"],
      ["churn-elsewhere", "U0ADMIN", "C0OTHER"],
    ] as const) {
      await world.port.createTrainingJob(trainingRequest(name));
      tracker.track({ type: "training-job", name }, { requester, channel, region: world.sandbox.region });
    }
    const answer = await query.ask({ requester: "U0ENGINEER", channel: "C0MLOPS" });
    expect(answer.kind).toBe("active");
    if (answer.kind !== "active") return;
    expect(answer.views.map((view) => view.resource.name).sort()).toEqual(["churn-in-channel", "churn-mine"]);
    // Fresh from SageMaker, though the tracker has not polled them yet.
    expect(answer.views.every((view) => view.status?.status === "InProgress")).toBe(true);
  });

  it("says SageMaker is busy rather than 'not found' when it throttles", async () => {
    world.sandbox.setFaults({ throttleRate: 1 });
    const answer = await query.ask({ name: SEED.trainingJob, requester: "U0ENGINEER" });
    expect(answer.kind).toBe("unavailable");
    expect(renderStatusAnswer(answer, new Date()).text).toMatch(/busy/);
  });
});
