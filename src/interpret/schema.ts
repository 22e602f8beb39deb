import { z } from "zod";
import { IntentId, ServiceId, StageId } from "../catalog/ids.js";

/** SageMaker's resource name pattern (jobs, endpoints, models, groups). */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/;
export const PIPELINE_RUN_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:pipeline\/[A-Za-z0-9-]{1,256}\/execution\/[A-Za-z0-9]{1,256}$/;
export const INSTANCE_TYPE = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

export const Environment = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

/** A model version reference: a number, or the newest approved one. */
export const ModelVersionRef = z.union([z.number().int().positive(), z.literal("latest-approved"), z.literal("latest")]);
export type ModelVersionRef = z.infer<typeof ModelVersionRef>;

/**
 * Everything the interpreter can pull out of an utterance. Every field is optional: which ones an
 * action needs is the guard's and the planner's business, not the interpreter's.
 */
export const RequestParams = z
  .object({
    /** Every s3:// URI in the text, in order. */
    s3Uris: z.array(z.string().regex(S3_URI)).optional(),
    /** Training or batch input (first S3 URI, or one given as data=/input=). */
    data: z.string().regex(S3_URI).optional(),
    /** Output location (output=). */
    output: z.string().regex(S3_URI).optional(),
    instanceType: z.string().regex(INSTANCE_TYPE).optional(),
    instanceCount: z.number().int().min(1).max(100).optional(),
    /** Duration in seconds ("2h", "90 minutes", max-runtime=2h). */
    maxRuntimeSeconds: z.number().int().min(1).max(28 * 24 * 3600).optional(),
    environment: Environment.optional(),
    recipe: z.string().regex(SAGEMAKER_NAME).optional(),
    modelPackageGroup: z.string().regex(SAGEMAKER_NAME).optional(),
    modelVersion: ModelVersionRef.optional(),
    endpointName: z.string().regex(SAGEMAKER_NAME).optional(),
    jobName: z.string().regex(SAGEMAKER_NAME).optional(),
    pipelineName: z.string().regex(SAGEMAKER_NAME).optional(),
    /** One run of a pipeline, by the ARN pasted from the console or picked from a list. */
    pipelineRunArn: z.string().regex(PIPELINE_RUN_ARN).optional(),
    hyperparameters: z.record(z.string(), z.string()).optional(),
    /** Tuning budget. */
    trials: z.number().int().min(1).max(500).optional(),
    parallel: z.number().int().min(1).max(100).optional(),
    /** Slack channel reference: id when given as <#C123|name>, else the name. */
    channel: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
    /** deploy: "realtime" (default), "batch" or "rollback". */
    deployMode: z.enum(["realtime", "batch", "rollback"]).optional(),
    /** drift: routing alerts rather than reading findings ("notify #ml-alerts when churn-prod drifts"). */
    driftAction: z.enum(["subscribe", "unsubscribe", "list"]).optional(),
    /** ask: what kind of question it is. */
    question: z.enum(["service", "stage", "compare", "lifecycle", "scenario", "recommend"]).optional(),
  })
  .strict();
export type RequestParams = z.infer<typeof RequestParams>;

export const Request = z.object({
  text: z.string(),
  intent: IntentId,
  /** null when the request spans several stages or none. */
  stage: StageId.nullable(),
  /** Best first; may be empty. */
  services: z.array(ServiceId),
  params: RequestParams,
  confidence: z.number().min(0).max(1),
});
export type Request = z.infer<typeof Request>;

/**
 * A message's reading, and the others close enough to it that the person should pick (the
 * readings the bot asks back with). With alternatives, nothing is done until one is picked.
 */
export interface Reading {
  request: Request;
  alternatives: Request[];
  /** Questions asked beside the request in the same message, offered once it is handled. */
  also?: Request[];
}

/** One turn of a thread so far: what a person said, or what the bot answered. */
export interface Turn {
  role: "user" | "assistant";
  text: string;
}

/** What else an interpreter may use: the thread's last few turns, oldest first. */
export interface InterpretContext {
  history?: readonly Turn[];
}

/** Anything that turns text into a Request: the offline interpreter, Bedrock, or both in a chain. */
export interface Interpreter {
  interpret(text: string, context?: InterpretContext): Promise<Request>;
  /** The reading with its close alternatives, where the interpreter can tell them (else `interpret` alone). */
  read?(text: string, context?: InterpretContext): Promise<Reading>;
}
