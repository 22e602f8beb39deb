/**
 * Request validation in SageMaker's manner: zod schemas for the request shapes, and zod's issues
 * rewritten as SageMaker words them ("1 validation error detected: Value 'x' at 'trainingJobName'
 * failed to satisfy constraint: ...").
 */
import { z } from "zod";
import { validationError } from "./errors.js";

const NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** A SageMaker resource name (training jobs, models, endpoints, ...). */
export const resourceName = (maxLength = 63): z.ZodString =>
  maxLength === 63 ? z.string().regex(NAME_PATTERN) : z.string().max(maxLength).regex(new RegExp(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,${maxLength - 1}}$`));

export const s3Uri = z.string().max(1024).regex(/^(https|s3):\/\/([^/]+)\/?(.*)$/);
export const roleArn = z.string().min(20).max(2048).regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/);
export const instanceType = z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/);
export const imageUri = z.string().max(255).regex(/^[\S]+$/);
export const tags = z.array(z.looseObject({ Key: z.string().min(1).max(128), Value: z.string().max(256) })).max(50);
export const maxResults = z.number().int().min(1).max(100);
export const nextToken = z.string().max(8192);
export const sortOrder = z.enum(["Ascending", "Descending"]);
/** JSON 1.1 sends timestamps as epoch seconds; the sandbox works in epoch milliseconds. */
export const timestamp = z.number().transform((seconds) => Math.round(seconds * 1000));
/** The paging, name and time filters SageMaker's List* operations share. */
export const LIST_FILTERS = {
  NextToken: nextToken.optional(),
  MaxResults: maxResults.optional(),
  NameContains: z.string().max(63).optional(),
  CreationTimeAfter: timestamp.optional(),
  CreationTimeBefore: timestamp.optional(),
  LastModifiedTimeAfter: timestamp.optional(),
  LastModifiedTimeBefore: timestamp.optional(),
};

export const clientToken = z.string().min(1).max(128);
export const stringMap = (maxEntries: number) =>
  z.record(z.string().max(256), z.string().max(2500)).refine((map) => Object.keys(map).length <= maxEntries, `Map must have at most ${maxEntries} entries`);

/** A name or the ARN of one (several Describe calls accept either). */
export const nameOrArn = z.string().min(1).max(2048);

/** The last path segment of an ARN, or the string itself when it is a plain name. */
export function nameFromArn(nameOrArnValue: string): string {
  return nameOrArnValue.startsWith("arn:") ? (nameOrArnValue.split("/").pop() ?? nameOrArnValue) : nameOrArnValue;
}

function memberPath(path: PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === "number" ? `${segment + 1}.member` : String(segment).replace(/^[A-Z]/, (c) => c.toLowerCase())))
    .join(".");
}

function shown(input: unknown): string {
  if (input === undefined || input === null) return "null";
  if (typeof input === "string") return `'${input}'`;
  if (typeof input === "number" || typeof input === "boolean") return `'${String(input)}'`;
  return `'${JSON.stringify(input)}'`;
}

function constraint(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "Member must not be null" : `Member must be of type ${issue.expected}`;
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue && typeof issue.pattern === "string"
        ? `Member must satisfy regular expression pattern: ${issue.pattern.replace(/^\/|\/$/g, "")}`
        : `Member must be a valid ${issue.format}`;
    case "invalid_value":
      return `Member must satisfy enum value set: [${issue.values.map(String).join(", ")}]`;
    case "too_small":
      return issue.origin === "number" || issue.origin === "int" ? `Member must have value greater than or equal to ${String(issue.minimum)}` : `Member must have length greater than or equal to ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "number" || issue.origin === "int" ? `Member must have value less than or equal to ${String(issue.maximum)}` : `Member must have length less than or equal to ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** Parses a request body against its schema, or throws SageMaker's ValidationException. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10);
  const details = issues.map((issue) => `Value ${shown(issue.input)} at '${memberPath(issue.path)}' failed to satisfy constraint: ${constraint(issue)}`);
  const count = result.error.issues.length;
  throw validationError(`${count} validation error${count === 1 ? "" : "s"} detected: ${details.join("; ")}`);
}
