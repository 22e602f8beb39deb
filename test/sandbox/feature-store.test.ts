import {
  CreateFeatureGroupCommand,
  type CreateFeatureGroupCommandInput,
  DeleteFeatureGroupCommand,
  DescribeFeatureGroupCommand,
  DescribeFeatureMetadataCommand,
  ListFeatureGroupsCommand,
  ListTagsCommand,
  UpdateFeatureMetadataCommand,
} from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { SEED } from "../../src/sandbox/index.js";
import { START_MS } from "../support/constants.js";
import { SAGEMAKER_ROLE_ARN, useTestSandbox } from "../support/sandbox.js";
import { groupRequest } from "./feature-groups.js";

describe("sandbox Feature Store: the example company's feature groups", () => {
  const t = useTestSandbox();

  it("customer-profile (online and offline) and customer-activity (offline) are Created, with their descriptions", async () => {
    const listed = await t.sagemaker.send(new ListFeatureGroupsCommand({ SortBy: "Name", SortOrder: "Ascending" }));
    expect(listed.FeatureGroupSummaries?.map((g) => [g.FeatureGroupName, g.FeatureGroupStatus, g.OfflineStoreStatus?.Status])).toEqual([
      ["customer-activity", "Created", "Active"],
      ["customer-profile", "Created", "Active"],
    ]);

    const profile = await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: SEED.featureGroups.profile }));
    expect(profile).toMatchObject({
      FeatureGroupArn: "arn:aws:sagemaker:us-east-1:123456789012:feature-group/customer-profile",
      RecordIdentifierFeatureName: "customer_id",
      EventTimeFeatureName: "event_time",
      OnlineStoreConfig: { EnableOnlineStore: true },
      FeatureGroupStatus: "Created",
      OfflineStoreStatus: { Status: "Active" },
      RoleArn: SAGEMAKER_ROLE_ARN,
      Description: expect.stringContaining("tenure"),
      NextToken: "",
    });
    expect(profile.FeatureDefinitions?.map((f) => `${f.FeatureName}:${f.FeatureType}`)).toEqual([
      "customer_id:String",
      "event_time:Fractional",
      "tenure_months:Integral",
      "monthly_charges:Fractional",
      "total_charges:Fractional",
      "contract_type:String",
    ]);
    const created = Math.floor((profile.CreationTime?.getTime() ?? 0) / 1000);
    expect(profile.OfflineStoreConfig?.S3StorageConfig).toEqual({
      S3Uri: "s3://sageops-demo/feature-store/",
      ResolvedOutputS3Uri: `s3://sageops-demo/feature-store/123456789012/sagemaker/us-east-1/offline-store/customer-profile-${created}/data`,
    });
    expect(profile.OfflineStoreConfig?.DataCatalogConfig).toEqual({ TableName: `customer_profile_${created}`, Catalog: "AwsDataCatalog", Database: "sagemaker_featurestore" });

    const activity = await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: profile.FeatureGroupArn?.replace("customer-profile", "customer-activity") }));
    expect(activity.OnlineStoreConfig).toBeUndefined();
    expect(activity.FeatureDefinitions?.map((f) => f.FeatureName)).toEqual(["customer_id", "event_time", "support_calls_30d", "logins_7d", "last_login_days"]);
    expect(activity.Description).toMatch(/support calls and logins/);
  });

  it("each seeded feature has a description and parameters in its metadata", async () => {
    const tenure = await t.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: SEED.featureGroups.profile, FeatureName: "tenure_months" }));
    expect(tenure).toMatchObject({ FeatureGroupName: "customer-profile", FeatureName: "tenure_months", FeatureType: "Integral", Description: "Months since the customer signed up" });
    expect(tenure.Parameters).toEqual([
      { Key: "unit", Value: "months" },
      { Key: "source", Value: "billing" },
    ]);
    const calls = await t.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: SEED.featureGroups.activity, FeatureName: "support_calls_30d" }));
    expect(calls.Description).toBe("Calls to customer support in the last 30 days");
    await expect(t.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: SEED.featureGroups.profile, FeatureName: "shoe_size" }))).rejects.toMatchObject({ name: "ResourceNotFound" });
  });
});

describe("sandbox Feature Store: creating, listing and deleting feature groups", () => {
  const t = useTestSandbox();

  it("a new group is Creating for a minute, then Created; its tags and its metadata can be read and changed", async () => {
    const { FeatureGroupArn } = await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("scores", { Description: "Risk scores", Tags: [{ Key: "team", Value: "risk" }] })));
    expect(FeatureGroupArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:feature-group/scores");
    const creating = await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "scores" }));
    expect(creating).toMatchObject({ FeatureGroupStatus: "Creating", Description: "Risk scores", ThroughputConfig: { ThroughputMode: "OnDemand" } });
    expect(creating.OfflineStoreStatus).toBeUndefined();
    expect(creating.CreationTime?.getTime()).toBe(START_MS);
    await expect(t.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: "scores", FeatureName: "score", Description: "too early" }))).rejects.toMatchObject({ name: "ValidationException" });

    t.clock.advance(60);
    const created = await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: FeatureGroupArn }));
    expect(created).toMatchObject({ FeatureGroupStatus: "Created", OfflineStoreStatus: { Status: "Active" } });
    expect((await t.sagemaker.send(new ListTagsCommand({ ResourceArn: FeatureGroupArn }))).Tags).toEqual([{ Key: "team", Value: "risk" }]);

    await t.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: "scores", FeatureName: "score", Description: "The model's risk score", ParameterAdditions: [{ Key: "range", Value: "0-1" }, { Key: "owner", Value: "risk team" }] }));
    await t.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: "scores", FeatureName: "score", ParameterRemovals: ["owner"] }));
    const metadata = await t.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: "scores", FeatureName: "score" }));
    expect(metadata).toMatchObject({ Description: "The model's risk score", Parameters: [{ Key: "range", Value: "0-1" }], LastModifiedTime: new Date(START_MS + 60_000) });
  });

  it("refuses what SageMaker refuses: a taken name (ResourceInUse), definitions that do not hold together (ValidationException)", async () => {
    await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("taken")));
    await expect(t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("taken")))).rejects.toMatchObject({ name: "ResourceInUse", message: expect.stringContaining("already exists") });

    const refusals: [Partial<CreateFeatureGroupCommandInput>, RegExp][] = [
      [{ RecordIdentifierFeatureName: "customer" }, /RecordIdentifierFeatureName customer is not in FeatureDefinitions/],
      [{ EventTimeFeatureName: "when" }, /EventTimeFeatureName when is not in FeatureDefinitions/],
      [{ EventTimeFeatureName: "visits" }, /must be a feature of type Fractional .* or String .*, not Integral/],
      [{ RecordIdentifierFeatureName: "score" }, /must be a feature of type Integral or String, not Fractional/],
      [{ OfflineStoreConfig: undefined }, /at least one of OnlineStoreConfig .* and OfflineStoreConfig/],
      [{ OfflineStoreConfig: undefined, OnlineStoreConfig: { EnableOnlineStore: false } }, /at least one of OnlineStoreConfig/],
      [{ RoleArn: undefined }, /RoleArn is required/],
      [{ FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "Fractional" }, { FeatureName: "ID", FeatureType: "Integral" }] }, /more than once/],
      [{ FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "Fractional" }, { FeatureName: "write_time", FeatureType: "String" }] }, /is reserved/],
      [{ FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "Fractional" }, { FeatureName: "tags", FeatureType: "String", CollectionType: "List" }] }, /collection types are supported only by an online store with StorageType InMemory/],
      [{ FeatureDefinitions: [{ FeatureName: "id", FeatureType: "String" }, { FeatureName: "ts", FeatureType: "Decimal" as "String" }] }, /1 validation error detected: Value 'Decimal' at 'featureDefinitions.2.member.featureType' failed to satisfy constraint: Member must satisfy enum value set: \[Integral, Fractional, String\]/],
      [{ FeatureGroupName: "no spaces" }, /at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/],
      [{ Description: "x".repeat(129) }, /at 'description' failed to satisfy constraint: Member must have length less than or equal to 128/],
    ];
    for (const [overrides, message] of refusals) {
      await expect(t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("refused", overrides))), JSON.stringify(overrides)).rejects.toMatchObject({ name: "ValidationException", message: expect.stringMatching(message) });
    }
    await expect(t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "refused" }))).rejects.toMatchObject({ name: "ResourceNotFound" });

    // An InMemory online store takes collections, and takes longer to make.
    const vectors = groupRequest("embeddings", {
      OfflineStoreConfig: undefined,
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: "InMemory" },
      FeatureDefinitions: [
        { FeatureName: "id", FeatureType: "String" },
        { FeatureName: "ts", FeatureType: "String" },
        { FeatureName: "embedding", FeatureType: "Fractional", CollectionType: "Vector", CollectionConfig: { VectorConfig: { Dimension: 8 } } },
      ],
    });
    await t.sagemaker.send(new CreateFeatureGroupCommand(vectors));
    t.clock.advance(11 * 60);
    expect((await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "embeddings" }))).FeatureGroupStatus).toBe("Creating");
    t.clock.advance(60);
    const embeddings = await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "embeddings" }));
    expect(embeddings).toMatchObject({ FeatureGroupStatus: "Created", OnlineStoreConfig: { StorageType: "InMemory" } });
    expect(embeddings.OfflineStoreConfig).toBeUndefined();
    expect(embeddings.OfflineStoreStatus).toBeUndefined();
  });

  it("lists with SageMaker's filters, sorts and pages", async () => {
    const started = t.clock.now();
    for (const name of ["fg-alpha", "fg-bravo", "fg-charlie"]) {
      if (name !== "fg-alpha") t.clock.advance(30);
      await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest(name)));
    }
    const mine = { NameContains: "FG-" };
    const newestFirst = await t.sagemaker.send(new ListFeatureGroupsCommand(mine));
    expect(newestFirst.FeatureGroupSummaries?.map((g) => [g.FeatureGroupName, g.FeatureGroupStatus])).toEqual([
      ["fg-charlie", "Creating"],
      ["fg-bravo", "Creating"],
      ["fg-alpha", "Created"],
    ]);
    const creating = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, FeatureGroupStatusEquals: "Creating", SortBy: "Name", SortOrder: "Ascending" }));
    expect(creating.FeatureGroupSummaries?.map((g) => g.FeatureGroupName)).toEqual(["fg-bravo", "fg-charlie"]);
    const active = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, OfflineStoreStatusEquals: "Active" }));
    expect(active.FeatureGroupSummaries?.map((g) => g.FeatureGroupName)).toEqual(["fg-alpha"]);
    const byStatus = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, SortBy: "FeatureGroupStatus", SortOrder: "Ascending" }));
    expect(byStatus.FeatureGroupSummaries?.[0]?.FeatureGroupName).toBe("fg-alpha");
    const byOffline = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, SortBy: "OfflineStoreStatus", SortOrder: "Descending" }));
    expect(byOffline.FeatureGroupSummaries?.[0]?.FeatureGroupName).toBe("fg-alpha");
    const between = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, CreationTimeAfter: new Date(started), CreationTimeBefore: new Date(started + 60_000) }));
    expect(between.FeatureGroupSummaries?.map((g) => g.FeatureGroupName)).toEqual(["fg-bravo"]);

    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await t.sagemaker.send(new ListFeatureGroupsCommand({ ...mine, SortBy: "Name", SortOrder: "Descending", MaxResults: 2, NextToken: token }));
      names.push(...(page.FeatureGroupSummaries ?? []).map((g) => g.FeatureGroupName ?? ""));
      token = page.NextToken;
      pages += 1;
    } while (token !== undefined);
    expect(names).toEqual(["fg-charlie", "fg-bravo", "fg-alpha"]);
    expect(pages).toBe(2);
    await expect(t.sagemaker.send(new ListFeatureGroupsCommand({ NextToken: "not-a-token" }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(t.sagemaker.send(new ListFeatureGroupsCommand({ MaxResults: 101 }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("a deleted group is Deleting for half a minute, then gone; its name can then be taken again", async () => {
    await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("short-lived")));
    t.clock.advance(60);
    await t.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: "short-lived" }));
    expect((await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "short-lived" }))).FeatureGroupStatus).toBe("Deleting");
    await expect(t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("short-lived")))).rejects.toMatchObject({ name: "ResourceInUse" });
    t.clock.advance(30);
    await expect(t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "short-lived" }))).rejects.toMatchObject({ name: "ResourceNotFound", message: expect.stringContaining("short-lived") });
    expect((await t.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: "short-lived" }))).FeatureGroupSummaries).toEqual([]);
    await expect(t.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: "short-lived" }))).rejects.toMatchObject({ name: "ResourceNotFound" });
    await t.sagemaker.send(new CreateFeatureGroupCommand(groupRequest("short-lived")));
    expect((await t.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: "short-lived" }))).FeatureGroupStatus).toBe("Creating");
  });
});
