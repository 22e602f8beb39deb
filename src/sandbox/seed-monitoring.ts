/**
 * The example's drift watching on churn-prod: a baseline in S3 for each monitor type, one schedule
 * of each type, and the team's own drift job writing reports under its S3 prefix. The story, with
 * "now" the start and T the top of its hour: churn-prod's traffic drifts from T. The data-quality
 * schedule (hourly) has a clean run in its history and finds drift from its run at T; the team's
 * drift job (every three hours, at half past) finds it from its first run after T. Model quality
 * (every two hours) and explainability (every six) had a bad stretch yesterday, are clean at the
 * start and follow the drift three hours after T, once labels for the drifted traffic are in; bias
 * (every four hours) likewise, seven hours after T. So a watcher's first read finds every monitor
 * clean but the one the story starts with, and alerts arrive as time passes (or at once, with
 * `runNow`). About one run in twelve fails, whatever the story (monitoring.ts).
 */
import { parseScheduleExpression } from "./cron.js";
import { DAY, HOUR, MINUTE, parseS3Uri } from "./env.js";
import { ANALYSIS_OF_MONITORING_TYPE, baselineReport, type MonitoringType } from "./monitor-reports.js";
import type { DriftWindow } from "./monitoring.js";
import { SEED } from "./seed-constants.js";
import type { SandboxState } from "./state.js";

interface ScheduleSeed {
  type: MonitoringType;
  expression: string;
  image: string;
  environment?: Record<string, string>;
  /** When its runs find drift, in hours from T: [from, until) pairs, or [from] open-ended. */
  driftHours: readonly (readonly [number, number?])[];
}

const SCHEDULES: readonly ScheduleSeed[] = [
  { type: "DataQuality", expression: "cron(0 * ? * * *)", image: SEED.modelMonitorImage, driftHours: [[0]] },
  {
    type: "ModelQuality",
    expression: "cron(0 */2 ? * * *)",
    image: SEED.modelMonitorImage,
    environment: { analysis_type: "MODEL_QUALITY", problem_type: "BinaryClassification", inference_attribute: "0", probability_attribute: "0", probability_threshold_attribute: "0.5" },
    driftHours: [[-28, -18], [3]],
  },
  { type: "ModelBias", expression: "cron(0 */4 ? * * *)", image: SEED.clarifyImage, driftHours: [[-40, -32], [7]] },
  { type: "ModelExplainability", expression: "cron(0 */6 ? * * *)", image: SEED.clarifyImage, driftHours: [[-27, -20], [3]] },
];

function driftWindows(schedule: ScheduleSeed, topOfHour: number): DriftWindow[] {
  return schedule.driftHours.map(([from, until]) => ({ from: topOfHour + from * HOUR, ...(until === undefined ? {} : { until: topOfHour + until * HOUR }) }));
}

function scheduleRequest(schedule: ScheduleSeed): Record<string, unknown> {
  const baseline = SEED.baselines[schedule.type];
  return {
    MonitoringScheduleName: SEED.monitoringSchedules[schedule.type],
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: schedule.expression },
      MonitoringType: schedule.type,
      MonitoringJobDefinition: {
        BaselineConfig: {
          ConstraintsResource: { S3Uri: baseline.constraints },
          ...("statistics" in baseline ? { StatisticsResource: { S3Uri: baseline.statistics } } : {}),
        },
        MonitoringInputs: [{ EndpointInput: { EndpointName: SEED.endpoint, LocalPath: "/opt/ml/processing/input/endpoint", S3InputMode: "File", S3DataDistributionType: "FullyReplicated" } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: SEED.monitoringOutput, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }] },
        MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20 } },
        MonitoringAppSpecification: { ImageUri: schedule.image },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        ...(schedule.environment ? { Environment: schedule.environment } : {}),
        RoleArn: SEED.roleArn,
      },
    },
  };
}

/** Each monitor type's baseline files, where SEED.baselines says, written at `at`. */
export function putBaselines(state: SandboxState, at: number): void {
  for (const { type } of SCHEDULES) {
    const uris: Readonly<Record<string, string>> = SEED.baselines[type];
    for (const file of baselineReport(ANALYSIS_OF_MONITORING_TYPE[type], "BinaryClassification", at)) {
      const uri = file.name === "statistics.json" ? uris["statistics"] : uris["constraints"];
      const target = uri === undefined ? undefined : parseS3Uri(uri);
      if (target) state.s3.put(target.bucket, target.key, file.body, { contentType: "application/json", at });
    }
  }
}

/** The schedules and the drift job (after putBaselines), so that `startMs` is "now". */
export function seedMonitoring(state: SandboxState, startMs: number): void {
  const topOfHour = Math.floor(startMs / HOUR) * HOUR;
  // The data-quality schedule has one hourly run in its history; the others have two days of runs
  // behind them. Created oldest first, each told its story before time moves on: the sandbox's
  // time only moves forward, running what is due as it goes.
  const created = SCHEDULES.map((schedule) => ({ schedule, at: schedule.type === "DataQuality" ? topOfHour - 90 * MINUTE : startMs - 2 * DAY })).sort((a, b) => a.at - b.at);
  for (const { schedule, at } of created) {
    state.perform("CreateMonitoringSchedule", scheduleRequest(schedule), at);
    state.monitoring.findDriftWithin(SEED.monitoringSchedules[schedule.type], driftWindows(schedule, topOfHour));
  }

  const cadence = parseScheduleExpression("cron(30 */3 ? * * *)");
  if (!cadence) throw new Error("the drift job's schedule expression does not parse");
  state.driftJobs.start({ prefix: SEED.driftReportPrefix, cadence, driftFrom: topOfHour }, startMs - DAY);
}
