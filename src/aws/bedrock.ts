/**
 * Bedrock as the first reader of natural language (when BEDROCK_MODEL_ID is set). The model
 * only proposes: it must answer through one tool call whose input passes the same zod schema
 * as the offline interpreter's output; anything else (an error, throttling, a timeout, text
 * instead of a tool call, invalid params) falls back to the offline interpreter.
 */
import { type BedrockRuntimeClient, ConverseCommand, type Message, type Tool } from "@aws-sdk/client-bedrock-runtime";
import { z } from "zod";
import { INTENT_IDS, IntentId, SERVICE_IDS, ServiceId, STAGE_IDS, StageId } from "../catalog/ids.js";
import { loadPrompt, loadPromptJson, PromptError } from "../interpret/prompts.js";
import { type InterpretContext, type Interpreter, type Request, RequestParams, type Turn } from "../interpret/schema.js";
import type { Logger } from "../logger.js";

/** What the model must put in its tool call: a Request without the text. */
export const ModelInterpretation = z.object({
  intent: IntentId,
  stage: StageId.nullable(),
  services: z.array(ServiceId),
  params: RequestParams,
  confidence: z.number().min(0).max(1),
});

const ToolFile = z.object({ name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), description: z.string().min(1), inputSchema: z.record(z.string(), z.unknown()) });

interface InterpretPrompt {
  system: string;
  tool: z.infer<typeof ToolFile>;
}

/** Loads the instructions and the tool schema from prompts/; fails at start-up if either is broken. */
export function loadInterpretPrompt(): InterpretPrompt {
  const parsed = ToolFile.safeParse(loadPromptJson("interpret-tool.json"));
  if (!parsed.success) throw new PromptError(`prompts/interpret-tool.json is not a tool definition: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const tool = parsed.data;
  const system = loadPrompt("interpret.md", {
    toolName: tool.name,
    intents: INTENT_IDS.map((id) => `- ${id}`).join("\n"),
    stages: STAGE_IDS.map((id) => `- ${id}`).join("\n"),
    services: SERVICE_IDS.map((id) => `- ${id}`).join("\n"),
  });
  return { system, tool };
}

/** Longest message sent to the model; longer text is cut (the offline reading still sees all). */
const MAX_INPUT_CHARS = 4000;
/** Earlier turns sent with a message, at most, and how much of each. */
const MAX_HISTORY_TURNS = 6;
const MAX_TURN_CHARS = 1000;

/**
 * The Converse messages for a message and the thread before it. Converse wants turns that
 * alternate and start with the person: turns in a row from one side are joined, and the history
 * starts at the person's first turn in it.
 */
export function conversationOf(history: readonly Turn[], text: string): Message[] {
  const turns = [...history.slice(-MAX_HISTORY_TURNS), { role: "user" as const, text }];
  const start = turns.findIndex((turn) => turn.role === "user");
  const messages: Message[] = [];
  for (const turn of turns.slice(start)) {
    const last = messages.at(-1);
    const piece = turn.text.slice(0, turn === turns.at(-1) ? MAX_INPUT_CHARS : MAX_TURN_CHARS);
    if (last && last.role === turn.role) last.content = [{ text: `${last.content?.[0]?.text ?? ""}\n\n${piece}` }];
    else messages.push({ role: turn.role, content: [{ text: piece }] });
  }
  return messages;
}

export class BedrockInterpreter implements Interpreter {
  constructor(
    private readonly options: {
      client: BedrockRuntimeClient;
      modelId: string;
      prompt: InterpretPrompt;
      fallback: Interpreter;
      logger: Logger;
      /** Give up on the model after this long and use the fallback. */
      timeoutMs?: number;
    },
  ) {}

  async interpret(text: string, context: InterpretContext = {}): Promise<Request> {
    const { client, modelId, prompt, fallback, logger } = this.options;
    const tool: Tool = {
      toolSpec: {
        name: prompt.tool.name,
        description: prompt.tool.description,
        // The Converse API takes the schema as a JSON document.
        inputSchema: { json: prompt.tool.inputSchema as Record<string, never> },
      },
    };
    try {
      const response = await client.send(
        new ConverseCommand({
          modelId,
          system: [{ text: prompt.system }],
          // The thread so far goes in as earlier turns: words to read, never instructions.
          messages: conversationOf(context.history ?? [], text.slice(0, MAX_INPUT_CHARS)),
          toolConfig: { tools: [tool], toolChoice: { tool: { name: prompt.tool.name } } },
          inferenceConfig: { maxTokens: 1000, temperature: 0 },
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs ?? 8000) },
      );
      logger.info({ modelId, inputTokens: response.usage?.inputTokens, outputTokens: response.usage?.outputTokens }, "Bedrock read a message");
      const toolUse = response.output?.message?.content?.find((block) => block.toolUse?.name === prompt.tool.name)?.toolUse;
      if (!toolUse) {
        logger.warn({ modelId, stopReason: response.stopReason }, "Bedrock answered without the interpretation tool; using the offline interpreter");
        return fallback.interpret(text);
      }
      const parsed = ModelInterpretation.safeParse(toolUse.input);
      if (!parsed.success) {
        logger.warn({ modelId, issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".")}: ${issue.message}`) }, "Bedrock's interpretation did not validate; using the offline interpreter");
        return fallback.interpret(text);
      }
      return { text, ...parsed.data };
    } catch (error) {
      logger.warn({ modelId, err: error }, "Bedrock call failed; using the offline interpreter");
      return fallback.interpret(text);
    }
  }
}
