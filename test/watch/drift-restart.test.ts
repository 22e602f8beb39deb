
import { describe, expect, it } from "vitest";
import { DRIFT_BUTTONS } from "../../src/slack/blocks/drift-alert.js";
import { startHttpHarness, useRestartableWorld, Workspace } from "../support/harness.js";

/** Drift alerts across a restart and across two bot processes on one database. */
describe("drift alerts, across restarts and replicas", () => {
  const world = useRestartableWorld();

  const alerts = () => world.slack.messagesIn("C0ALERTS").filter((m) => !m.threadTs && JSON.stringify(m.blocks ?? []).includes(DRIFT_BUTTONS.report));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it("a restart neither re-alerts nor misses a run that finished while the bot was down; two processes alert once", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    await first.bot.core.driftWatcher.checkOnce();
    world.sandbox.clock.advance(20 * 60);
    await first.bot.core.driftWatcher.checkOnce();
    await settle();
    const afterFirst = alerts().length;
    expect(afterFirst).toBeGreaterThan(0);
    await first.close();

    // Down for two hours: the 10:00 and 11:00 runs finish meanwhile.
    world.sandbox.clock.advance(2 * 3600);
    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const third = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      await Promise.all([second.bot.core.driftWatcher.checkOnce(), third.bot.core.driftWatcher.checkOnce()]);
      await settle();
      const told = alerts().slice(afterFirst);
      const repeats = world.slack.messagesIn("C0ALERTS").filter((m) => m.threadTs && (m.text ?? "").includes("again in the run"));
      // Every run that finished while down is told once: as a new alert or as a repeat in the first one's thread.
      const runsTold = told.length + repeats.length;
      expect(runsTold).toBeGreaterThan(0);
      // The run each message is about: its time as the alert's context line, or the repeat's text, gives it.
      const runOf = (m: (typeof told)[number]): string => /run of (?:<!date\^\d+\^[^|]*\|)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)/.exec(`${m.text ?? ""} ${JSON.stringify(m.blocks)}`)?.[1] ?? "unknown";
      const runTimes = [...told, ...repeats].map(runOf);
      expect(runTimes).not.toContain("unknown");
      expect(new Set(runTimes).size).toBe(runTimes.length);
      // The data-quality runs that finished while the bot was down (10:00 and 11:00) are among them.
      expect(runTimes.filter((t) => t.startsWith("2026-11-26T10:00") || t.startsWith("2026-11-26T11:00")).length).toBeGreaterThanOrEqual(1);
      // And again: nothing more.
      await Promise.all([second.bot.core.driftWatcher.checkOnce(), third.bot.core.driftWatcher.checkOnce()]);
      await settle();
      expect(alerts().length).toBe(afterFirst + told.length);
    } finally {
      await second.close();
      await third.close();
    }
  });

  it("a subscription made in Slack is kept across a restart", async () => {
    const first = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    const { reply } = await new Workspace(first).command("U0ENGINEER", "/sageops", "drift subscribe churn-prod");
    expect(JSON.stringify(reply?.args)).toContain("now gets drift alerts for `churn-prod`");
    await first.close();
    const second = await startHttpHarness({ slack: world.slack, sandbox: world.sandbox, env: { SAGEOPS_DB: world.db } });
    try {
      const listed = await new Workspace(second).command("U0ENGINEER", "/sageops", "drift list");
      expect(JSON.stringify(listed.reply?.args)).toContain("<#C0MLOPS> (here) (by <@U0ENGINEER>)");
    } finally {
      await second.close();
    }
  });
});
