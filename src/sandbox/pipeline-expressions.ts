/**
 * The expressions a pipeline definition's step arguments may hold: `{"Get": "Parameters.X"}`,
 * `{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}`, `{"Get": "Execution.PipelineExecutionId"}`
 * and `{"Std:Join": {"On": "/", "Values": [...]}}`. Everything else passes through unchanged.
 */

export interface ExpressionContext {
  Parameters: Record<string, string>;
  Steps: Record<string, unknown>;
  Execution: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lookup(path: string, context: ExpressionContext): unknown {
  let current: unknown = context;
  // `Outputs['train']` is the same path as `Outputs.train`.
  const normalised = path.replace(/\[['"]?([^'"\]]+)['"]?\]/g, ".$1");
  for (const segment of normalised.split(".")) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

export class ExpressionError extends Error {}

export function resolveExpressions(value: unknown, context: ExpressionContext): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveExpressions(item, context));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value.Get === "string") {
    const found = lookup(value.Get, context);
    if (found === undefined) throw new ExpressionError(`The expression {"Get": "${value.Get}"} refers to nothing that exists at this point of the execution.`);
    return found;
  }
  const join = value["Std:Join"];
  if (keys.length === 1 && isRecord(join) && Array.isArray(join.Values)) {
    return join.Values.map((item) => String(resolveExpressions(item, context))).join(typeof join.On === "string" ? join.On : "");
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveExpressions(item, context)]));
}
