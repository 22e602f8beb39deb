/**
 * The bot as an attacker would try it, over signed HTTP against the sandbox.
 *
 * Already covered elsewhere, and not repeated here:
 * - test/slack/http-receiver.test.ts: a slash command signed with the wrong secret, unsigned, or older
 *   than five minutes gets 401; Slack's retry of an event is handled once; sentinel secrets (bot token,
 *   AWS keys, endpoint user and password, signing secret) reach no log line, Slack body or the store.
 * - test/guard/guard-holes.test.ts: a replayed slash command posts nothing.
 * - test/actions/train-flow.test.ts: someone else's Confirm is refused; a requester's own Approve of a
 *   prod plan is refused (an engineer without the approver role).
 * - test/actions/plan-service.test.ts: only the requester or an admin can cancel (the service alone).
 *
 * Here: every kind of request (click, form, event) with a forged, missing, malformed, stale or
 * tampered signature (one stamped ahead: test/slack/http-receiver.test.ts); replays of a click, a form and an event with their original
 * signature; Confirm and Cancel by everyone but the requester, over HTTP; self-approval by an
 * approver through every route that could approve; and what Slack sends along with a request (its
 * verification token, the signature, response URL and trigger) kept out of debug logs and messages.
 */
import { describe, expect, it } from "vitest";
import { appMentionEvent, blockActionsPayload, directMessageEvent, eventEnvelope, slashCommandPayload } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { TRAIN_MODAL } from "../../src/slack/blocks/train-modal.js";
import { type HttpHarness, planIdOf, SIGNING_SECRET, useHttpHarness } from "../support/harness.js";
import { signSlackRequest } from "../support/signer.js";
import type { PostOptions } from "../support/slack-http.js";
import { settle, waitFor } from "../support/wait.js";
import { mutatingCalls, repliesTo } from "./checks.js";

/** A Confirm or other button click on a plan message, as Slack would send it. */
function clickOn(h: HttpHarness, plan: StoredMessage, userId: string, actionId: string, planId = planIdOf(plan)): Record<string, unknown> {
  return blockActionsPayload({
    userId,
    teamId: h.slack.teamId,
    channelId: plan.channel,
    messageTs: plan.ts,
    message: { text: plan.text, blocks: plan.blocks },
    responseUrl: h.slack.newResponseUrl({ channel: plan.channel, user: userId }),
    click: { actionId, blockId: `plan:${planId}`, value: planId },
  });
}

/** The /train form, filled in with churn-xgb, as Slack sends its submission. */
function trainForm(h: HttpHarness, userId: string): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: h.slack.teamId, domain: "sageops" },
    user: { id: userId, team_id: h.slack.teamId },
    api_app_id: "A0SAGEOPS",
    trigger_id: `form.${Date.now()}.${Math.random()}`,
    view: {
      id: "V0FORM",
      type: "modal",
      callback_id: TRAIN_MODAL.callbackId,
      private_metadata: JSON.stringify({ channelId: "C0MLOPS" }),
      state: { values: { [TRAIN_MODAL.recipe.block]: { [TRAIN_MODAL.recipe.action]: { type: "static_select", selected_option: { value: "churn-xgb" } } } } },
    },
  };
}

/** Posts a body with exactly these headers, for signatures the client would never make. */
async function postWithHeaders(h: HttpHarness, body: string, contentType: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${h.bot.url ?? ""}/slack/events`, { method: "POST", headers: { "content-type": contentType, ...headers }, body });
  await response.text();
  return response.status;
}

const form = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
const FORM_TYPE = "application/x-www-form-urlencoded";

/** Every way a signature can be wrong that the test client can make. */
const BAD_SIGNATURES: [string, PostOptions][] = [
  ["signed with the wrong secret", { wrongSecret: "not-the-secret" }],
  ["unsigned", { unsigned: true }],
  ["six minutes old", { ageSeconds: 6 * 60 }],
];

/** Signatures the client would never make: the right secret over other bytes, or headers that do not parse. */
function handMadeHeaders(body: string): [string, Record<string, string>][] {
  const now = Math.floor(Date.now() / 1000);
  const right = signSlackRequest(SIGNING_SECRET, body, now);
  const other = signSlackRequest(SIGNING_SECRET, `${body}&x=1`, now);
  return [
    ["signed over a different body", { "x-slack-request-timestamp": right.timestamp, "x-slack-signature": other.signature }],
    ["with a signature of another scheme", { "x-slack-request-timestamp": right.timestamp, "x-slack-signature": right.signature.replace("v0=", "v1=") }],
    ["with the signature but no timestamp", { "x-slack-signature": right.signature }],
    ["with a timestamp that is not a number", { "x-slack-request-timestamp": "soon", "x-slack-signature": right.signature }],
    ["with an empty signature", { "x-slack-request-timestamp": right.timestamp, "x-slack-signature": "" }],
  ];
}

describe("a request without Slack's valid signature does nothing", () => {
  const world = useHttpHarness();

  it("a Confirm click that is forged, unsigned, stale, tampered with or oddly signed gets 401 and starts nothing; the genuine click then starts the job", async () => {
    const { h, ws } = world;
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    h.sandbox.resetCalls();
    const slackCalls = h.slack.calls.length;
    for (const [how, options] of BAD_SIGNATURES) {
      const response = await h.client.postInteraction(clickOn(h, plan, "U0ENGINEER", PLAN_BUTTONS.confirm), options);
      expect(response.status, how).toBe(401);
    }
    const body = form(clickOn(h, plan, "U0ENGINEER", PLAN_BUTTONS.confirm));
    for (const [how, headers] of handMadeHeaders(body)) expect(await postWithHeaders(h, body, FORM_TYPE, headers), how).toBe(401);
    await settle(300);
    expect(mutatingCalls(h)).toEqual([]);
    expect(h.slack.calls.length).toBe(slackCalls);
    expect(h.bot.core.plans.get(planIdOf(plan))?.status).toBe("pending");

    expect((await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm)).status).toBe(200);
    await waitFor(() => h.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the job the genuine Confirm starts" });
  });

  it("a direct message or a /train form with a bad signature gets 401: nothing is answered and no plan is made", async () => {
    const { h } = world;
    await settle(300);
    const said = () => ["chat.postMessage", "chat.postEphemeral", "response_url"].map((method) => h.slack.callsTo(method).length);
    const before = said();
    for (const [how, options] of BAD_SIGNATURES) {
      const dm = eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: "D0FORGED", text: "train churn-xgb" }) });
      expect((await h.client.postEvent(dm, options)).status, `a DM ${how}`).toBe(401);
      expect((await h.client.postInteraction(trainForm(h, "U0ENGINEER"), options)).status, `a form ${how}`).toBe(401);
    }
    const dmBody = JSON.stringify(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: "D0FORGED", text: "help" }) }));
    for (const [how, headers] of handMadeHeaders(dmBody)) expect(await postWithHeaders(h, dmBody, "application/json", headers), `a DM ${how}`).toBe(401);
    const formBody = form(trainForm(h, "U0ENGINEER"));
    for (const [how, headers] of handMadeHeaders(formBody)) expect(await postWithHeaders(h, formBody, FORM_TYPE, headers), `a form ${how}`).toBe(401);
    await settle(300);
    expect(said()).toEqual(before);
    expect(h.slack.messagesIn("D0FORGED")).toEqual([]);
  });

  it("a captured request sent again with its own signature is acknowledged and ignored: a Confirm starts one job, a form makes one plan, a mention is answered once", async () => {
    const { h, ws } = world;
    const timestamp = Math.floor(Date.now() / 1000);

    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    h.sandbox.resetCalls();
    const confirm = clickOn(h, plan, "U0ENGINEER", PLAN_BUTTONS.confirm);
    expect((await h.client.postInteraction(confirm, { timestamp })).status).toBe(200);
    await waitFor(() => h.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the job" });
    const repliesAfterFirst = h.slack.callsTo("response_url").length;
    expect((await h.client.postInteraction(confirm, { timestamp })).status).toBe(200);

    const posts = h.slack.callsTo("chat.postMessage").length;
    const submission = trainForm(h, "U0APPROVER");
    expect((await h.client.postInteraction(submission, { timestamp })).status).toBe(200);
    await waitFor(() => h.slack.callsTo("chat.postMessage").length > posts, { what: "the plan from the form" });
    expect((await h.client.postInteraction(submission, { timestamp })).status).toBe(200);

    const mention = eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: appMentionEvent({ userId: "U0ENGINEER", channelId: "C0MLOPS", text: "help", botUserId: h.slack.botUserId }) });
    expect((await h.client.postEvent(mention, { timestamp })).status).toBe(200);
    await waitFor(() => h.slack.callsTo("chat.postMessage").length > posts + 1, { what: "the answer to the mention" });
    expect((await h.client.postEvent(mention, { timestamp })).status).toBe(200);

    await settle(500);
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(1);
    expect(h.slack.callsTo("response_url").length).toBe(repliesAfterFirst);
    expect(h.slack.callsTo("chat.postMessage").length).toBe(posts + 2);
  });
});

describe("a plan is moved only by the people the policy names", () => {
  const world = useHttpHarness();

  it("nobody but the requester confirms a plan, and nobody but the requester or an admin cancels it: each is told why, the plan waits, and its requester then confirms it", async () => {
    const { h, ws } = world;
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    h.sandbox.resetCalls();
    const attempts: [string, string, RegExp][] = [
      ["U0APPROVER", PLAN_BUTTONS.confirm, /Only <@U0ENGINEER> can confirm/],
      ["U0ADMIN", PLAN_BUTTONS.confirm, /Only <@U0ENGINEER> can confirm/],
      ["U0STRANGER", PLAN_BUTTONS.confirm, /Only <@U0ENGINEER> can confirm/],
      ["U0APPROVER", PLAN_BUTTONS.cancel, /Only <@U0ENGINEER> \(or an admin\) can cancel/],
      ["U0STRANGER", PLAN_BUTTONS.cancel, /Only <@U0ENGINEER> \(or an admin\) can cancel/],
    ];
    for (const [userId, actionId, refusal] of attempts) {
      const payload = clickOn(h, plan, userId, actionId);
      expect((await h.client.postInteraction(payload)).status).toBe(200);
      const answer = await waitFor(() => repliesTo(h, String(payload["response_url"])), { what: `the answer to ${userId}'s ${actionId}` });
      expect(answer.args["response_type"]).toBe("ephemeral");
      expect(String(answer.args["text"]), `${userId} pressing ${actionId}`).toMatch(refusal);
    }
    expect(h.bot.core.plans.get(planIdOf(plan))?.status).toBe("pending");
    expect(mutatingCalls(h)).toEqual([]);
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => h.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the requester's own Confirm to start the job" });
  });

  it("an approver cannot approve their own prod plan by any route: Approve before and after Confirm, on the request or the plan, /sageops approve, a DM or a mention; an admin without the approver role cannot approve it either", async () => {
    const { h, ws } = world;
    const plan = await ws.planFrom("U0APPROVER", "/train", "churn-xgb env=prod");
    const planId = planIdOf(plan);
    h.sandbox.resetCalls();

    // An Approve made up from the plan message before the requester confirmed.
    const early = clickOn(h, plan, "U0APPROVER", PLAN_BUTTONS.approve);
    await h.client.postInteraction(early);
    expect(String((await waitFor(() => repliesTo(h, String(early["response_url"])), { what: "the answer to the early Approve" })).args["text"])).toContain("has not confirmed");

    await ws.click("U0APPROVER", plan, PLAN_BUTTONS.confirm);
    const request = await ws.approvalRequestFor(plan);
    const refusals: [string, StoredMessage, RegExp][] = [
      ["U0APPROVER", request, /You asked for this plan, so someone else must approve it/],
      ["U0ADMIN", request, /takes the role approvers, which you do not hold/],
      // The same Approve made up on the plan message itself, not the approval request.
      ["U0APPROVER", plan, /You asked for this plan, so someone else must approve it/],
    ];
    for (const [userId, message, refusal] of refusals) {
      const payload = clickOn(h, message, userId, PLAN_BUTTONS.approve, planId);
      await h.client.postInteraction(payload);
      const answer = await waitFor(() => repliesTo(h, String(payload["response_url"])), { what: `the answer to ${userId}'s Approve` });
      expect(String(answer.args["text"]), `${userId}'s Approve`).toMatch(refusal);
    }
    const { reply: viaCommand } = await ws.command("U0APPROVER", "/sageops", `approve ${planId}`);
    expect(JSON.stringify(viaCommand?.args)).not.toMatch(/approved|Started/);
    await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: directMessageEvent({ userId: "U0APPROVER", channelId: "D0APPROVER", text: `approve ${planId}` }) }));
    await h.client.postEvent(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: appMentionEvent({ userId: "U0APPROVER", channelId: "C0MLOPS", text: `approve ${planId} please`, botUserId: h.slack.botUserId }) }));
    await waitFor(() => h.slack.messagesIn("D0APPROVER").length > 0, { what: "the answer to the DM" });
    await settle(300);

    const stored = h.bot.core.plans.get(planId);
    expect(stored?.status).toBe("confirmed");
    expect(stored?.approvals).toEqual([]);
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(0);
    expect(mutatingCalls(h)).toEqual([]);
  });
});

describe("what Slack sends along with a request stays out of the logs and of every message", () => {
  const VERIFICATION_TOKEN = "SENTINELverificationToken9c2e";
  const world = useHttpHarness({ env: { LOG_LEVEL: "debug" } });

  it("at LOG_LEVEL=debug, a command, a click, a form, an event and an unreadable body leave no verification token, signature, response URL or trigger id in any log line or Slack body", async () => {
    const { h, ws } = world;
    const timestamp = Math.floor(Date.now() / 1000);
    const withToken = <T extends object>(payload: T): T & { token: string } => ({ ...payload, token: VERIFICATION_TOKEN });
    const command = withToken(
      slashCommandPayload({ userId: "U0ENGINEER", teamId: h.slack.teamId, command: "/train", text: "churn-xgb", channelId: "C0MLOPS", responseUrl: h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" }) }),
    );
    command.trigger_id = "SENTINELtrigger1";
    const posts = h.slack.callsTo("chat.postMessage").length;
    await h.client.postCommand(command, { timestamp });
    const plan = await waitFor(() => {
      const call = h.slack.callsTo("chat.postMessage")[posts];
      return call ? h.slack.messages.get(`C0MLOPS:${String(call.response["ts"])}`) : undefined;
    }, { what: "the plan" });
    const click: Record<string, unknown> = withToken({ ...clickOn(h, plan, "U0STRANGER", PLAN_BUTTONS.confirm), trigger_id: "SENTINELtrigger2" });
    await h.client.postInteraction(click, { timestamp });
    await h.client.postInteraction(withToken({ ...trainForm(h, "U0ENGINEER"), trigger_id: "SENTINELtrigger3" }), { timestamp });
    await h.client.postEvent(withToken(eventEnvelope({ teamId: h.slack.teamId, botUserId: h.slack.botUserId, event: directMessageEvent({ userId: "U0ENGINEER", channelId: "D0SECRET", text: "status" }) })), { timestamp });
    await h.client.postRaw(`payload=${encodeURIComponent(`{"token":"${VERIFICATION_TOKEN}",`)}`, FORM_TYPE, { timestamp });
    await waitFor(() => repliesTo(h, String(click["response_url"])), { what: "the refusal of the stranger's Confirm" });
    await waitFor(() => h.slack.messagesIn("D0SECRET").length > 0, { what: "the DM answer" });
    await settle(300);

    const signatures = [command, click].map((payload) => signSlackRequest(SIGNING_SECRET, payload === command ? new URLSearchParams(command).toString() : form(click), timestamp).signature.slice(3));
    const responsePaths = [command.response_url, String(click["response_url"])].map((url) => new URL(url).pathname);
    const secrets = [VERIFICATION_TOKEN, "SENTINELtrigger", ...signatures, ...responsePaths];
    const logs = h.logs.join("\n");
    expect(h.logs.some((line) => line.includes('"level":20'))).toBe(true);
    const slackBodies = JSON.stringify(h.slack.calls.map((call) => call.args));
    for (const secret of secrets) {
      expect(logs, `${secret} in the logs`).not.toContain(secret);
      expect(slackBodies, `${secret} in a Slack body`).not.toContain(secret);
    }
    expect(ws.privateRepliesTo("U0STRANGER").join("")).toContain("Only <@U0ENGINEER> can confirm");
  });
});
