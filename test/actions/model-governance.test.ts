import { describe, expect, it } from "vitest";
import { eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { VERSION_ACTION } from "../../src/slack/blocks/models.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { type HttpHarness, useHttpHarness } from "../support/harness.js";
import { settle, waitFor } from "../support/wait.js";

const replyText = (reply: { reply?: { args: unknown } }): string => JSON.stringify(reply.reply?.args ?? {});

async function statusOf(h: HttpHarness, version: number): Promise<string | undefined> {
  const versions = await h.bot.core.sagemaker.listModelPackages("churn-xgb");
  return versions.find((v) => v.ModelPackageVersion === version)?.ModelApprovalStatus;
}

/** A mention in #mlops, and the bot's answer to it there. */
async function mention(h: HttpHarness, userId: string, words: string, ts: string): Promise<StoredMessage> {
  const event = { type: "app_mention", channel: "C0MLOPS", user: userId, text: `<@${h.slack.botUserId}> ${words}`, ts, event_ts: ts };
  expect((await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event }))).status).toBe(200);
  return waitFor(() => h.slack.messagesIn("C0MLOPS").find((m) => m.threadTs === ts), { what: `the answer to "${words}"` });
}

/** Registers a new version in the sandbox, as a training pipeline would. */
async function registerVersion(h: HttpHarness): Promise<number> {
  const response = await fetch(new URL("/_sandbox/registry/register", h.sandbox.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ group: "churn-xgb", auc: 0.93 }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { ModelPackageVersion: number }).ModelPackageVersion;
}

describe("the Model Registry and the Feature Store from the channel, over signed HTTP against the sandbox", () => {
  const world = useHttpHarness();

  it("an engineer lists churn-xgb's versions with their status, metrics, who registered them and where they serve", async () => {
    const listed = replyText(await world.ws.command("U0ENGINEER", "/sageops", "models churn-xgb"));
    expect(listed).toContain("churn-xgb: 2 versions");
    expect(listed).toMatch(/v2\*[^"]*Pending approval/);
    expect(listed).toMatch(/v1\*[^"]*Approved · live on `churn-prod`/);
    expect(listed).toMatch(/auc \d\.\d+/);
    expect(listed).toContain("Registered 20");

    const groups = replyText(await world.ws.command("U0ENGINEER", "/sageops", "models"));
    expect(groups).toContain("churn-xgb");
    expect(groups).toContain("approved v1");

    const asked = await mention(world.h, "U0ENGINEER", "what versions of churn-xgb do we have?", "1795680000.000100");
    expect(JSON.stringify(asked.blocks)).toContain("Pending approval");
    const served = await mention(world.h, "U0ENGINEER", "which version is on churn-prod?", "1795680000.000200");
    expect(JSON.stringify(served.blocks)).toContain("serves *churn-xgb/1*");
  });

  it("two versions side by side: metrics with their difference, what differs in their training, and where each is live", async () => {
    const compared = replyText(await world.ws.command("U0ENGINEER", "/sageops", "compare churn-xgb/1 churn-xgb/2"));
    expect(compared).toContain("churn-xgb/1 vs churn-xgb/2");
    expect(compared).toMatch(/auc: \d\.\d+ → \d\.\d+ \([+−]\d/);
    expect(compared).toContain("Hyperparameters that differ");
    expect(compared).toContain("live on `churn-prod`");
    const words = await mention(world.h, "U0ENGINEER", "compare v1 and v2", "1795680000.000300");
    expect(JSON.stringify(words.blocks)).toContain("churn-xgb/1 vs churn-xgb/2");
    expect(replyText(await world.ws.command("U0ENGINEER", "/sageops", "compare churn-xgb/1 churn-xgb/9"))).toContain("no version 9");
  });

  it("an approval or rejection asked for by someone the policy does not allow, or approved by its own requester, is refused and changes nothing", async () => {
    world.h.sandbox.resetCalls();
    const outsider = await world.ws.command("U0OUTSIDER", "/sageops", "approve churn-xgb/2");
    expect(outsider.posted).toHaveLength(0);
    expect(replyText(outsider)).toContain("not listed in the sageops policy");
    const rejectOutsider = await world.ws.command("U0OUTSIDER", "/sageops", "reject churn-xgb/2 looks wrong");
    expect(rejectOutsider.posted).toHaveLength(0);
    expect(replyText(rejectOutsider)).toContain("not listed in the sageops policy");
    const elsewhere = await world.ws.command("U0ENGINEER", "/sageops", "approve churn-xgb/2", "C0ALERTS");
    expect(elsewhere.posted).toHaveLength(0);
    expect(replyText(elsewhere)).toContain("Requests for prod are taken only in");

    // The approver asks for it, and cannot be their own second person.
    const own = await world.ws.planFrom("U0APPROVER", "/sageops", "approve churn-xgb/2 my own model");
    await world.ws.click("U0APPROVER", own, PLAN_BUTTONS.confirm);
    const request = await world.ws.approvalRequestFor(own);
    await world.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve);
    await settle(200);
    expect(world.ws.privateRepliesTo("U0APPROVER").join(" ")).toContain("someone else must approve");
    await world.ws.click("U0APPROVER", own, PLAN_BUTTONS.cancel);
    await settle(100);
    expect(world.h.sandbox.countCalls("UpdateModelPackage")).toBe(0);
    expect(await statusOf(world.h, 2)).toBe("PendingManualApproval");
  });

  it("an approval by someone allowed, confirmed and approved (each clicked twice), changes the version once, is audited, and the version is then deployable to prod", async () => {
    const before = replyText(await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/2 to churn-prod env=prod"));
    expect(before).toContain("PendingManualApproval");

    world.h.sandbox.resetCalls();
    const plan = await world.ws.planFrom("U0ENGINEER", "/sageops", "approve churn-xgb/2 offline AUC checked");
    expect(JSON.stringify(plan.blocks)).toContain("Approve churn-xgb/2");
    expect(JSON.stringify(plan.blocks)).toContain("PendingManualApproval");
    await Promise.all([world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm), world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)]);
    const request = await world.ws.approvalRequestFor(plan);
    expect(world.h.sandbox.countCalls("UpdateModelPackage")).toBe(0);
    await Promise.all([world.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve), world.ws.click("U0APPROVER", request, PLAN_BUTTONS.approve)]);
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("accepted it"), { what: "the approval to run" });
    await settle(200);
    expect(world.h.sandbox.countCalls("UpdateModelPackage")).toBe(1);
    expect(await statusOf(world.h, 2)).toBe("Approved");
    const versions = await world.h.bot.core.sagemaker.listModelPackages("churn-xgb");
    const v2 = await world.h.bot.core.sagemaker.describeModelPackage(versions.find((v) => v.ModelPackageVersion === 2)?.ModelPackageArn ?? "");
    expect(v2.ApprovalDescription).toContain("U0ENGINEER");
    expect(v2.ApprovalDescription).toMatch(/plan p-[0-9a-f]{24}/);
    expect(v2.ApprovalDescription).toContain("offline AUC checked");
    const audit = world.h.bot.core.audit.latest(10);
    expect(audit.some((r) => r.kind === "execution" && r.outcome === "started" && JSON.stringify(r.detail).includes("churn-xgb/2"))).toBe(true);

    const deploy = await world.ws.command("U0ENGINEER", "/deploy", "churn-xgb/2 to churn-prod env=prod");
    expect(deploy.posted).toHaveLength(1);
    expect(JSON.stringify(deploy.posted[0]?.blocks)).toContain("churn-xgb/2");
    expect(replyText(await world.ws.command("U0ENGINEER", "/sageops", "approve churn-xgb/2"))).toContain("already Approved");
  });

  it("a newly registered version is announced once in the group's channel, and its buttons plan rather than act", async () => {
    const announcer = world.h.bot.core.versionAnnouncer;
    await announcer.wake();
    const version = await registerVersion(world.h);
    const announcement = (): StoredMessage[] => world.h.slack.messagesIn("C0MLOPS").filter((m) => JSON.stringify(m.blocks ?? []).includes(`New model version churn-xgb/${version}`));
    await announcer.wake();
    await announcer.wake();
    await settle(100);
    expect(announcement()).toHaveLength(1);
    const message = announcement()[0];
    if (!message) throw new Error("no announcement");
    expect(JSON.stringify(message.blocks)).toContain("0.93");
    expect(JSON.stringify(message.blocks)).toMatch(/Against approved v\d/);

    world.h.sandbox.resetCalls();
    const compare = await world.ws.click("U0ENGINEER", message, `${VERSION_ACTION}:compare`);
    expect(compare.status).toBe(200);
    await waitFor(() => world.ws.privateRepliesTo("U0ENGINEER").some((r) => r.includes(`churn-xgb/2 vs churn-xgb/${version}`)), { what: "the comparison" });
    await world.ws.click("U0ENGINEER", message, `${VERSION_ACTION}:approve`);
    const plan = await waitFor(() => world.h.slack.messagesIn("C0MLOPS").find((m) => JSON.stringify(m.blocks ?? []).includes(`Approve churn-xgb/${version}`)), { what: "the approval plan" });
    expect(JSON.stringify(plan.blocks)).toContain(PLAN_BUTTONS.confirm);
    expect(world.h.sandbox.countCalls("UpdateModelPackage")).toBe(0);
    expect(await statusOf(world.h, version)).toBe("PendingManualApproval");
    // The announcement keeps its buttons for the next person.
    expect(JSON.stringify(world.ws.message(message).blocks)).toContain(`${VERSION_ACTION}:reject`);

    // A rejection needs no second person: confirmed, it runs once.
    const reject = await world.ws.planFrom("U0ENGINEER", "/sageops", `reject churn-xgb/${version} recall too low`);
    await world.ws.click("U0ENGINEER", reject, PLAN_BUTTONS.confirm);
    await waitFor(() => world.h.sandbox.countCalls("UpdateModelPackage") === 1, { what: "the rejection" });
    expect(await statusOf(world.h, version)).toBe("Rejected");
  });

  it("a feature search finds a seeded feature, and a Feature Store question names the groups that exist before the general advice", async () => {
    const found = replyText(await world.ws.command("U0ENGINEER", "/sageops", "features tenure"));
    expect(found).toContain("customer-profile");
    expect(found).toContain("*tenure_months*");
    const all = replyText(await world.ws.command("U0ENGINEER", "/sageops", "features"));
    expect(all).toContain("customer-activity");
    expect(replyText(await world.ws.command("U0ENGINEER", "/sageops", "features spaceship"))).toContain("No feature group or feature matches");

    const asked = await mention(world.h, "U0ENGINEER", "do we already have a customer tenure feature?", "1795680000.000400");
    const blocks = JSON.stringify(asked.blocks);
    expect(blocks).toContain("tenure_months");
    expect(blocks.indexOf("tenure_months")).toBeLessThan(blocks.indexOf("SageMaker Feature Store"));
  });
});
