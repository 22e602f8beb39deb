import { describe, expect, it } from "vitest";
import { createReadiness, describeSageMakerError, describeSlackError } from "../../src/compose/readiness.js";
import { SageMakerError } from "../../src/kernel/sagemaker-port.js";

const fine = async (): Promise<unknown> => ({ ok: true });

describe("the readiness check", () => {
  it("is ready when the store, Slack and SageMaker answer; with no watcher lease this process runs the watchers", async () => {
    const ready = createReadiness({ store: () => 1, slack: fine, sagemaker: fine });
    expect(await ready()).toEqual({ ready: true, checks: { store: { ok: true }, slack: { ok: true }, sagemaker: { ok: true }, watcher: { self: true } } });
  });

  it("reports who holds the watcher lease, and nobody when the lease is free; the lease never decides readiness", async () => {
    const held = createReadiness({ store: () => 1, slack: fine, sagemaker: fine, watcherLease: () => ({ holder: "host-b:4242", self: false }) });
    expect((await held()).checks.watcher).toEqual({ holder: "host-b:4242", self: false });
    expect((await held()).ready).toBe(true);
    const free = createReadiness({ store: () => 1, slack: fine, sagemaker: fine, watcherLease: () => undefined });
    expect((await free()).checks.watcher).toEqual({ self: false });
    const errors: unknown[] = [];
    const broken = createReadiness({
      store: () => 1,
      slack: fine,
      sagemaker: fine,
      watcherLease: () => {
        throw new Error("lease table gone");
      },
      onLeaseError: (error) => errors.push(error),
    });
    expect((await broken()).checks.watcher).toEqual({ self: false });
    expect(errors).toHaveLength(1);
  });

  it("asks Slack and SageMaker again only after 30 s when they were fine, after 5 s when not; the store every time", async () => {
    let clock = 0;
    const asked = { store: 0, slack: 0, sagemaker: 0 };
    let sagemakerUp = false;
    const ready = createReadiness({
      store: () => (asked.store += 1),
      slack: async () => (asked.slack += 1),
      sagemaker: async () => {
        asked.sagemaker += 1;
        if (!sagemakerUp) throw new SageMakerError("Unavailable", "down", "ServiceUnavailable");
      },
      now: () => clock,
    });
    const first = await ready();
    expect(first.ready).toBe(false);
    expect(first.checks.sagemaker).toEqual({ ok: false, detail: "SageMaker answered ServiceUnavailable (Unavailable)" });
    await Promise.all([ready(), ready(), ready()]);
    expect(asked).toEqual({ store: 4, slack: 1, sagemaker: 1 });
    sagemakerUp = true;
    clock = 4_999;
    expect((await ready()).ready).toBe(false);
    clock = 5_000;
    expect((await ready()).ready).toBe(true);
    expect(asked.sagemaker).toBe(2);
    clock = 29_999;
    await ready();
    expect(asked.slack).toBe(1);
    clock = 30_000;
    await ready();
    expect(asked).toEqual({ store: 8, slack: 2, sagemaker: 2 });
  });

  it("shares one call among probes arriving while it runs", async () => {
    let calls = 0;
    let answer: () => void = () => undefined;
    const ready = createReadiness({
      store: () => 1,
      slack: fine,
      sagemaker: () => {
        calls += 1;
        return new Promise<void>((resolve) => {
          answer = resolve;
        });
      },
    });
    const probes = [ready(), ready(), ready()];
    await new Promise((resolve) => setTimeout(resolve, 10));
    answer();
    const reports = await Promise.all(probes);
    expect(calls).toBe(1);
    expect(reports.every((report) => report.ready)).toBe(true);
  });

  it("counts a check that does not answer in time as not ready, and says so", async () => {
    const ready = createReadiness({ store: () => 1, slack: () => new Promise(() => undefined), sagemaker: fine, timeoutMs: 50 });
    const report = await ready();
    expect(report.ready).toBe(false);
    expect(report.checks.slack).toEqual({ ok: false, detail: "Slack did not answer auth.test within 0.05 s" });
  });

  it("says why the store failed by its code, not its message", async () => {
    const ready = createReadiness({
      store: () => {
        throw Object.assign(new Error("SQLITE_CANTOPEN: /secret/path/sageops.db"), { code: "SQLITE_CANTOPEN" });
      },
      slack: fine,
      sagemaker: fine,
    });
    const report = await ready();
    expect(report.ready).toBe(false);
    expect(report.checks.store).toEqual({ ok: false, detail: "the store could not be read (SQLITE_CANTOPEN)" });
  });
});

describe("what a failed check says", () => {
  it("names Slack's error code, or the network's, and treats a rate limit as Slack being there", () => {
    expect(describeSlackError({ code: "slack_webapi_platform_error", data: { error: "invalid_auth" }, message: "An API error occurred: invalid_auth xoxb-secret" }, 5000)).toEqual({ ok: false, detail: "Slack refused auth.test: invalid_auth" });
    expect(describeSlackError({ code: "slack_webapi_request_error", original: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }) }, 5000)).toEqual({ ok: false, detail: "Slack could not be reached (ECONNREFUSED)" });
    expect(describeSlackError({ code: "slack_webapi_rate_limited_error", retryAfter: 3 }, 5000)).toEqual({ ok: true, detail: "Slack is rate-limiting auth.test" });
    expect(describeSlackError(new Error("something odd with xoxb-secret"), 5000)).toEqual({ ok: false, detail: "Slack could not be reached" });
  });

  it("names SageMaker's error by AWS's name and our code, an unreachable SageMaker by the network's code, never the message", () => {
    const denied = new SageMakerError("AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/x is not authorized; key AKIA...", "AccessDeniedException");
    expect(describeSageMakerError(denied, 5000)).toBe("SageMaker answered AccessDeniedException (AccessDenied)");
    const refused = new SageMakerError("Other", "connect ECONNREFUSED 127.0.0.1:9", "Error", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
    expect(describeSageMakerError(refused, 5000)).toBe("SageMaker could not be reached (ECONNREFUSED)");
    expect(describeSageMakerError(new SageMakerError("Other", "odd", "has spaces and: secrets"), 5000)).toBe("SageMaker failed (Other)");
  });
});
