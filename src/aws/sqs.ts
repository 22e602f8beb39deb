/**
 * The event source over SQS: the queue an EventBridge rule fills with SageMaker's state-change
 * events. Receives long-poll (up to 20 s, SQS's most) and end early on the stop signal; handled
 * messages are deleted in batches of ten, SQS's most.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { EventSource } from "../watch/events.js";
import { type AwsTarget, createSqsClient } from "./clients.js";

export interface SqsEventSourceOptions {
  queueUrl: string;
  /** Long-poll wait, 0 to 20 s (default 20). */
  waitTimeSeconds?: number;
  /** Up to 10 (default 10). */
  maxMessages?: number;
}

/** Some deletes SQS refused: the messages come back after their visibility timeout. */
class SqsAckError extends Error {
  constructor(readonly failed: { id: string; code?: string; message?: string }[]) {
    super(`SQS did not delete ${failed.length} message(s): ${failed.map((f) => f.code ?? "unknown").join(", ")}`);
    this.name = "SqsAckError";
  }
}

export class SqsEventSource implements EventSource {
  private readonly waitTimeSeconds: number;
  private readonly maxMessages: number;

  constructor(
    private readonly client: SQSClient,
    private readonly options: SqsEventSourceOptions,
  ) {
    this.waitTimeSeconds = Math.min(20, Math.max(0, Math.round(options.waitTimeSeconds ?? 20)));
    this.maxMessages = Math.min(10, Math.max(1, Math.round(options.maxMessages ?? 10)));
  }

  /** Messages' ids are their receipt handles, which is what deleting takes. */
  async receive(signal?: AbortSignal): Promise<{ id: string; body: string }[]> {
    const output = await this.client.send(
      new ReceiveMessageCommand({ QueueUrl: this.options.queueUrl, MaxNumberOfMessages: this.maxMessages, WaitTimeSeconds: this.waitTimeSeconds }),
      signal ? { abortSignal: signal } : {},
    );
    return (output.Messages ?? []).flatMap((message) => (message.ReceiptHandle !== undefined && message.Body !== undefined ? [{ id: message.ReceiptHandle, body: message.Body }] : []));
  }

  async ack(ids: string[]): Promise<void> {
    const failed: SqsAckError["failed"] = [];
    for (let start = 0; start < ids.length; start += 10) {
      const batch = ids.slice(start, start + 10);
      const output = await this.client.send(new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: batch.map((id, index) => ({ Id: String(index), ReceiptHandle: id })) }));
      for (const failure of output.Failed ?? []) failed.push({ id: batch[Number(failure.Id)] ?? String(failure.Id), code: failure.Code, message: failure.Message });
    }
    if (failed.length > 0) throw new SqsAckError(failed);
  }
}

/** The event source the configuration asks for, or undefined when no queue is configured. */
export function createEventSource(queueUrl: string | undefined, target: AwsTarget, options: Omit<SqsEventSourceOptions, "queueUrl"> = {}): SqsEventSource | undefined {
  if (queueUrl === undefined) return undefined;
  return new SqsEventSource(createSqsClient(target), { ...options, queueUrl });
}
