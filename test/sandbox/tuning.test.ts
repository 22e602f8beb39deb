import {
  CreateHyperParameterTuningJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  ListHyperParameterTuningJobsCommand,
  ListTrainingJobsForHyperParameterTuningJobCommand,
  ResourceInUse,
  StopHyperParameterTuningJobCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { advanceUntil, tuningRequest, useTestSandbox } from "../support/sandbox.js";

describe("sandbox hyperparameter tuning jobs", () => {
  const t = useTestSandbox();

  it("runs MaxNumberOfTrainingJobs training jobs, never more than MaxParallelTrainingJobs at once, and reports the best one", async () => {
    await t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("churn-tune", 5, 2)));
    let mostInProgress = 0;
    const done = await advanceUntil(
      t.clock,
      async () => {
        const job = await t.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "churn-tune" }));
        mostInProgress = Math.max(mostInProgress, job.TrainingJobStatusCounters?.InProgress ?? 0);
        return job;
      },
      (job) => job.HyperParameterTuningJobStatus !== "InProgress",
      240,
    );
    expect(done.HyperParameterTuningJobStatus).toBe("Completed");
    expect(mostInProgress).toBe(2);
    expect(done.TrainingJobStatusCounters).toMatchObject({ Completed: 5, InProgress: 0, NonRetryableError: 0 });
    expect(done.ObjectiveStatusCounters).toMatchObject({ Succeeded: 5, Pending: 0 });

    const children = await t.sagemaker.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "churn-tune", SortBy: "FinalObjectiveMetricValue", SortOrder: "Descending" }));
    const summaries = children.TrainingJobSummaries ?? [];
    expect(summaries).toHaveLength(5);
    const best = summaries[0];
    expect(done.BestTrainingJob?.TrainingJobName).toBe(best?.TrainingJobName);
    expect(done.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric).toMatchObject({ MetricName: "validation:auc", Type: "Maximize" });
    for (const child of summaries) {
      expect(child.FinalHyperParameterTuningJobObjectiveMetric?.Value).toBeLessThanOrEqual(done.BestTrainingJob?.FinalHyperParameterTuningJobObjectiveMetric?.Value ?? 0);
      const depth = Number(child.TunedHyperParameters?.max_depth);
      expect(depth).toBeGreaterThanOrEqual(3);
      expect(depth).toBeLessThanOrEqual(10);
      const eta = Number(child.TunedHyperParameters?.eta);
      expect(eta).toBeGreaterThanOrEqual(0.05);
      expect(eta).toBeLessThanOrEqual(0.5);
    }

    // The tuning job's training jobs are ordinary training jobs, linked back to it.
    const child = await t.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: best?.TrainingJobName }));
    expect(child.TuningJobArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/churn-tune");
    expect(child.HyperParameters).toMatchObject({ objective: "binary:logistic", _tuning_objective_metric: "validation:auc" });

    const listed = await t.sagemaker.send(new ListHyperParameterTuningJobsCommand({ NameContains: "churn-tune", StatusEquals: "Completed" }));
    expect(listed.HyperParameterTuningJobSummaries?.map((s) => s.HyperParameterTuningJobName)).toEqual(["churn-tune"]);
  });

  it("a duplicate name is ResourceInUse; a name over 32 characters is a ValidationException", async () => {
    await t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("churn-tune-dup", 2, 1)));
    await expect(t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("churn-tune-dup", 2, 1)))).rejects.toBeInstanceOf(ResourceInUse);
    await expect(t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("a-tuning-job-name-well-over-32-characters", 2, 1)))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("stopping a tuning job stops its running training jobs and starts no more", async () => {
    await t.sagemaker.send(new CreateHyperParameterTuningJobCommand(tuningRequest("churn-tune-stop", 6, 2)));
    t.clock.advance(120);
    await t.sagemaker.send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "churn-tune-stop" }));
    const stopped = await advanceUntil(
      t.clock,
      () => t.sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "churn-tune-stop" })),
      (job) => job.HyperParameterTuningJobStatus === "Stopped",
    );
    expect(stopped.TrainingJobStatusCounters).toMatchObject({ Stopped: 2, Completed: 0, InProgress: 0 });
    const children = await t.sagemaker.send(new ListTrainingJobsForHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "churn-tune-stop" }));
    expect(children.TrainingJobSummaries?.map((c) => c.TrainingJobStatus)).toEqual(["Stopped", "Stopped"]);
  });
});
