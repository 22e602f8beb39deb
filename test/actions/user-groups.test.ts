import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalSlackApi } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { EXAMPLE_POLICY_PATH } from "../support/constants.js";
import { type HttpHarness, startHttpHarness, Workspace } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

/** The example policy, with the engineers' role also held by members of Slack user group S0MLTEAM and approvers by S0LEADS. */
function policyWithGroups(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-groups-")), "policy.yml");
  const text = fs
    .readFileSync(EXAMPLE_POLICY_PATH, "utf8")
    .replace("users: [U0ENGINEER, U0APPROVER]", "users: [U0ENGINEER, U0APPROVER]\n    groups: [S0MLTEAM]")
    .replace("users: [U0APPROVER]", "users: [U0APPROVER]\n    groups: [S0LEADS]");
  fs.writeFileSync(file, text);
  return file;
}

describe("roles held through Slack user groups", () => {
  let slack: LocalSlackApi;
  let h: HttpHarness;
  let ws: Workspace;
  beforeAll(async () => {
    slack = new LocalSlackApi({ userGroups: { S0MLTEAM: ["U0GROUPIE"], S0LEADS: ["U0LEAD"] } });
    await slack.start();
    h = await startHttpHarness({ slack, env: { SAGEOPS_POLICY: policyWithGroups() } });
    ws = new Workspace(h);
  });
  afterAll(async () => {
    await h.close();
    await slack.close();
  });

  it("a member of the engineers' group may train; someone in no group may not", async () => {
    expect((await ws.command("U0GROUPIE", "/train", "churn-xgb")).posted).toHaveLength(1);
    expect(slack.callsTo("usergroups.users.list").map((c) => c.args["usergroup"])).toEqual(expect.arrayContaining(["S0MLTEAM", "S0LEADS"]));
    expect((await ws.command("U0NOBODY", "/train", "churn-xgb")).posted).toHaveLength(0);
  });

  it("a member of the approvers' group may approve a prod plan", async () => {
    const plan = await ws.planFrom("U0GROUPIE", "/train", "churn-xgb env=prod");
    await ws.click("U0GROUPIE", plan, PLAN_BUTTONS.confirm);
    const request = await ws.approvalRequestFor(plan);
    h.sandbox.resetCalls();
    await ws.click("U0LEAD", request, PLAN_BUTTONS.approve);
    await waitFor(() => h.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the approved job" });
  });
});
