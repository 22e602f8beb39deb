/**
 * Bedrock wording an answer (when BEDROCK_MODEL_ID is set): the catalogue entries sageops chose go
 * in the instructions (prompts/answer.md), the question and the thread before it are the
 * messages. Any failure (an error, throttling, a timeout, no text) gives undefined, and the
 * offline answer is used; so does an answer src/catalog/written-answer.ts does not accept.
 */
import { type BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import type { ServiceCard } from "../catalog/answer.js";
import type { AnswerWriter } from "../catalog/written-answer.js";
import { loadPrompt } from "../interpret/prompts.js";
import type { Turn } from "../interpret/schema.js";
import type { Logger } from "../logger.js";
import { conversationOf } from "./bedrock.js";

function entriesText(entries: readonly ServiceCard[]): string {
  return entries
    .map((entry) => [`## ${entry.name} (${entry.stage.name})`, `What it is for: ${entry.purpose}`, `Choose it when: ${entry.chooseWhen}`, `Not when: ${entry.avoidWhen}`, `Documentation: ${entry.docUrl}`].join("\n"))
    .join("\n\n");
}

export class BedrockAnswerWriter implements AnswerWriter {
  constructor(
    private readonly options: { client: BedrockRuntimeClient; modelId: string; logger: Logger; timeoutMs?: number },
  ) {
    // A broken prompt file fails at start-up, not on the first question.
    loadPrompt("answer.md", { entries: "" });
  }

  async write(question: string, entries: readonly ServiceCard[], history: readonly Turn[]): Promise<string | undefined> {
    const { client, modelId, logger } = this.options;
    try {
      const response = await client.send(
        new ConverseCommand({
          modelId,
          system: [{ text: loadPrompt("answer.md", { entries: entriesText(entries) }) }],
          messages: conversationOf(history, question),
          inferenceConfig: { maxTokens: 600, temperature: 0.2 },
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) },
      );
      logger.info({ modelId, inputTokens: response.usage?.inputTokens, outputTokens: response.usage?.outputTokens }, "Bedrock wrote an answer");
      const text = (response.output?.message?.content ?? []).map((block) => block.text ?? "").join("").trim();
      return text === "" ? undefined : text;
    } catch (error) {
      logger.warn({ modelId, err: error }, "Bedrock could not write the answer; using the offline one");
      return undefined;
    }
  }
}
