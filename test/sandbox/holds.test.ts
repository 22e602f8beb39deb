import { CreateTrainingJobCommand, DescribeTrainingJobCommand } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { trainingRequest, useTestSandbox } from "../support/sandbox.js";
import { settle, waitFor } from "../support/wait.js";

describe("holding a SageMaker call at the sandbox", () => {
  const t = useTestSandbox();

  it("a call held before SageMaker acts is not carried out until released; then it is, and answered", async () => {
    const hold = t.sandbox.hold({ operation: "CreateTrainingJob", where: { TrainingJobName: "held-before" } });
    const other = await t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("not-held")));
    expect(other.TrainingJobArn).toContain("not-held");
    const answer = t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("held-before")));
    const held = await hold.arrived;
    expect(held).toMatchObject({ operation: "CreateTrainingJob", stage: "before", input: { TrainingJobName: "held-before" } });
    expect(hold.holding).toBe(true);
    await expect(t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "held-before" }))).rejects.toMatchObject({ name: "ResourceNotFound" });
    hold.release();
    expect((await answer).TrainingJobArn).toContain("held-before");
    expect(t.sandbox.countDone("CreateTrainingJob", { TrainingJobName: "held-before" })).toBe(1);
    expect(t.sandbox.calls.filter((c) => c.operation === "CreateTrainingJob" && c.names?.["TrainingJobName"] === "held-before").map((c) => c.status)).toEqual([200]);
  });

  it("a call held after SageMaker acted has done its work while its answer waits", async () => {
    const hold = t.sandbox.hold({ operation: "CreateTrainingJob", stage: "after" });
    let answered = false;
    const answer = t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("held-after"))).then((out) => {
      answered = true;
      return out;
    });
    await hold.arrived;
    expect((await t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: "held-after" }))).TrainingJobStatus).toBe("InProgress");
    await settle(50);
    expect(answered).toBe(false);
    hold.release();
    expect((await answer).TrainingJobArn).toContain("held-after");
  });

  it("other processes hold, watch and release calls through the control routes, and read the call log", async () => {
    const control = (path: string, body?: object) =>
      fetch(`${t.sandbox.url}/_sandbox/${path}`, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const added = await control("holds", { operation: "CreateTrainingJob", where: { TrainingJobName: "held-remotely" } });
    expect(added.status).toBe(200);
    const id = String((added.body["hold"] as { id: string }).id);
    const answer = t.sagemaker.send(new CreateTrainingJobCommand(trainingRequest("held-remotely")));
    await waitFor(async () => ((await control(`holds/${id}`)).body["hold"] as { holding: boolean }).holding, { what: "the hold to catch the call" });
    expect((await control(`holds/${id}/release`, {})).body["hold"]).toMatchObject({ id, holding: false, released: true });
    await answer;
    const calls = (await control("calls?operation=CreateTrainingJob")).body["calls"] as { operation: string; status: number; names?: Record<string, string> }[];
    expect(calls.filter((c) => c.names?.["TrainingJobName"] === "held-remotely")).toEqual([expect.objectContaining({ operation: "CreateTrainingJob", status: 200 })]);

    expect((await control("holds", { operation: "create training job" })).status).toBe(400);
    expect((await control("holds/hold-999")).status).toBe(404);
    expect((await control(`holds/${id}/release`)).status).toBe(405);
  });
});
