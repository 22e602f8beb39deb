/**
 * "it", "that" and "this" in a thread the bot started: they stand for what the thread is about
 * (the job, endpoint or pipeline run its plan started), so "is it done?", "how long will that
 * take?", "why did it fail?" and "stop it" in a plan's thread need no name. What a thread is about
 * is read from the store (the plan posted there and what it started), never from Slack's history.
 */
import type { TrackedResource } from "../kernel/resources.js";
import { UNSAFE_CONFIDENCE } from "./rules.js";
import type { Request, RequestParams } from "./schema.js";

/** What a thread is about: the resource its plan started (or will start). */
export interface ThreadSubject {
  type: TrackedResource["type"];
  name: string;
}

/** Where the interpreter's callers learn a thread's subject (the store, through the composition root). */
export interface ThreadSubjects {
  subjectOf(channel: string, threadTs: string): ThreadSubject | undefined;
}

/** Words standing for something named earlier, in the corpus languages. */
const REFERENCE = /(^|[^a-z])(it|its|that|this|the job|the run|the endpoint|the pipeline|es|das|ihn|eso|esto|lo|ça|cela|le job)([^a-z]|$)|それ|これ|あれ/i;
/** A question about how a resource is doing, rather than about a service. */
const HOW_IT_IS_DOING =
  /\b(how long|how much longer|eta|when will|why did|why does|why is|fail(ed|ing|ure)?|done|finish(ed)?|ready|complete(d)?|status|progress|stuck|still running|up yet|in service|healthy)\b|wie lange|warum|fertig|fehlgeschlagen|schief|cuánto|por qué|termin|acab|listo|fall[oó]|combien de temps|pourquoi|fini|échou|いつ|なぜ|終わ|失敗|完了/i;

/** "stop it", "cancel that", "kill it please". */
const STOP_IT = /^(\s*<@[A-Z0-9]+(\|[^>]*)?>)*\W*(please\s+|pls\s+|ok\s+)?(stop|cancel|kill|abort|halt)\s+(it|that|this|the job|the run)\b/i;
/** What a stop plan can stop (src/actions/planners/stop.ts). */
const STOPPABLE: ReadonlySet<ThreadSubject["type"]> = new Set(["training-job", "tuning-job", "pipeline-execution"]);
const DRIFT_WORDS = /\bdrift|data quality|model quality|\bskew/i;
const NAME_FIELD: Readonly<Record<ThreadSubject["type"], keyof Pick<RequestParams, "jobName" | "endpointName" | "pipelineName">>> = {
  "training-job": "jobName",
  "tuning-job": "jobName",
  "transform-job": "jobName",
  endpoint: "endpointName",
  "pipeline-execution": "pipelineName",
};

const SERVICE: Readonly<Record<ThreadSubject["type"], { stage: Request["stage"]; service: Request["services"][number] }>> = {
  "training-job": { stage: "training", service: "sagemaker-training" },
  "tuning-job": { stage: "training", service: "automatic-model-tuning" },
  "transform-job": { stage: "deployment", service: "batch-transform" },
  endpoint: { stage: "deployment", service: "realtime-endpoint" },
  "pipeline-execution": { stage: "orchestration", service: "pipelines" },
};

function named(request: Request): boolean {
  const { params } = request;
  return Boolean(params.jobName ?? params.endpointName ?? params.pipelineName ?? params.recipe ?? params.modelPackageGroup);
}

/**
 * The request with "it" resolved to the thread's subject, when the words refer to something and
 * name nothing themselves. A question about how "it" is doing becomes a status request; a stop or
 * a drift check gets its resource. Anything else is left as read (an action is never made up).
 */
export function withThreadSubject(request: Request, subject: ThreadSubject | undefined): Request {
  if (!subject || named(request) || !REFERENCE.test(request.text)) return request;
  const field = NAME_FIELD[subject.type];
  const { stage, service } = SERVICE[subject.type];
  const about = { ...request, stage, services: [service] };
  // The rules' refusal of unsafe text stays a refusal.
  if (request.intent === "unknown" && request.confidence >= UNSAFE_CONFIDENCE) return request;
  const text = request.text;
  const confidence = Math.min(request.confidence, 0.8);
  if ((request.intent === "ask" || request.intent === "unknown") && subject.type === "endpoint" && DRIFT_WORDS.test(text)) {
    return { ...request, intent: "drift", stage: "monitoring", services: ["model-monitor"], params: { endpointName: subject.name }, confidence };
  }
  const stoppable = STOPPABLE.has(subject.type);
  if (request.intent === "unknown" && STOP_IT.test(text) && stoppable) return { ...about, intent: "stop", params: { [field]: subject.name }, confidence };
  switch (request.intent) {
    case "status":
      return { ...about, params: { ...request.params, [field]: subject.name } };
    case "ask":
    case "unknown":
      return HOW_IT_IS_DOING.test(text) ? { ...about, intent: "status", params: { [field]: subject.name }, confidence } : request;
    case "stop":
      if (stoppable) return { ...about, params: { ...request.params, [field]: subject.name } };
      // "stop it" under an endpoint: nothing a stop plan stops, and no other name given to stop.
      return STOP_IT.test(text) ? { ...request, intent: "unknown", stage: null, services: [], params: {} } : request;
    case "drift":
      return subject.type === "endpoint" ? { ...about, params: { ...request.params, endpointName: subject.name } } : request;
    default:
      return request;
  }
}
