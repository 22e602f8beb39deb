/**
 * The slice of the S3 REST API that Model Monitor's readers need (path-style only):
 * GetObject, HeadObject, PutObject, DeleteObject, ListObjectsV2, CreateBucket, HeadBucket,
 * ListBuckets. Errors are S3's XML, so the real `@aws-sdk/client-s3` raises NoSuchKey and friends.
 */
import { randomUUID } from "node:crypto";
import { type HttpAnswer, type HttpExchange, headerValue } from "./http.js";
import type { ObjectStore, StoredObject } from "./s3.js";

const XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

function xml(body: string, status = 200): HttpAnswer {
  return { status, headers: { "content-type": "application/xml" }, body: XML_DECLARATION + body };
}

/** An S3 error: XML for most methods; HEAD answers carry no body, as S3's do. */
export function s3Error(method: string, status: number, code: string, message: string, resource: Record<string, string> = {}): HttpAnswer {
  if (method === "HEAD") return { status, headers: {} };
  const extras = Object.entries(resource)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join("");
  return xml(`<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${extras}<RequestId>${randomUUID()}</RequestId></Error>`, status);
}

/** Bodies sent with `aws-chunked` encoding (streaming uploads with trailing checksums) unwrapped. */
function decodeBody(exchange: HttpExchange): Buffer {
  const encoding = headerValue(exchange.headers, "content-encoding") ?? "";
  const sha = headerValue(exchange.headers, "x-amz-content-sha256") ?? "";
  if (!encoding.includes("aws-chunked") && !sha.startsWith("STREAMING-")) return exchange.body;
  const chunks: Buffer[] = [];
  let offset = 0;
  const body = exchange.body;
  while (offset < body.length) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString("latin1").split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size === 0) break;
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(chunks);
}

function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    "content-type": object.contentType,
    "content-length": String(object.body.length),
    etag: object.etag,
    "last-modified": new Date(object.lastModified).toUTCString(),
    "accept-ranges": "bytes",
  };
}

function listObjectsV2(store: ObjectStore, bucket: string, query: URLSearchParams): HttpAnswer {
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") ?? "";
  const maxKeys = Math.max(0, Math.min(1000, Number(query.get("max-keys") ?? "1000") || 1000));
  const continuation = query.get("continuation-token");
  const startAfter = query.get("start-after") ?? "";
  const urlEncode = query.get("encoding-type") === "url";
  const shownKey = (key: string): string => xmlEscape(urlEncode ? encodeURIComponent(key).replace(/%2F/g, "/") : key);

  let marker = startAfter;
  if (continuation !== null) marker = Buffer.from(continuation, "base64url").toString("utf8");

  const contents: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let lastEmitted: string | undefined;
  let truncated = false;
  for (const object of store.list(bucket, prefix)) {
    if (marker !== "" && (object.key <= marker || (delimiter !== "" && marker.endsWith(delimiter) && object.key.startsWith(marker)))) continue;
    const rest = object.key.slice(prefix.length);
    const cut = delimiter === "" ? -1 : rest.indexOf(delimiter);
    const common = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
    if (common !== undefined && commonPrefixes.includes(common)) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
      lastEmitted = common;
    } else {
      contents.push(object);
      lastEmitted = object.key;
    }
  }

  const parts = [
    `<ListBucketResult xmlns="${XMLNS}">`,
    `<Name>${xmlEscape(bucket)}</Name>`,
    `<Prefix>${shownKey(prefix)}</Prefix>`,
    delimiter !== "" ? `<Delimiter>${shownKey(delimiter)}</Delimiter>` : "",
    `<MaxKeys>${maxKeys}</MaxKeys>`,
    `<KeyCount>${contents.length + commonPrefixes.length}</KeyCount>`,
    `<IsTruncated>${truncated}</IsTruncated>`,
    urlEncode ? "<EncodingType>url</EncodingType>" : "",
    continuation !== null ? `<ContinuationToken>${xmlEscape(continuation)}</ContinuationToken>` : "",
    startAfter !== "" ? `<StartAfter>${shownKey(startAfter)}</StartAfter>` : "",
    truncated && lastEmitted !== undefined ? `<NextContinuationToken>${Buffer.from(lastEmitted, "utf8").toString("base64url")}</NextContinuationToken>` : "",
    ...contents.map(
      (o) =>
        `<Contents><Key>${shownKey(o.key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    ),
    ...commonPrefixes.map((p) => `<CommonPrefixes><Prefix>${shownKey(p)}</Prefix></CommonPrefixes>`),
    "</ListBucketResult>",
  ];
  return xml(parts.join(""));
}

/** Names the S3 operation a request is, for the call log (before it is handled, so faults count too). */
export function s3OperationName(exchange: Pick<HttpExchange, "method" | "path" | "query">): string {
  const [bucket = "", ...keyParts] = exchange.path.replace(/^\/+/, "").split("/");
  const hasKey = keyParts.join("/") !== "";
  const method = exchange.method;
  if (bucket === "") return method === "GET" ? "S3.ListBuckets" : "S3.Unsupported";
  if (!hasKey) {
    if (method === "GET") return exchange.query.get("list-type") === "2" ? "S3.ListObjectsV2" : "S3.ListObjects";
    if (method === "PUT") return "S3.CreateBucket";
    if (method === "HEAD") return "S3.HeadBucket";
    return "S3.Unsupported";
  }
  return ({ GET: "S3.GetObject", HEAD: "S3.HeadObject", PUT: "S3.PutObject", DELETE: "S3.DeleteObject" } as Record<string, string>)[method] ?? "S3.Unsupported";
}

export function handleS3(store: ObjectStore, exchange: HttpExchange, now: number): HttpAnswer {
  const [rawBucket = "", ...keyParts] = exchange.path.replace(/^\/+/, "").split("/");
  const bucket = decodeURIComponent(rawBucket);
  const key = decodeURIComponent(keyParts.join("/"));
  const method = exchange.method;
  const operation = s3OperationName(exchange);

  if (operation === "S3.ListBuckets") {
    const buckets = store
      .bucketNames()
      .map((name) => `<Bucket><Name>${xmlEscape(name)}</Name><CreationDate>${new Date(now).toISOString()}</CreationDate></Bucket>`)
      .join("");
    return xml(`<ListAllMyBucketsResult xmlns="${XMLNS}"><Owner><ID>sandbox</ID></Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`);
  }
  if (operation === "S3.CreateBucket") {
    if (!store.createBucket(bucket)) return s3Error(method, 409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", { BucketName: bucket });
    return { status: 200, headers: { location: `/${bucket}` } };
  }
  if (operation === "S3.Unsupported" || operation === "S3.ListObjects") return s3Error(method, 501, "NotImplemented", `The sandbox does not implement ${method} ${exchange.path}.`);
  if (!store.hasBucket(bucket)) return s3Error(method, 404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
  if (operation === "S3.HeadBucket") return { status: 200, headers: { "x-amz-bucket-region": "us-east-1" } };
  if (operation === "S3.ListObjectsV2") return listObjectsV2(store, bucket, exchange.query);

  if (operation === "S3.PutObject") {
    const object = store.put(bucket, key, decodeBody(exchange), { contentType: headerValue(exchange.headers, "content-type"), at: now });
    return { status: 200, headers: { etag: object.etag } };
  }
  if (operation === "S3.DeleteObject") {
    store.delete(bucket, key);
    return { status: 204, headers: {} };
  }
  const object = store.get(bucket, key);
  if (!object) return s3Error(method, 404, "NoSuchKey", "The specified key does not exist.", { Key: key });
  if (operation === "S3.HeadObject") return { status: 200, headers: objectHeaders(object) };
  return { status: 200, headers: objectHeaders(object), body: object.body };
}
