import { Readable } from "node:stream";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, NoSuchBucket, NoSuchKey, NotFound, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { START_MS } from "../support/constants.js";
import { useTestSandbox } from "../support/sandbox.js";

describe("sandbox S3, through the real S3 SDK in path style", () => {
  const t = useTestSandbox();

  it("the example bucket holds the churn training and validation data", async () => {
    const train = await t.s3.send(new ListObjectsV2Command({ Bucket: "sageops-demo", Prefix: "churn/train/" }));
    expect(train.Contents?.map((o) => o.Key)).toEqual(["churn/train/train.csv"]);
    const validation = await t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "churn/validation/validation.csv" }));
    const rows = ((await validation.Body?.transformToString()) ?? "").trim().split("\n");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]?.split(",")[0]).toMatch(/^[01]$/);
    expect(validation.ContentType).toBe("text/csv");
  });

  it("an object put (as a string or a stream) reads back byte for byte, with its metadata", async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: "sageops-demo", Key: "notes/hello world.txt", Body: "héllo, sandbox\n", ContentType: "text/plain" }));
    const got = await t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "notes/hello world.txt" }));
    expect(await got.Body?.transformToString()).toBe("héllo, sandbox\n");
    expect(got.ContentType).toBe("text/plain");
    expect(got.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(got.LastModified?.getTime()).toBe(START_MS);

    const payload = Buffer.alloc(70_000, 7);
    await t.s3.send(new PutObjectCommand({ Bucket: "sageops-demo", Key: "notes/stream.bin", Body: Readable.from([payload]), ContentLength: payload.length }));
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: "sageops-demo", Key: "notes/stream.bin" }));
    expect(head.ContentLength).toBe(payload.length);
    const back = await t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "notes/stream.bin" }));
    expect(Buffer.from((await back.Body?.transformToByteArray()) ?? []).equals(payload)).toBe(true);
  });

  it("a missing key is NoSuchKey on GET and NotFound on HEAD; a missing bucket is NoSuchBucket", async () => {
    await expect(t.s3.send(new GetObjectCommand({ Bucket: "sageops-demo", Key: "nope.json" }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(t.s3.send(new HeadObjectCommand({ Bucket: "sageops-demo", Key: "nope.json" }))).rejects.toBeInstanceOf(NotFound);
    await expect(t.s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" }))).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it("ListObjectsV2 groups by delimiter and pages with continuation tokens", async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: "listing" }));
    for (const key of ["a/1.txt", "a/2.txt", "b/1.txt", "c.txt", "d.txt", "e.txt"]) await t.s3.send(new PutObjectCommand({ Bucket: "listing", Key: key, Body: key }));

    const top = await t.s3.send(new ListObjectsV2Command({ Bucket: "listing", Delimiter: "/" }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["a/", "b/"]);
    expect(top.Contents?.map((o) => o.Key)).toEqual(["c.txt", "d.txt", "e.txt"]);

    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: ListObjectsV2CommandOutput = await t.s3.send(new ListObjectsV2Command({ Bucket: "listing", MaxKeys: 4, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ""));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(keys).toEqual(["a/1.txt", "a/2.txt", "b/1.txt", "c.txt", "d.txt", "e.txt"]);

    const grouped: string[] = [];
    token = undefined;
    do {
      const page: ListObjectsV2CommandOutput = await t.s3.send(new ListObjectsV2Command({ Bucket: "listing", Delimiter: "/", MaxKeys: 2, ContinuationToken: token }));
      grouped.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ""), ...(page.Contents ?? []).map((o) => o.Key ?? ""));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(grouped.sort()).toEqual(["a/", "b/", "c.txt", "d.txt", "e.txt"]);
  });
});
