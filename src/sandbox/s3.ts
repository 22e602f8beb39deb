/** The sandbox's object store: what the S3 API serves and what simulated jobs write. */
import { createHash } from "node:crypto";

export interface StoredObject {
  key: string;
  body: Buffer;
  contentType: string;
  /** Simulated epoch milliseconds. */
  lastModified: number;
  etag: string;
}

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  createBucket(bucket: string): boolean {
    if (this.buckets.has(bucket)) return false;
    this.buckets.set(bucket, new Map());
    return true;
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  /** Writes an object, creating its bucket when the simulation writes somewhere new. */
  put(bucket: string, key: string, body: Buffer | string, options: { contentType?: string; at: number }): StoredObject {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const object: StoredObject = {
      key,
      body: bytes,
      contentType: options.contentType ?? "application/octet-stream",
      lastModified: options.at,
      etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
    };
    let objects = this.buckets.get(bucket);
    if (!objects) {
      objects = new Map();
      this.buckets.set(bucket, objects);
    }
    objects.set(key, object);
    return object;
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  delete(bucket: string, key: string): void {
    this.buckets.get(bucket)?.delete(key);
  }

  getText(bucket: string, key: string): string | undefined {
    return this.get(bucket, key)?.body.toString("utf8");
  }

  /** Objects under a prefix, in key order (S3 lists in UTF-8 binary order). */
  list(bucket: string, prefix = ""): StoredObject[] {
    const objects = this.buckets.get(bucket);
    if (!objects) return [];
    return [...objects.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }
}
