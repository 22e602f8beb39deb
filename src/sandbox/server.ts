/**
 * The sandbox's HTTP front: one loopback port speaking three protocols. Requests with an
 * `X-Amz-Target: SageMaker.<Operation>` header are SageMaker's AWS JSON 1.1; with
 * `AmazonSQS.<Operation>`, SQS's AWS JSON 1.0 (the events queue); everything else is path-style
 * S3. Injected faults, added latency and the call log (`SQS.<Operation>` for SQS) live here, in
 * front of all three. Paths under `/_sandbox/` are the sandbox's own controls (control-http.ts),
 * logged as `Sandbox.<Control>` and never faulted.
 */

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallLog } from "./calls.js";
import type { SandboxClock } from "./clock.js";
import { type Controls, controlOperationName, handleControl, isControlPath } from "./control-http.js";
import { SandboxError } from "./errors.js";
import type { Fault, FaultInjector } from "./faults.js";
import type { HoldBook } from "./holds.js";
import { type HttpAnswer, type HttpExchange, headerValue } from "./http.js";
import { callerOf, type UserContext } from "./identity.js";
import { handleS3, s3Error, s3OperationName } from "./s3-http.js";
import { handleSqs, SqsError, sqsErrorAnswer } from "./sqs-http.js";
import type { SandboxState } from "./state.js";

const TARGET_PREFIX = "SageMaker.";
const SQS_PREFIX = "AmazonSQS.";

export interface SandboxServerDeps {
  state: SandboxState;
  clock: SandboxClock;
  faults: FaultInjector;
  calls: CallLog;
  holds: HoldBook;
}

interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function jsonAnswer(status: number, body: unknown, extraHeaders: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { "content-type": "application/x-amz-json-1.1", ...extraHeaders }, body: JSON.stringify(body) };
}

function jsonError(error: SandboxError): HttpAnswer {
  return jsonAnswer(error.httpStatus, { __type: error.type, message: error.message }, { "x-amzn-errortype": error.type });
}

const SAGEMAKER_FAULTS: Record<Fault, SandboxError> = {
  throttle: new SandboxError("ThrottlingException", "Rate exceeded"),
  "internal-error": new SandboxError("InternalFailure", "An internal error occurred. Please retry your request.", 500),
  unavailable: new SandboxError("ServiceUnavailable", "The service is unavailable. Please retry your request.", 503),
};

const SQS_FAULTS: Record<Fault, SqsError> = {
  throttle: new SqsError("ThrottlingException", "ThrottlingException", "Rate exceeded"),
  "internal-error": new SqsError("InternalError", "InternalError", "We encountered an internal error. Please try again.", 500),
  unavailable: new SqsError("ServiceUnavailable", "ServiceUnavailable", "The service is unavailable. Please retry your request.", 503),
};

function s3Fault(method: string, fault: Fault): HttpAnswer {
  if (fault === "throttle") return s3Error(method, 503, "SlowDown", "Please reduce your request rate.");
  if (fault === "internal-error") return s3Error(method, 500, "InternalError", "We encountered an internal error. Please try again.");
  return s3Error(method, 503, "ServiceUnavailable", "Service is unable to handle request.");
}

function errorName(answer: HttpAnswer): string | undefined {
  if (answer.status < 400) return undefined;
  const header = answer.headers["x-amzn-errortype"];
  if (header !== undefined) return header;
  const body = typeof answer.body === "string" ? answer.body : (answer.body?.toString("utf8") ?? "");
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? `HTTP ${answer.status}`;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The request body as JSON: `{}` when empty, undefined when it is not JSON. */
function jsonInput(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The top-level string fields ending in `Name` (TrainingJobName, EndpointName, ...), for the call log. */
function namesIn(input: unknown): Record<string, string> | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const names = Object.entries(input).filter((entry): entry is [string, string] => entry[0].endsWith("Name") && typeof entry[1] === "string");
  return names.length > 0 ? Object.fromEntries(names) : undefined;
}

async function sageMakerAnswer(deps: SandboxServerDeps, operation: string, input: unknown, caller: UserContext | undefined): Promise<HttpAnswer> {
  if (input === undefined) return jsonError(new SandboxError("SerializationException", "The request body is not valid JSON."));
  await deps.holds.pass("before", operation, input);
  let answer: HttpAnswer;
  try {
    answer = jsonAnswer(200, deps.state.perform(operation, input, deps.clock.now(), caller));
  } catch (error) {
    if (error instanceof SandboxError) answer = jsonError(error);
    else {
      const message = error instanceof Error ? error.message : String(error);
      answer = jsonError(new SandboxError("InternalFailure", `The sandbox failed to handle ${operation}: ${message}`, 500));
    }
  }
  await deps.holds.pass("after", operation, input);
  return answer;
}

interface Answered {
  operation: string;
  answer: HttpAnswer;
  injected: boolean;
  names?: Record<string, string>;
}

async function answer(deps: SandboxServerDeps, request: IncomingMessage, signal: AbortSignal): Promise<Answered> {
  const body = await readBody(request);
  const url = new URL(request.url ?? "/", "http://sandbox.local");
  const target = headerValue(request.headers, "x-amz-target");
  const exchange: HttpExchange = { method: request.method ?? "GET", path: url.pathname, query: url.searchParams, headers: request.headers, body };
  const isJson = target !== undefined;
  const isSqs = target?.startsWith(SQS_PREFIX) ?? false;
  if (isControlPath(url.pathname)) {
    const controls: Controls = {
      run: (schedule, options) => deps.state.runMonitorNow(schedule, options, deps.clock.now()),
      register: (group, options) => deps.state.registerVersionNow(group, options, deps.clock.now()),
      holds: deps.holds,
      calls: deps.calls,
    };
    return { operation: controlOperationName(url.pathname), answer: handleControl(exchange, controls), injected: false };
  }
  const operation = isJson ? (isSqs ? `SQS.${target.slice(SQS_PREFIX.length)}` : target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target) : s3OperationName(exchange);

  if (deps.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.faults.latencyMs));
  const fault = deps.faults.next();
  if (fault) return { operation, answer: isSqs ? sqsErrorAnswer(SQS_FAULTS[fault]) : isJson ? jsonError(SAGEMAKER_FAULTS[fault]) : s3Fault(exchange.method, fault), injected: true };

  if (isSqs) {
    const context = { queues: deps.state.queues, account: deps.state.env.account, baseUrl: `http://${request.headers.host ?? "127.0.0.1"}`, sync: () => deps.state.syncTo(deps.clock.now()), signal };
    return { operation, answer: await handleSqs(context, operation.slice("SQS.".length), body), injected: false };
  }
  if (isJson) {
    if (!target.startsWith(TARGET_PREFIX)) return { operation, answer: jsonError(new SandboxError("UnknownOperationException", `The sandbox only speaks SageMaker, not ${target}.`)), injected: false };
    const input = jsonInput(body);
    const caller = callerOf(headerValue(request.headers, "authorization"), deps.state.env.account);
    return { operation, answer: await sageMakerAnswer(deps, operation, input, caller), injected: false, names: namesIn(input) };
  }
  const at = deps.state.syncTo(deps.clock.now());
  return { operation, answer: handleS3(deps.state.s3, exchange, at), injected: false };
}

export function startServer(deps: SandboxServerDeps, options: { host: string; port: number }): Promise<RunningServer> {
  // Ends long polls at once when the sandbox closes.
  const closing = new AbortController();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const arrived = new Date();
    const simulatedAt = new Date(deps.clock.now());
    const gone = new AbortController();
    response.once("close", () => gone.abort());
    answer(deps, request, AbortSignal.any([closing.signal, gone.signal]))
      .then(({ operation, answer: result, injected, names }) => {
        deps.calls.record({ operation, at: arrived, simulatedAt, status: result.status, error: errorName(result), injectedFault: injected || undefined, ...(names ? { names } : {}) });
        const payload = result.body === undefined ? undefined : typeof result.body === "string" ? Buffer.from(result.body, "utf8") : result.body;
        const headers: Record<string, string> = { "x-amzn-requestid": randomUUID(), "x-sageops-sandbox": "true", ...result.headers };
        if (payload !== undefined && headers["content-length"] === undefined) headers["content-length"] = String(payload.length);
        response.writeHead(result.status, headers);
        response.end(request.method === "HEAD" ? undefined : payload);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            // Closing twice (a test's own close, then its cleanup) is fine.
            if (closing.signal.aborted) return done();
            closing.abort();
            deps.holds.releaseAll();
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
