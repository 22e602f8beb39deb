/** The request and answer shapes the sandbox's two protocols (SageMaker JSON, S3 REST-XML) share. */
import type { IncomingHttpHeaders } from "node:http";

export interface HttpExchange {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
