/**
 * A tracked resource's status as sageops keeps and shows it: SageMaker's describe answer cut
 * down to what people read, as plain JSON (dates as ISO strings) so it can be stored and
 * rendered without the SDK. The schema is checked whenever a stored snapshot is read back.
 */
import { z } from "zod";
import type { TrackedResource } from "../kernel/resources.js";

export type ResourceType = TrackedResource["type"];

export const RESOURCE_TYPES = ["training-job", "tuning-job", "endpoint", "transform-job", "pipeline-execution"] as const satisfies readonly ResourceType[];

/** Where a resource stands, whatever its type's own status words. */
export const PHASES = ["running", "succeeded", "failed", "stopped"] as const;
export type Phase = (typeof PHASES)[number];

const isoTime = z.iso.datetime({ offset: true });

const common = {
  name: z.string().min(1),
  arn: z.string().optional(),
  /** SageMaker's own status word, e.g. `InProgress`, `InService`, `Executing`. */
  status: z.string(),
  phase: z.enum(PHASES),
  failureReason: z.string().optional(),
  createdAt: isoTime.optional(),
  startedAt: isoTime.optional(),
  endedAt: isoTime.optional(),
  lastModified: isoTime.optional(),
};

const TimelineEntrySchema = z.object({ status: z.string(), startedAt: isoTime.optional(), endedAt: isoTime.optional(), message: z.string().optional() });

export const TrainingStatusSchema = z.object({
  type: z.literal("training-job"),
  ...common,
  secondaryStatus: z.string().optional(),
  /** SecondaryStatusTransitions: Starting, Downloading, Training, Uploading, Completed... */
  timeline: z.array(TimelineEntrySchema),
  billableSeconds: z.number().optional(),
  instanceType: z.string().optional(),
  instanceCount: z.number().optional(),
  maxRuntimeSeconds: z.number().optional(),
  metrics: z.array(z.object({ name: z.string(), value: z.number() })),
});

export const TuningStatusSchema = z.object({
  type: z.literal("tuning-job"),
  ...common,
  counters: z.object({ completed: z.number(), inProgress: z.number(), failed: z.number(), stopped: z.number() }),
  best: z.object({ trainingJobName: z.string(), metricName: z.string().optional(), value: z.number().optional() }).optional(),
});

export const EndpointStatusSchema = z.object({
  type: z.literal("endpoint"),
  ...common,
  configName: z.string().optional(),
  variants: z.array(
    z.object({ name: z.string(), currentWeight: z.number().optional(), desiredWeight: z.number().optional(), currentInstances: z.number().optional(), desiredInstances: z.number().optional() }),
  ),
  /** Statuses seen by sageops, oldest first (SageMaker keeps no history for endpoints). */
  timeline: z.array(TimelineEntrySchema),
  /** True once the endpoint was seen rolling back: its final InService is the old config. */
  rolledBack: z.boolean(),
});

export const TransformStatusSchema = z.object({
  type: z.literal("transform-job"),
  ...common,
  outputPath: z.string().optional(),
});

export const PipelineStatusSchema = z.object({
  type: z.literal("pipeline-execution"),
  ...common,
  pipelineName: z.string().optional(),
  displayName: z.string().optional(),
  steps: z.array(z.object({ name: z.string(), status: z.string(), startedAt: isoTime.optional(), endedAt: isoTime.optional(), failureReason: z.string().optional() })),
});

export const ResourceStatusSchema = z.discriminatedUnion("type", [TrainingStatusSchema, TuningStatusSchema, EndpointStatusSchema, TransformStatusSchema, PipelineStatusSchema]);

export type ResourceStatus = z.infer<typeof ResourceStatusSchema>;
export type TrainingStatus = z.infer<typeof TrainingStatusSchema>;
export type TuningStatus = z.infer<typeof TuningStatusSchema>;
export type EndpointStatus = z.infer<typeof EndpointStatusSchema>;
export type TransformStatus = z.infer<typeof TransformStatusSchema>;
export type PipelineStatus = z.infer<typeof PipelineStatusSchema>;

export const TYPE_LABEL: Record<ResourceType, string> = {
  "training-job": "Training job",
  "tuning-job": "Tuning job",
  endpoint: "Endpoint",
  "transform-job": "Batch transform job",
  "pipeline-execution": "Pipeline execution",
};
