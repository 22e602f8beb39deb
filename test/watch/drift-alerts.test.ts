import { describe, expect, it } from "vitest";
import { eventEnvelope } from "../../src/console/payloads.js";
import type { StoredMessage } from "../../src/console/slack-api.js";
import { DRIFT_BUTTONS } from "../../src/slack/blocks/drift-alert.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { buttonsIn, useHttpHarness } from "../support/harness.js";
import { waitFor } from "../support/wait.js";

/** Drift alerts end to end: signed Slack requests to the real Bolt app, SageMaker and S3 on the sandbox. */
describe("drift alerts, through the bot", () => {
  const world = useHttpHarness();

  const alertsIn = (channel: string): StoredMessage[] => world.h.slack.messagesIn(channel).filter((m) => !m.threadTs && JSON.stringify(m.blocks ?? []).includes(DRIFT_BUTTONS.report));
  const text = (message: StoredMessage | undefined): string => JSON.stringify(message?.blocks ?? []);

  it("a subscription is confirmed in its channel, and listed with the policy's own", async () => {
    const { reply } = await world.ws.command("U0ENGINEER", "/sageops", "drift subscribe churn-prod");
    expect(JSON.stringify(reply?.args)).toContain("now gets drift alerts for `churn-prod`");
    await waitFor(() => world.h.slack.messagesIn("C0MLOPS").some((m) => (m.text ?? "").includes("This channel now gets drift alerts")), { what: "the confirmation in the channel" });
    const listed = await world.ws.command("U0ENGINEER", "/sageops", "drift list");
    const listing = JSON.stringify(listed.reply?.args);
    expect(listing).toContain("<#C0MLOPS> (here) (by <@U0ENGINEER>)");
    expect(listing).toContain("<#C0ALERTS> (from the policy)");
  });

  it("someone without a subscriber role, or a channel the bot cannot post to, gets a clear answer", async () => {
    const stranger = await world.ws.command("U0STRANGER", "/sageops", "drift subscribe churn-prod");
    expect(JSON.stringify(stranger.reply?.args)).toContain("can be routed by the roles *engineers*");
    // A private channel the bot was never invited to.
    const stop = world.h.slack.intercept((method, args) => (method === "chat.postMessage" && args["channel"] === "C0SECRET" ? { status: 200, body: { ok: false, error: "not_in_channel" } } : undefined));
    const hidden = await world.ws.command("U0ENGINEER", "/sageops", "drift subscribe churn-prod C0SECRET");
    stop();
    expect(JSON.stringify(hidden.reply?.args)).toContain("/invite @sageops");
    const listed = await world.ws.command("U0ENGINEER", "/sageops", "drift list");
    expect(JSON.stringify(listed.reply?.args)).not.toContain("C0SECRET");
    const named = await world.ws.command("U0ENGINEER", "/sageops", "drift subscribe churn-prod #somewhere");
    expect(JSON.stringify(named.reply?.args)).toContain("I can't tell which channel `#somewhere` is");
  });

  it("a violating run alerts each channel once, naming the features, checks and figures; a later round posts nothing again", async () => {
    // The first read at 09:00 finds the 08:00 run clean and the 09:00 run still running.
    expect(await world.h.bot.core.driftWatcher.checkOnce()).toMatchObject({ delivered: 0 });
    world.h.sandbox.clock.advance(20 * 60);
    const round = await world.h.bot.core.driftWatcher.checkOnce();
    expect(round.failed).toBe(0);
    await waitFor(() => alertsIn("C0ALERTS").length > 0 && alertsIn("C0MLOPS").length > 0, { what: "the alerts" });
    const alert = alertsIn("C0ALERTS").find((m) => text(m).includes("data quality"));
    expect(text(alert)).toContain("monthly_charges");
    expect(text(alert)).toContain("distribution drifted (`baseline_drift_check`)");
    expect(text(alert)).toMatch(/distance \d\.\d+ over threshold 0\.10/);
    expect(text(alert)).toContain("Schedule in the AWS console");
    const before = alertsIn("C0ALERTS").length + alertsIn("C0MLOPS").length;
    await world.h.bot.core.driftWatcher.checkOnce();
    expect(alertsIn("C0ALERTS").length + alertsIn("C0MLOPS").length).toBe(before);
  });

  it("a round with nothing new costs one List call per source of each watched endpoint, and no Describe or report read", async () => {
    await world.h.bot.core.driftWatcher.checkOnce();
    world.h.sandbox.resetCalls();
    await world.h.bot.core.driftWatcher.checkOnce();
    // churn-prod is the one endpoint watched: its Model Monitor runs, its drift job's S3 prefix, its check pipeline.
    expect(world.h.sandbox.countCalls("ListMonitoringExecutions")).toBe(1);
    expect(world.h.sandbox.countCalls("ListPipelineExecutions")).toBe(1);
    expect(world.h.sandbox.countCalls("S3.ListObjectsV2")).toBeLessThanOrEqual(1);
    expect(world.h.sandbox.countCalls("DescribeProcessingJob")).toBe(0);
    expect(world.h.sandbox.countCalls("ListPipelineExecutionSteps")).toBe(0);
    expect(world.h.sandbox.countCalls("S3.GetObject")).toBe(0);
  });

  it("Acknowledge records who, on the alert", async () => {
    const alert = alertsIn("C0ALERTS")[0];
    if (!alert) throw new Error("no alert");
    await world.ws.click("U0APPROVER", alert, DRIFT_BUTTONS.acknowledge);
    await waitFor(() => text(world.ws.message(alert)).includes("Acknowledged by <@U0APPROVER>"), { what: "the acknowledgement on the alert" });
  });

  it("View report opens a modal within Slack's limits", async () => {
    const alert = alertsIn("C0ALERTS")[0];
    if (!alert) throw new Error("no alert");
    const before = world.h.slack.callsTo("views.open").length;
    await world.ws.click("U0ENGINEER", alert, DRIFT_BUTTONS.report);
    await waitFor(() => world.h.slack.callsTo("views.open").length > before, { what: "the report modal" });
    const view = world.h.slack.callsTo("views.open").at(-1)?.args["view"];
    const blocks = (typeof view === "string" ? JSON.parse(view) : view) as { blocks: unknown[] };
    expect(blocks.blocks.length).toBeGreaterThan(1);
    expect(blocks.blocks.length).toBeLessThanOrEqual(100);
  });

  it("Retrain on a churn-prod alert in the alerts channel gives a plan to confirm, in the channel prod allows, needing approval", async () => {
    const alert = alertsIn("C0ALERTS").find((m) => text(m).includes(DRIFT_BUTTONS.retrain));
    if (!alert) throw new Error("no alert with Retrain");
    const before = world.h.slack.messagesIn("C0MLOPS").length;
    await world.ws.click("U0ENGINEER", alert, DRIFT_BUTTONS.retrain);
    const plan = await waitFor(() => world.h.slack.messagesIn("C0MLOPS").slice(before).find((m) => text(m).includes(PLAN_BUTTONS.confirm)), { what: "the retraining plan" });
    expect(text(plan)).toContain("Confirm and ask for approval");
    await waitFor(() => world.ws.privateRepliesTo("U0ENGINEER").some((r) => r.includes("I posted the retraining plan in <#C0MLOPS>")), { what: "the note to the presser" });
  });

  it("Mute 24h silences the next violating run of that monitor in that channel, and says who muted it", async () => {
    const alert = alertsIn("C0MLOPS").find((m) => text(m).includes("data quality"));
    if (!alert) throw new Error("no data-quality alert in C0MLOPS");
    await world.ws.click("U0ENGINEER", alert, DRIFT_BUTTONS.mute);
    await waitFor(() => world.h.slack.messagesIn("C0MLOPS", alert.ts).some((m) => (m.text ?? "").includes("muted data quality alerts")), { what: "the mute note in the thread" });
    const repliesBefore = world.h.slack.messagesIn("C0MLOPS", alert.ts).length;
    const alertsBefore = alertsIn("C0MLOPS").length;
    world.h.sandbox.clock.advance(2 * 3600);
    await world.h.bot.core.driftWatcher.checkOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alertsIn("C0MLOPS").length).toBe(alertsBefore);
    expect(world.h.slack.messagesIn("C0MLOPS", alert.ts).length).toBe(repliesBefore);
  });

  it("the same in plain words: route alerts here, then stop them", async () => {
    const on = await world.ws.command("U0APPROVER", "/sageops", "ask send drift alerts for churn-prod here");
    expect(JSON.stringify(on.reply?.args)).toContain("<#C0MLOPS> already gets drift alerts for `churn-prod`");
    const which = await world.ws.command("U0APPROVER", "/sageops", "ask which drift alerts go to this channel?");
    expect(JSON.stringify(which.reply?.args)).toContain("`churn-prod` → <#C0MLOPS> (here)");
    const summary = await world.ws.command("U0APPROVER", "/sageops", "drift");
    expect(JSON.stringify(summary.reply?.args)).toMatch(/`churn-prod`: data quality :rotating_light: \d+ violation/);
  });

  it("routing alerts in another language: 'keine Drift-Alerts mehr' stops them, 'schick … hier rein' routes them again", async () => {
    const off = await world.ws.command("U0ENGINEER", "/sageops", "ask bitte keine Drift-Alerts mehr für churn-prod hier");
    expect(JSON.stringify(off.reply?.args)).toContain("no longer gets drift alerts for `churn-prod`");
    const on = await world.ws.command("U0ENGINEER", "/sageops", "ask schick die Drift-Alerts von churn-prod wieder hier rein");
    expect(JSON.stringify(on.reply?.args)).toMatch(/<#C0MLOPS> (now|already) gets drift alerts for `churn-prod`/);
  });

  it("unsubscribing stops a channel's alerts", async () => {
    const { reply } = await world.ws.command("U0ENGINEER", "/sageops", "drift unsubscribe churn-prod");
    expect(JSON.stringify(reply?.args)).toContain("no longer gets drift alerts for `churn-prod`");
    const listed = await world.ws.command("U0ENGINEER", "/sageops", "drift");
    expect(JSON.stringify(listed.reply?.args)).toContain("This channel gets no drift alerts");
  });
});

describe("drift alerts routed in plain words that name no endpoint, through the bot", () => {
  const world = useHttpHarness();

  async function mention(text: string, ts: string): Promise<StoredMessage> {
    const event = { type: "app_mention", channel: "C0MLOPS", user: "U0ENGINEER", text: `<@${world.h.slack.botUserId}> ${text}`, ts, event_ts: ts };
    expect((await world.h.client.postEvent(eventEnvelope({ teamId: world.h.slack.teamId, botUserId: world.h.slack.botUserId, event }))).status).toBe(200);
    return waitFor(() => world.h.slack.messagesIn("C0MLOPS", ts).find((message) => message.threadTs === ts && message.ts !== ts), { what: `the reply to "${text}"` });
  }

  /** Whether `/sageops drift list` shows a subscription of #mlops to churn-prod. */
  const heardHere = async (): Promise<boolean> => JSON.stringify((await world.ws.command("U0ENGINEER", "/sageops", "drift list")).reply?.args).includes("`churn-prod` → <#C0MLOPS> (here)");

  it("'turn on drift alerts for this channel' offers the endpoints as buttons; the pick subscribes; 'mute drift alerts for this channel' ends them all", async () => {
    const asked = await mention("turn on drift alerts for this channel :bell:", "1795690000.000100");
    expect(asked.text).toContain("Drift alerts for which endpoint?");
    const offered = buttonsIn(asked);
    const prod = offered.find((button) => button.value === "send drift alerts for churn-prod to <#C0MLOPS>");
    if (!prod) throw new Error(`no button for churn-prod: ${JSON.stringify(offered)}`);
    expect(await heardHere()).toBe(false);

    await world.ws.click("U0ENGINEER", asked, prod.actionId);
    await waitFor(() => world.h.slack.messagesIn("C0MLOPS").some((m) => (m.text ?? "").includes("This channel now gets drift alerts for `churn-prod`")), { what: "the confirmation in the channel" });

    expect(await heardHere()).toBe(true);
    // The slash command without an endpoint asks the same, now without the endpoint already heard of.
    const again = await world.ws.command("U0ENGINEER", "/sageops", "drift subscribe");
    expect(JSON.stringify(again.reply?.args)).not.toContain("send drift alerts for churn-prod");

    const muted = await mention("mute drift alerts for this channel", "1795690000.000200");
    expect(muted.text).toContain("<#C0MLOPS> no longer gets drift alerts for `churn-prod`");
    expect(await heardHere()).toBe(false);
    const none = await mention("stop posting drift alerts in here please", "1795690000.000300");
    expect(none.text).toContain("<#C0MLOPS> gets no drift alerts.");
  });
});
