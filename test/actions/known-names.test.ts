import { CreatePipelineCommand } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSageMakerClient, sandboxTarget } from "../../src/aws/clients.js";
import { appMentionEvent, eventEnvelope } from "../../src/console/payloads.js";
import { createManualClock, type Sandbox, startSandbox } from "../../src/sandbox/index.js";
import { churnRetrainDefinition } from "../../src/sandbox/seed-pipeline.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { START_MS } from "../support/constants.js";
import { type HttpHarness, startHttpHarness } from "../support/harness.js";
import { SAGEMAKER_ROLE_ARN } from "../support/sandbox.js";
import { waitFor } from "../support/wait.js";

/**
 * A pipeline the team made in SageMaker, named like nothing in particular and absent from the
 * policy: the bot learns the name from SageMaker, so plain words starting it make a pipeline plan.
 */
describe("names the bot learns from SageMaker, over signed HTTP", () => {
  let sandbox: Sandbox;
  let h: HttpHarness;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: createManualClock(START_MS) });
    const client = createSageMakerClient(sandboxTarget(sandbox.url, sandbox.region));
    await client.send(new CreatePipelineCommand({ PipelineName: "ledger-refresh", PipelineDefinition: churnRetrainDefinition(), RoleArn: SAGEMAKER_ROLE_ARN, ClientRequestToken: "known-names-ledger-refresh-pipeline-0001" }));
    h = await startHttpHarness({ sandbox });
  });
  afterAll(async () => {
    await h?.close();
    await sandbox?.close();
  });

  it("\"kick off ledger-refresh please\", said to the bot, is a plan to start that pipeline, waiting for Confirm", async () => {
    const event = appMentionEvent({ userId: "U0ENGINEER", channelId: "C0MLOPS", botUserId: h.slack.botUserId, text: "kick off ledger-refresh please" });
    expect((await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }))).status).toBe(200);
    const plan = await waitFor(() => h.slack.messagesIn("C0MLOPS").find((message) => JSON.stringify(message.blocks ?? []).includes(PLAN_BUTTONS.confirm) && JSON.stringify(message.blocks).includes("ledger-refresh")), {
      what: "the pipeline plan",
    });
    expect(plan.text).toMatch(/[Pp]ipeline/);
    expect(sandbox.countCalls("StartPipelineExecution")).toBe(0);
  });
});
