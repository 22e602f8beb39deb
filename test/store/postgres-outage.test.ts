import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { slashCommandPayload } from "../../src/console/payloads.js";
import { StoreUnavailable } from "../../src/kernel/store-errors.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { SqlPlanRepository } from "../../src/store/plans.js";
import { type HttpHarness, startHttpHarness, Workspace } from "../support/harness.js";
import { freePort } from "../support/ports.js";
import { freshPostgresStore, type PostgresServer, startThrowawayCluster } from "../support/postgres.js";
import { waitFor } from "../support/wait.js";

const skipped = inject("postgresSkipReason");

/** Its own cluster, so stopping it stops no other test's. */
describe.skipIf(skipped !== "")("the bot on PostgreSQL when the server stops and comes back", () => {
  let server: PostgresServer | undefined;
  let h: HttpHarness | undefined;
  beforeAll(async () => {
    const started = startThrowawayCluster(await freePort());
    if (typeof started === "string") throw new Error(started);
    server = started;
    const { url, db } = freshPostgresStore(started.adminUrl);
    db.close();
    h = await startHttpHarness({ env: { SAGEOPS_DATABASE_URL: url } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    server?.stop();
  });

  it("a command during the outage is told nothing was done; a plan's Confirm during it changes nothing; after it, both work and the plan runs once", async () => {
    if (!h || !server?.pause || !server.resume) throw new Error("no harness");
    const ws = new Workspace(h);
    const plan = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    expect(h.bot.core.plans).toBeInstanceOf(SqlPlanRepository);

    server.pause();
    try {
      const posts = h.slack.callsTo("chat.postMessage").length;
      const payload = slashCommandPayload({ userId: "U0ENGINEER", teamId: h.slack.teamId, command: "/train", text: "churn-xgb", channelId: "C0MLOPS", responseUrl: h.slack.newResponseUrl({ channel: "C0MLOPS", user: "U0ENGINEER" }) });
      const during = await h.client.postCommand(payload);
      expect(during.status).toBe(200);
      expect(during.body).toContain("database is not answering");
      expect(h.slack.callsTo("chat.postMessage")).toHaveLength(posts);
      const click = await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
      expect(click.status).not.toBe(200);
      expect(() => h?.bot.core.plans.get("p-anything")).toThrow(StoreUnavailable);
    } finally {
      server.resume();
    }

    h.sandbox.resetCalls();
    const after = await ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    expect(JSON.stringify(after.blocks)).toContain("Train churn-xgb");
    await ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => h?.sandbox.countCalls("CreateTrainingJob") === 1, { what: "the job of the plan confirmed after the outage" });
    await waitFor(() => JSON.stringify(ws.message(plan).blocks).includes("accepted it"), { what: "the plan message to show it started" });
    expect(h.sandbox.countCalls("CreateTrainingJob")).toBe(1);
  }, 120_000);
});
