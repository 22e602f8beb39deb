/**
 * SQS's AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), enough for a consumer:
 * GetQueueUrl, ReceiveMessage (with long polling), DeleteMessage, DeleteMessageBatch, and
 * SendMessage for tests. Long polling waits in real time, at most WaitTimeSeconds, and ends at
 * once when the request or the sandbox closes.
 */
import { z } from "zod";
import type { HttpAnswer } from "./http.js";
import type { MessageQueue, MessageQueues } from "./sqs.js";

const CONTENT_TYPE = "application/x-amz-json-1.0";
/** How often a waiting ReceiveMessage looks again (the simulation moves only when asked). */
const LONG_POLL_STEP_MS = 25;

export class SqsError extends Error {
  constructor(
    /** The shape name, e.g. `QueueDoesNotExist`. */
    readonly type: string,
    /** The AWS Query code the SDK reads from `x-amzn-query-error`. */
    readonly queryCode: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = type;
  }
}

const missingQueue = (): SqsError => new SqsError("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
const invalid = (message: string): SqsError => new SqsError("InvalidParameterValue", "InvalidParameterValue", message);

function sqsAnswer(status: number, body: unknown): HttpAnswer {
  return { status, headers: { "content-type": CONTENT_TYPE }, body: JSON.stringify(body) };
}

export function sqsErrorAnswer(error: SqsError): HttpAnswer {
  const sender = error.httpStatus < 500 ? "Sender" : "Receiver";
  return {
    status: error.httpStatus,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-query-error": `${error.queryCode};${sender}`, "x-amzn-errortype": error.type },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.type}`, message: error.message }),
  };
}

const QueueUrlSchema = z.string().min(1);
const GetQueueUrlSchema = z.looseObject({ QueueName: z.string().min(1).max(80) });
const ReceiveSchema = z.looseObject({
  QueueUrl: QueueUrlSchema,
  MaxNumberOfMessages: z.number().int().min(1).max(10).optional(),
  WaitTimeSeconds: z.number().int().min(0).max(20).optional(),
  VisibilityTimeout: z.number().int().min(0).max(43_200).optional(),
});
const DeleteSchema = z.looseObject({ QueueUrl: QueueUrlSchema, ReceiptHandle: z.string().min(1) });
const DeleteBatchSchema = z.looseObject({ QueueUrl: QueueUrlSchema, Entries: z.array(z.looseObject({ Id: z.string().min(1).max(80), ReceiptHandle: z.string().min(1) })).min(1).max(10) });
const SendSchema = z.looseObject({ QueueUrl: QueueUrlSchema, MessageBody: z.string().min(1).max(262_144) });

interface SqsContext {
  queues: MessageQueues;
  account: string;
  /** The sandbox's base URL as the caller reached it. */
  baseUrl: string;
  /** Brings the simulation up to the clock and returns the simulated now. */
  sync(): number;
  /** Aborted when the request or the sandbox closes. */
  signal: AbortSignal;
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`Value for parameter ${String(issue?.path.join(".") ?? "input")} is invalid. Reason: ${issue?.message ?? "invalid"}.`);
  }
  return parsed.data;
}

/** `http://host/123456789012/name` (or just the name's last path part) → the open queue. */
function queueOf(context: SqsContext, url: string): MessageQueue {
  const parts = url.replace(/^https?:\/\/[^/]+/, "").split("/").filter((part) => part !== "");
  const name = parts[parts.length - 1];
  const account = parts.length > 1 ? parts[parts.length - 2] : context.account;
  const queue = name !== undefined && account === context.account ? context.queues.find(name) : undefined;
  if (!queue) throw missingQueue();
  return queue;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

async function receive(context: SqsContext, input: unknown): Promise<unknown> {
  const q = parse(ReceiveSchema, input);
  const deadline = Date.now() + (q.WaitTimeSeconds ?? 0) * 1000;
  for (;;) {
    const queue = queueOf(context, q.QueueUrl);
    const at = context.sync();
    const messages = queue.receive(q.MaxNumberOfMessages ?? 1, at, q.VisibilityTimeout);
    const left = deadline - Date.now();
    if (messages.length > 0 || left <= 0 || context.signal.aborted) return messages.length > 0 ? { Messages: messages } : {};
    await pause(Math.min(LONG_POLL_STEP_MS, left), context.signal);
  }
}

function deleteOne(queue: MessageQueue, receiptHandle: string): void {
  if (queue.delete(receiptHandle) === "invalid") throw new SqsError("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
}

async function perform(context: SqsContext, operation: string, input: unknown): Promise<unknown> {
  switch (operation) {
    case "GetQueueUrl": {
      const name = parse(GetQueueUrlSchema, input).QueueName;
      if (!context.queues.find(name)) throw missingQueue();
      return { QueueUrl: `${context.baseUrl}/${context.account}/${name}` };
    }
    case "ReceiveMessage":
      return receive(context, input);
    case "DeleteMessage": {
      const q = parse(DeleteSchema, input);
      deleteOne(queueOf(context, q.QueueUrl), q.ReceiptHandle);
      return {};
    }
    case "DeleteMessageBatch": {
      const q = parse(DeleteBatchSchema, input);
      const queue = queueOf(context, q.QueueUrl);
      const successful: { Id: string }[] = [];
      const failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
      for (const entry of q.Entries) {
        try {
          deleteOne(queue, entry.ReceiptHandle);
          successful.push({ Id: entry.Id });
        } catch (error) {
          if (!(error instanceof SqsError)) throw error;
          failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
        }
      }
      return { Successful: successful, Failed: failed };
    }
    case "SendMessage": {
      const q = parse(SendSchema, input);
      const queue = queueOf(context, q.QueueUrl);
      const sent = queue.send(q.MessageBody, context.sync());
      return { MessageId: sent.id, MD5OfMessageBody: sent.md5 };
    }
    default:
      throw new SqsError("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", `The SQS sandbox does not support ${operation}.`);
  }
}

/** Answers one SQS request. */
export async function handleSqs(context: SqsContext, operation: string, body: Buffer): Promise<HttpAnswer> {
  let input: unknown = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return sqsErrorAnswer(new SqsError("SerializationException", "SerializationException", "The request body is not valid JSON."));
    }
  }
  try {
    return sqsAnswer(200, await perform(context, operation, input));
  } catch (error) {
    if (error instanceof SqsError) return sqsErrorAnswer(error);
    const message = error instanceof Error ? error.message : String(error);
    return sqsErrorAnswer(new SqsError("InternalError", "InternalError", `The sandbox failed to handle ${operation}: ${message}`, 500));
  }
}
