import { GetObjectCommand, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import type { ObjectReader } from "../kernel/sagemaker-port.js";
import { toSageMakerError } from "./errors.js";

/** Reads Model Monitor reports from S3; a missing object is `undefined`, not an error. */
export class S3ObjectReader implements ObjectReader {
  constructor(private readonly client: S3Client) {}

  async getText(s3Uri: string): Promise<string | undefined> {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(s3Uri);
    if (!match?.[1] || !match[2]) return undefined;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
      return out.Body ? await out.Body.transformToString("utf8") : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === "NoSuchKey")) return undefined;
      throw toSageMakerError(error);
    }
  }
}
