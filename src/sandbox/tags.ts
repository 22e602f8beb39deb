/**
 * Tags by resource ARN, as SageMaker keeps them: those given to a Create call, and those added
 * later with AddTags. ListTags reads them back (sageops reads `sageops:environment` and
 * `sageops:requester` to know whose a resource is).
 */
import { z } from "zod";
import type { Operations } from "./operations.js";
import { paginate } from "./paging.js";
import { maxResults, nextToken, parseRequest, tags } from "./validate.js";

type Tag = { Key: string; Value: string };

const ResourceArn = z.string().min(1).max(256).regex(/^arn:aws[a-z-]*:sagemaker:/, "must be a SageMaker resource ARN");
const ListTagsSchema = z.looseObject({ ResourceArn, MaxResults: maxResults.optional(), NextToken: nextToken.optional() });
const AddTagsSchema = z.looseObject({ ResourceArn, Tags: tags });
const CreatedSchema = z.looseObject({ Tags: tags.optional() });

export class ResourceTags {
  private readonly byArn = new Map<string, Tag[]>();

  /** Records the tags a Create call carried on the ARN it answered with. */
  recordCreate(input: unknown, output: unknown): void {
    const created = CreatedSchema.safeParse(input);
    if (!created.success || !created.data.Tags || typeof output !== "object" || output === null) return;
    const arn = Object.entries(output).find(([key, value]) => key.endsWith("Arn") && typeof value === "string")?.[1];
    if (typeof arn === "string") this.add(arn, created.data.Tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })));
  }

  private add(arn: string, added: Tag[]): Tag[] {
    const current = (this.byArn.get(arn) ?? []).filter((tag) => !added.some((a) => a.Key === tag.Key));
    const next = [...current, ...added];
    this.byArn.set(arn, next);
    return next;
  }

  operations(): Operations {
    return {
      ListTags: (input) => {
        const request = parseRequest(ListTagsSchema, input);
        const { page, nextToken } = paginate(this.byArn.get(request.ResourceArn) ?? [], { maxResults: request.MaxResults, nextToken: request.NextToken, defaultMax: 50 });
        return { Tags: page, ...(nextToken ? { NextToken: nextToken } : {}) };
      },
      AddTags: (input) => {
        const request = parseRequest(AddTagsSchema, input);
        return { Tags: this.add(request.ResourceArn, request.Tags.map((tag) => ({ Key: tag.Key, Value: tag.Value }))) };
      },
    };
  }
}
