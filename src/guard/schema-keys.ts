import { z } from "zod";

/** Peels wrappers (optional, default, transforms) off a schema to reach the shape inside. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap(unwrap);
  return [schema];
}

/** The schemas that may hold the value at `path` below `schema` (several under a union). */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const segment of path) {
    current = current.flatMap((candidate) => {
      if (candidate instanceof z.ZodObject && typeof segment === "string") {
        const child = (candidate.shape as Record<string, z.ZodType | undefined>)[segment];
        return child ? unwrap(child) : [];
      }
      if (candidate instanceof z.ZodRecord) return unwrap(candidate.valueType as z.ZodType);
      if (candidate instanceof z.ZodArray) return unwrap(candidate.element as z.ZodType);
      return [];
    });
  }
  return current;
}

/** The keys an object at `path` may have, for "did you mean" hints on unknown keys. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((candidate) => (candidate instanceof z.ZodObject ? Object.keys(candidate.shape as object) : []));
  return [...new Set(keys)];
}
