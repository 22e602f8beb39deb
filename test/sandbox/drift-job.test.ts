import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { parseStatistics } from "../../src/watch/monitor-baseline.js";
import { parseConstraintViolations } from "../../src/watch/monitor-report.js";
import { s3Report, useTestSandbox } from "../support/sandbox.js";

describe("the example team's own drift job, writing Model Monitor's files under its S3 prefix", () => {
  const t = useTestSandbox();

  const reports = async (): Promise<{ key: string; modified?: Date }[]> => {
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: SEED.bucket, Prefix: "churn/drift-reports/churn-prod/" }));
    return (listed.Contents ?? []).filter((o) => o.Key?.endsWith("/constraint_violations.json")).map((o) => ({ key: o.Key ?? "", modified: o.LastModified }));
  };

  it("has a day of runs behind it, every three hours, clean before churn-prod's traffic drifted", async () => {
    const runs = await reports();
    expect(runs.map((r) => r.key.split("/")[3])).toEqual(["20261125T093000Z", "20261125T123000Z", "20261125T153000Z", "20261125T183000Z", "20261125T213000Z", "20261126T003000Z", "20261126T033000Z", "20261126T063000Z"]);
    for (const run of runs) {
      const uri = `s3://${SEED.bucket}/${run.key}`;
      expect((await s3Report(t.s3, uri, parseConstraintViolations)).entryCount).toBe(0);
      expect((await s3Report(t.s3, uri.replace("constraint_violations.json", "statistics.json"), parseStatistics)).skippedCount).toBe(0);
    }
  });

  it("its next run, as time passes, is the newest and finds the drift, in files the bot's parsers read whole", async () => {
    t.clock.advance(40 * 60);
    const newest = (await reports()).at(-1);
    expect(newest?.key).toBe("churn/drift-reports/churn-prod/20261126T093000Z/constraint_violations.json");
    expect(newest?.modified?.toISOString()).toBe("2026-11-26T09:34:00.000Z");
    const uri = `${SEED.driftReportPrefix}20261126T093000Z`;
    const report = await s3Report(t.s3, `${uri}/constraint_violations.json`, parseConstraintViolations);
    expect(report.unrecognisedCount).toBe(0);
    expect(report.violations.map((v) => v.checkType)).toContain("baseline_drift_check");
    const statistics = await s3Report(t.s3, `${uri}/statistics.json`, parseStatistics);
    expect(statistics.features.get("monthly_charges")?.distribution?.buckets).toHaveLength(10);
  });
});
