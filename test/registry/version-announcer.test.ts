import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { VersionFacts } from "../../src/actions/model-registry.js";
import { VersionAnnouncer } from "../../src/actions/version-announcer.js";
import type { ModelPackageSummary } from "../../src/kernel/sagemaker-port.js";
import { openDatabase } from "../../src/store/db.js";
import { SqlAnnouncementStore } from "../../src/store/version-announcements.js";
import { examplePolicy } from "../support/guard.js";

const arn = (version: number) => `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-xgb/${version}`;

/** The registry of churn-xgb as the announcer reads it, with versions added as the story goes. */
function registry() {
  const versions: ModelPackageSummary[] = [
    { ModelPackageGroupName: "churn-xgb", ModelPackageVersion: 1, ModelPackageArn: arn(1), ModelApprovalStatus: "Approved" },
    { ModelPackageGroupName: "churn-xgb", ModelPackageVersion: 2, ModelPackageArn: arn(2), ModelApprovalStatus: "PendingManualApproval" },
  ];
  const facts = (version: number): VersionFacts => ({
    group: "churn-xgb", version, arn: arn(version), status: versions.find((v) => v.ModelPackageVersion === version)?.ModelApprovalStatus ?? "unknown",
    metrics: [{ name: "auc", value: 0.9 }], metricsFrom: { kind: "none" }, trainingData: {}, hyperparameters: {}, servedBy: [], gaps: [],
  });
  return {
    add: (version: number) => versions.push({ ModelPackageGroupName: "churn-xgb", ModelPackageVersion: version, ModelPackageArn: arn(version), ModelApprovalStatus: "PendingManualApproval" }),
    port: { listModelPackages: async () => [...versions].reverse() },
    view: { version: async (ref: { version: unknown }) => ({ ok: true as const, value: facts(Number(ref.version)) }) },
  };
}

type Reporter = { announce: (channel: string, version: VersionFacts, approved: VersionFacts | undefined) => Promise<{ ts: string }> };

function announcerOn(file: string, world: ReturnType<typeof registry>, reporter: Reporter, clock: { now: Date }, errors: unknown[]) {
  return new VersionAnnouncer({ policy: examplePolicy(), port: world.port, registry: world.view, store: new SqlAnnouncementStore(openDatabase(file)), reporter, now: () => clock.now, onError: (error) => errors.push(error) });
}

describe("announcing new model versions", () => {
  it("versions there at the first read are not announced; a new one is announced once in the group's channel against the approved version, across two processes and a failed post", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sageops-announce-")), "sageops.db");
    const world = registry();
    const posted: { channel: string; version: number; approved?: number }[] = [];
    let failNext = false;
    const reporter = {
      announce: async (channel: string, version: VersionFacts, approved: VersionFacts | undefined) => {
        if (failNext) {
          failNext = false;
          throw new Error("Slack is down");
        }
        posted.push({ channel, version: version.version, approved: approved?.version });
        return { ts: `1795680000.00000${posted.length}` };
      },
    };
    const errors: unknown[] = [];
    const clock = { now: new Date("2026-11-26T09:00:00Z") };
    const first = announcerOn(file, world, reporter, clock, errors);
    const second = announcerOn(file, world, reporter, clock, errors);

    await first.wake();
    expect(posted).toEqual([]);

    world.add(3);
    failNext = true;
    await second.wake();
    expect(errors).toHaveLength(1);
    expect(posted).toEqual([]);

    // Within the failed claim's lease nobody posts it; after, one process does, once.
    await Promise.all([first.wake(), second.wake()]);
    expect(posted).toEqual([]);
    clock.now = new Date(clock.now.getTime() + 5 * 60_000);
    await Promise.all([first.wake(), second.wake()]);
    await first.wake();
    expect(errors.slice(1)).toEqual([]);
    expect(posted).toEqual([{ channel: "C0MLOPS", version: 3, approved: 1 }]);

    world.add(4);
    await second.wake();
    await first.wake();
    expect(posted.map((p) => p.version)).toEqual([3, 4]);
  });
});
