/**
 * `GET /readyz` and `GET /metrics` on the real bot in HTTP mode, over real HTTP: readiness with
 * each check, a 503 naming SageMaker when it cannot be reached, Prometheus text whose counters
 * move as people use the bot, and no secret in either answer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sandboxTarget } from "../../src/aws/clients.js";
import { PLAN_BUTTONS } from "../../src/slack/blocks/plan.js";
import { BOT_TOKEN } from "../support/constants.js";
import { SIGNING_SECRET, useHttpHarness } from "../support/harness.js";
import { freePort } from "../support/ports.js";
import { parseSamples, sampleValue } from "../support/prometheus.js";
import { waitFor } from "../support/wait.js";

/** What neither endpoint may ever show. */
const SECRETS = { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, accessKeyId: "AKIAPROBESENTINEL0042", secretAccessKey: "probeSentinelSecretKey0042", endpointUser: "probeuser0042", endpointPassword: "probepass0042" };

function expectNoSecrets(...texts: string[]): void {
  for (const text of texts) for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

describe("readiness and metrics over HTTP", () => {
  const world = useHttpHarness();

  async function metricsText(): Promise<string> {
    const response = await fetch(`${world.h.bot.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return response.text();
  }

  it("answers /readyz 200 when the store, Slack and SageMaker answer, saying so check by check", async () => {
    const response = await fetch(`${world.h.bot.url}/readyz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    // The harness runs no watchers of its own, so nobody holds the watcher lease yet.
    expect(await response.json()).toEqual({ ready: true, checks: { store: { ok: true }, slack: { ok: true }, sagemaker: { ok: true }, watcher: { self: false } } });
    expect(world.h.slack.callsTo("auth.test").length).toBeGreaterThan(0);
    // Once this process takes the lease, /readyz names it as the holder; when it lets go, nobody again.
    const leadership = world.h.bot.core.watcherLeadership;
    const stop = leadership.begin();
    try {
      const leading = (await (await fetch(`${world.h.bot.url}/readyz`)).json()) as { checks: { watcher: unknown } };
      expect(leading.checks.watcher).toEqual({ holder: leadership.self, self: true });
    } finally {
      await stop();
    }
    const after = (await (await fetch(`${world.h.bot.url}/readyz`)).json()) as { checks: { watcher: unknown } };
    expect(after.checks.watcher).toEqual({ self: false });
  });

  it("asks Slack's auth.test at most once in 30 s however often it is probed", async () => {
    const before = world.h.slack.callsTo("auth.test").length;
    for (let i = 0; i < 5; i += 1) expect((await world.h.client.get("/readyz")).status).toBe(200);
    expect(world.h.slack.callsTo("auth.test").length).toBe(before);
  });

  it("answers /metrics with Prometheus text whose counters move with a signed /train, its Confirm and the job it starts", async () => {
    const before = await metricsText();
    expect(parseSamples(before).length).toBeGreaterThan(0);
    const count = (text: string, name: string, labels: Record<string, string>) => sampleValue(text, name, labels) ?? 0;

    const plan = await world.ws.planFrom("U0ENGINEER", "/train", "churn-xgb");
    await world.ws.click("U0ENGINEER", plan, PLAN_BUTTONS.confirm);
    await waitFor(() => JSON.stringify(world.ws.message(plan).blocks).includes("Started"), { what: "the plan to show it started" });

    const after = await waitFor(
      async () => {
        const text = await metricsText();
        return count(text, "sageops_slack_requests_total", { kind: "action" }) > count(before, "sageops_slack_requests_total", { kind: "action" }) && text;
      },
      { what: "the click counted" },
    );
    expect(count(after, "sageops_slack_requests_total", { kind: "command" })).toBe(count(before, "sageops_slack_requests_total", { kind: "command" }) + 1);
    expect(count(after, "sageops_slack_ack_seconds_count", { kind: "command" })).toBe(count(before, "sageops_slack_ack_seconds_count", { kind: "command" }) + 1);
    // Every command was acknowledged within Slack's 3 s.
    expect(count(after, "sageops_slack_ack_seconds_bucket", { kind: "command", le: "3" })).toBe(count(after, "sageops_slack_ack_seconds_count", { kind: "command" }));
    expect(count(after, "sageops_sagemaker_calls_total", { operation: "CreateTrainingJob", outcome: "ok" })).toBe(count(before, "sageops_sagemaker_calls_total", { operation: "CreateTrainingJob", outcome: "ok" }) + 1);
    expect(count(after, "sageops_slack_posts_total", { method: "chat.postMessage", outcome: "ok" })).toBeGreaterThan(count(before, "sageops_slack_posts_total", { method: "chat.postMessage", outcome: "ok" }));
    expect(count(after, "sageops_slack_posts_total", { method: "chat.update", outcome: "ok" })).toBeGreaterThan(0);
    expect(sampleValue(after, "sageops_plans", { status: "started" })).toBe(1);
    expect(sampleValue(after, "sageops_tracked_resources_followed")).toBe(1);
    expect(sampleValue(after, "sageops_slack_pacer_queue_depth")).toBeGreaterThanOrEqual(0);
    expect(sampleValue(after, "sageops_slack_rate_limited_total", { method: "chat.postMessage" })).toBeUndefined();
    expect(sampleValue(after, "sageops_drift_alerts_posted_total")).toBe(0);
    // Node's process metrics share the registry.
    expect(parseSamples(after).some((s) => s.name === "process_cpu_user_seconds_total")).toBe(true);
  });

  it("shows neither the signing secret nor the bot token in /readyz or /metrics", async () => {
    const readyz = await world.h.client.get("/readyz");
    const metrics = await world.h.client.get("/metrics");
    expect([readyz.status, metrics.status]).toEqual([200, 200]);
    expectNoSecrets(readyz.body, metrics.body);
  });

  it("still answers /healthz 200, and anything but GET on the probes is not a route", async () => {
    expect((await world.h.client.get("/healthz")).status).toBe(200);
    expect((await fetch(`${world.h.bot.url}/readyz`, { method: "POST" })).status).toBe(404);
  });
});

describe("readiness when SageMaker cannot be reached", () => {
  let closed = 0;
  beforeAll(async () => {
    closed = await freePort();
  });
  const unreachable = useHttpHarness({
    awsTarget: (url, region) => ({
      ...sandboxTarget(url, region),
      // Nobody listens there; the URL and the credentials carry sentinels that must not come back.
      sagemakerEndpoint: `http://${SECRETS.endpointUser}:${SECRETS.endpointPassword}@127.0.0.1:${closed}`,
      credentials: { accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey },
    }),
  });

  it("answers /readyz 503, naming SageMaker and why (connection refused), with the store and Slack fine", async () => {
    const response = await unreachable.h.client.get("/readyz");
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body)).toEqual({
      ready: false,
      checks: { store: { ok: true }, slack: { ok: true }, sagemaker: { ok: false, detail: "SageMaker could not be reached (ECONNREFUSED)" }, watcher: { self: false } },
    });
  });

  it("counts the failed SageMaker read, and shows no secret in either answer", async () => {
    const readyz = await unreachable.h.client.get("/readyz");
    const metrics = await unreachable.h.client.get("/metrics");
    expect(metrics.status).toBe(200);
    expect(sampleValue(metrics.body, "sageops_sagemaker_calls_total", { operation: "ListEndpoints", outcome: "Other" })).toBeGreaterThanOrEqual(1);
    expectNoSecrets(readyz.body, metrics.body);
  });
});
