import type { Requester } from "../actions/context.js";
import type { ModelRef } from "../actions/model-versions.js";
import { composeAnswer } from "../catalog/answer.js";
import { type AnswerWriter, entriesOf, isFaithful } from "../catalog/written-answer.js";
import { choiceOf } from "../interpret/readings.js";
import { withThreadSubject } from "../interpret/references.js";
import { readRegistryAsk } from "../interpret/registry-asks.js";
import type { InterpretContext, Reading, Request, RequestParams, Turn } from "../interpret/schema.js";
import type { Choice } from "../kernel/result.js";
import { driftReply, planReply, statusReply } from "./action-requests.js";
import { renderAnswer, renderWrittenAnswer } from "./blocks/answer.js";
import { choiceButtons, renderChoices } from "./blocks/choices.js";
import { renderSubscriptions } from "./blocks/drift-alert.js";
import { renderHelp } from "./blocks/help.js";
import { context, type Rendered, withinBlockLimit } from "./blocks/kit.js";
import { withNote } from "./blocks/notice.js";
import { channelFromWords, subscribeReply, summaryReply, unsubscribeReply } from "./commands/drift.js";
import { type ModelCommandDeps, ownResourcesLine, registryAskReply } from "./commands/models.js";
import type { SlackDeps } from "./deps.js";

export type ConversationDeps = ModelCommandDeps &
  Pick<SlackDeps, "interpreter" | "backendNote" | "simulationNote" | "requests" | "status" | "driftFindings" | "driftSubscriptions" | "poster" | "threads" | "turns" | "answerWriter">;

/** What was said in a thread, kept in the store for the language model's context. */
export interface ThreadTurns {
  add(channel: string, threadTs: string, turn: Turn): void;
  recent(channel: string, threadTs: string): Turn[];
}

/**
 * The one answer to a person's words, whatever surface they came from (DM, mention,
 * `/sageops ask`, the assistant pane).
 */
export async function replyToText(text: string, requester: Requester, deps: ConversationDeps, where: { threadTs?: string } = {}): Promise<Rendered> {
  const { threadTs } = where;
  const thread: InterpretContext = threadTs ? { history: deps.turns.recent(requester.channelId, threadTs) } : {};
  const reply = await answerText(text, requester, deps, threadTs, thread);
  if (threadTs) {
    deps.turns.add(requester.channelId, threadTs, { role: "user", text });
    if (reply.text !== "") deps.turns.add(requester.channelId, threadTs, { role: "assistant", text: reply.text });
  }
  return reply;
}

async function answerText(text: string, requester: Requester, deps: ConversationDeps, threadTs: string | undefined, thread: InterpretContext): Promise<Rendered> {
  const reading = deps.interpreter.read ? await deps.interpreter.read(text, thread) : { request: await deps.interpreter.interpret(text, thread), alternatives: [] };
  // The company's own registry and Feature Store, asked about in plain words.
  const registryAsk = readRegistryAsk(text, reading.request);
  if (registryAsk) return registryAskReply(registryAsk, requester, deps, registryAsk.kind === "features" ? renderAnswer(composeAnswer(featureStoreQuestion(reading.request))) : undefined);
  const choices = askBack(reading);
  if (choices) return choices;
  // In a thread the bot started, "it" is what the thread is about.
  const subject = threadTs ? deps.threads.subjectOf(requester.channelId, threadTs) : undefined;
  const request = withThreadSubject(reading.request, subject);
  const written = request.intent === "ask" && deps.answerWriter ? await writtenAnswer(request, thread.history ?? [], deps.answerWriter) : undefined;
  return withFollowUps(written ?? (await replyToRequest(request, requester, deps)), reading.also ?? []);
}

/** The answer in the language model's words, when it keeps to the entries chosen (else undefined: the offline answer). */
async function writtenAnswer(request: Request, history: readonly Turn[], writer: AnswerWriter): Promise<Rendered | undefined> {
  const entries = entriesOf(composeAnswer(request));
  if (entries.length === 0) return undefined;
  const text = await writer.write(request.text, entries, history);
  return text !== undefined && isFaithful(text, entries) ? renderWrittenAnswer(text) : undefined;
}

/** The questions asked beside an action, as buttons under its reply: each answered when pressed. */
function withFollowUps(reply: Rendered, questions: readonly Request[]): Rendered {
  const row = choiceButtons(
    questions.map((question) => ({ label: `Also: ${question.text}`, text: `ask ${question.text}` })),
    { neither: false },
  );
  if (!row) return reply;
  const note = "You also asked something else; press it for the answer.";
  return { text: reply.text ? `${reply.text}\n${note}` : note, blocks: [...reply.blocks, context(note), row] };
}

/** When the words may mean more than one thing, the readings to pick from; nothing is done yet. */
function askBack(reading: Reading): Rendered | undefined {
  if (reading.alternatives.length === 0) return undefined;
  const readings = reading.request.intent === "unknown" ? reading.alternatives : [reading.request, ...reading.alternatives];
  const choices = readings.map(choiceOf).filter((choice): choice is Choice => choice !== undefined);
  if (choices.length === 0) return undefined;
  return renderChoices(choices.length === 1 ? "I'm not sure I followed. Did you mean this?" : "That could mean more than one thing. Which did you mean?", choices);
}

/** A question about features the company has, as a question about the Feature Store: its general advice follows what was found. */
function featureStoreQuestion(request: Request): Request {
  return { ...request, intent: "ask", stage: "model-management", services: ["feature-store", ...request.services.filter((s) => s !== "feature-store")] };
}

/** The model version the words named, as the planners take it (no version named: the latest approved). */
function modelOf(params: RequestParams): ModelRef | undefined {
  return params.modelPackageGroup ? { group: params.modelPackageGroup, version: params.modelVersion ?? "latest-approved" } : undefined;
}

async function replyToRequest(request: Request, requester: Requester, deps: ConversationDeps): Promise<Rendered> {
  const params = request.params;
  switch (request.intent) {
    case "help":
      return renderHelp({ backendNote: deps.backendNote });
    case "train":
      return planReply(await deps.requests.train(params, {}, requester));
    case "tune":
      return planReply(await deps.requests.tune(params, {}, requester));
    case "pipeline":
      return planReply(await deps.requests.startPipeline(params.pipelineName, params, params.hyperparameters ?? {}, requester));
    case "stop":
      return planReply(await deps.requests.stop(params.pipelineRunArn ?? params.jobName ?? params.pipelineName, requester));
    case "drift":
      if (params.driftAction === "subscribe") return subscribeReply(params.endpointName, channelFromWords(params.channel, requester.channelId), requester, deps);
      if (params.driftAction === "unsubscribe") return unsubscribeReply(params.endpointName, channelFromWords(params.channel, requester.channelId), requester, deps);
      if (params.driftAction === "list") return renderSubscriptions(deps.driftSubscriptions.list(requester.channelId), requester.channelId, { onlyHere: true });
      // No endpoint named ("what did the last monitoring run find?"): the channel's own endpoints.
      return params.endpointName ? driftReply(params.endpointName, deps) : summaryReply(requester.channelId, deps);
    case "status":
      return statusReply(params.pipelineRunArn ?? params.jobName ?? params.endpointName ?? params.pipelineName, requester, deps);
    case "deploy":
      if (params.deployMode === "rollback") return planReply(await deps.requests.rollback(params.endpointName, params, requester));
      if (params.deployMode === "batch") return planReply(await deps.requests.batch(modelOf(params), params, requester));
      return planReply(await deps.requests.deploy(modelOf(params), params.endpointName, params, requester));
    default: {
      // ask, and anything not understood (which gets what the bot can do).
      const answer = withNote(renderAnswer(composeAnswer(request)), request.intent === "ask" ? undefined : deps.backendNote);
      const own = request.intent === "ask" ? await ownResourcesLine(request.services[0], deps) : undefined;
      return own ? { text: `${answer.text}\n${own}`, blocks: withinBlockLimit([...answer.blocks, context(own)]) } : answer;
    }
  }
}
