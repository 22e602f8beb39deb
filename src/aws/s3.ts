import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, type S3Client } from "@aws-sdk/client-s3";
import type { ObjectReader, ObjectText } from "../kernel/sagemaker-port.js";
import { toSageMakerError } from "./errors.js";

function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  return match?.[1] !== undefined && match[2] !== undefined ? { bucket: match[1], key: match[2] } : undefined;
}

function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || error instanceof NotFound || (error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound"));
}

/** Reads Model Monitor reports from S3; a missing object is `missing`, an oversized one is not read. */
export class S3ObjectReader implements ObjectReader {
  constructor(private readonly client: S3Client) {}

  async readText(s3Uri: string, maxBytes: number): Promise<ObjectText> {
    const where = parseS3Uri(s3Uri);
    if (!where || where.key === "") return { kind: "missing" };
    try {
      // The size first, so a huge object is never pulled into memory.
      const head = await this.client.send(new HeadObjectCommand({ Bucket: where.bucket, Key: where.key }));
      const bytes = head.ContentLength ?? 0;
      if (bytes > maxBytes) return { kind: "too-large", bytes };
      const out = await this.client.send(new GetObjectCommand({ Bucket: where.bucket, Key: where.key }));
      return out.Body ? { kind: "text", text: await out.Body.transformToString("utf8") } : { kind: "missing" };
    } catch (error) {
      if (isMissing(error)) return { kind: "missing" };
      throw toSageMakerError(error);
    }
  }

  async list(prefix: string, options: { modifiedAfter?: Date; limit: number }): Promise<{ uri: string; lastModified: Date; size: number }[]> {
    const where = parseS3Uri(prefix);
    if (!where) return [];
    const found: { uri: string; lastModified: Date; size: number }[] = [];
    let token: string | undefined;
    try {
      do {
        const out = await this.client.send(new ListObjectsV2Command({ Bucket: where.bucket, Prefix: where.key, ContinuationToken: token }));
        for (const object of out.Contents ?? []) {
          if (!object.Key || !object.LastModified) continue;
          if (options.modifiedAfter && object.LastModified.getTime() <= options.modifiedAfter.getTime()) continue;
          found.push({ uri: `s3://${where.bucket}/${object.Key}`, lastModified: object.LastModified, size: object.Size ?? 0 });
        }
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw toSageMakerError(error);
    }
    return found.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime()).slice(-options.limit);
  }
}
