import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("the console, as a newcomer uses it", () => {
  it("asks a question and gets the Model Monitor answer with its link", async () => {
    const result = await runCli(["start"], { stdin: "which service detects data drift?\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("SageMaker Model Monitor");
    expect(result.stdout).toContain("https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html");
  });

  it("plans a training job, confirms it by typing the button's number, and sees it start on the sandbox", async () => {
    const result = await runCli(["start"], { stdin: "/train churn-xgb\n1\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Plan: Train churn-xgb");
    expect(result.stdout).toContain("[1] Confirm");
    expect(result.stdout).toContain('(you pressed "Confirm")');
    expect(result.stdout).toMatch(/SageMaker accepted it: arn:aws:sagemaker:us-east-1:123456789012:training-job\/churn-xgb-/);
  });

  it("a prod plan waits for an approver: the requester's own approval is refused, the approver's runs it", async () => {
    const result = await runCli(["start"], { stdin: "/train churn-xgb env=prod\n1\n3\n:as U0APPROVER\n3\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Approval needed");
    expect(result.stdout).toContain("someone else must approve it");
    expect(result.stdout).toMatch(/SageMaker accepted it: arn:aws:sagemaker:us-east-1:123456789012:training-job\/churn-xgb-/);
  });

  it("a deploy of a pending version to prod is refused with the reason", async () => {
    const result = await runCli(["start"], { stdin: "/deploy churn-xgb/2 to churn-prod\n" });
    expect(result.stdout).toContain("PendingManualApproval");
    expect(result.stdout).not.toContain("Plan: Deploy");
  });

  it("a deploy of the approved version to a new endpoint is planned and started", async () => {
    const result = await runCli(["start"], { stdin: "/deploy churn-xgb/1 to churn-dev env=dev\n1\n" });
    expect(result.stdout).toContain("churn-dev (new)");
    expect(result.stdout).toMatch(/SageMaker accepted it: arn:aws:sagemaker:us-east-1:123456789012:endpoint\/churn-dev/);
  });

  it("/train alone opens the form as questions; a bad answer is asked again; the plan follows", async () => {
    const result = await runCli(["start"], { stdin: "/train\nchurn-xgb\nnot-an-s3-uri\n\n2\n\ns3://sageops-demo/churn/train/\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('form "Train a model"');
    expect(result.stdout).toContain("? Recipe [churn-xgb]:");
    expect(result.stdout).toMatch(/! .*not an S3 URI/);
    expect(result.stdout).toContain("Plan: Train churn-xgb");
    expect(result.stdout).toContain("2 × ml.m5.xlarge");
  });
});
