/**
 * A team's own drift job, outside SageMaker: a scheduled script that checks an endpoint's captured
 * data against its baseline and writes Model Monitor's data-quality files under an S3 prefix, one
 * folder per run (`<prefix><run-id>/constraint_violations.json` and `statistics.json`), as teams do
 * where Model Monitor is not available to them. The sandbox runs it on its timeline like everything
 * else, so new reports appear as simulated time passes.
 */
import type { Cadence } from "./cron.js";
import { joinS3, MINUTE, parseS3Uri, type SandboxEnv } from "./env.js";
import { runReport } from "./monitor-reports.js";
import { unitHash } from "./random.js";

export interface DriftJobSpec {
  /** `s3://bucket/prefix/`, where the run folders go. */
  prefix: string;
  cadence: Cadence;
  /** Runs scheduled from here on find drift and earlier ones do not; without it, about one run in four does. */
  driftFrom?: number;
}

/** How long a run takes before its files are in S3. */
const RUN_TIME = 4 * MINUTE;

/** `20261126T060000Z`: a run's folder, in time order. */
function runId(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

export class TeamDriftJobs {
  constructor(private readonly env: SandboxEnv) {}

  /** Runs the job at every scheduled time after `from`. */
  start(spec: DriftJobSpec, from: number): void {
    const target = parseS3Uri(spec.prefix);
    if (!target) throw new RangeError(`a drift job writes under an s3:// prefix, not ${spec.prefix}`);
    const slot = spec.cadence.next(from);
    this.env.timeline.schedule(slot, () => {
      const seed = `${spec.prefix}|${slot}`;
      const drifted = spec.driftFrom !== undefined ? slot >= spec.driftFrom : unitHash(seed) < 1 / 4;
      const report = runReport("data-quality", { seed, drifted, at: slot, problemType: "BinaryClassification" });
      const folder = joinS3(target.key, runId(slot));
      this.env.timeline.schedule(slot + RUN_TIME, (at) => {
        for (const file of report.files) this.env.s3.put(target.bucket, joinS3(folder, file.name), file.body, { contentType: "application/json", at });
      });
      this.start(spec, slot);
    });
  }
}
