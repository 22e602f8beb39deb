import { AddTagsCommand, DescribeEndpointCommand, ListTagsCommand } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { useTestSandbox } from "../support/sandbox.js";

describe("sandbox tags", () => {
  const t = useTestSandbox();

  it("keeps the tags a Create call carried, and those added later, by ARN", async () => {
    const endpoint = await t.sagemaker.send(new DescribeEndpointCommand({ EndpointName: "churn-prod" }));
    const arn = endpoint.EndpointArn ?? "";
    expect((await t.sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: "sageops:environment", Value: "prod" }]);
    await t.sagemaker.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "team", Value: "churn" }, { Key: "sageops:environment", Value: "prod" }] }));
    const tags = (await t.sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? [];
    expect(tags.map((tag) => tag.Key).sort()).toEqual(["sageops:environment", "team"]);
  });

  it("refuses a ResourceArn that is not a SageMaker ARN, as SageMaker does", async () => {
    await expect(t.sagemaker.send(new ListTagsCommand({ ResourceArn: "not-an-arn" }))).rejects.toMatchObject({ name: "ValidationException" });
  });
});
