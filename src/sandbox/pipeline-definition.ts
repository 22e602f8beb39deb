/** A pipeline definition (its JSON document): the parameters and steps the sandbox runs. */
import { z } from "zod";
import { validationError } from "./errors.js";

const DefinitionSchema = z.looseObject({
  Version: z.string().optional(),
  Parameters: z.array(z.looseObject({ Name: z.string().min(1), Type: z.string().optional(), DefaultValue: z.unknown().optional() })).optional(),
  Steps: z
    .array(
      z.looseObject({
        Name: z.string().min(1).max(64),
        Type: z.string().min(1),
        DisplayName: z.string().optional(),
        Description: z.string().optional(),
        Arguments: z.record(z.string(), z.unknown()).optional(),
        DependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});
export type Definition = z.output<typeof DefinitionSchema>;
export type StepDefinition = Definition["Steps"][number];

/** Parses and checks a PipelineDefinition, or throws SageMaker's ValidationException. */
export function parseDefinition(text: string | undefined): Definition {
  if (text === undefined) throw validationError("PipelineDefinition is required: the sandbox does not read PipelineDefinitionS3Location.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw validationError("Invalid pipeline definition: PipelineDefinition is not valid JSON.");
  }
  const parsed = DefinitionSchema.safeParse(json);
  if (!parsed.success) throw validationError(`Invalid pipeline definition: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim());
  const names = new Set<string>();
  for (const step of parsed.data.Steps) {
    if (names.has(step.Name)) throw validationError(`Invalid pipeline definition: the step name ${step.Name} is used more than once.`);
    names.add(step.Name);
  }
  return parsed.data;
}
