import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import type { ChangeListener, EventSource } from "../../src/watch/events.js";
import { EventFeed } from "../../src/watch/events.js";
import { REPO_ROOT } from "../support/cli.js";

/**
 * docs/operations/events.yaml is the EventBridge rule and SQS queue the bot reads
 * (SAGEOPS_EVENTS_QUEUE_URL). Its detail-types must be the ones src/watch/events.ts acts on:
 * one it does not know fills the queue with messages the bot drops, one missing leaves a
 * resource type to slow polling.
 */

const TEMPLATE_FILE = path.join(REPO_ROOT, "docs/operations/events.yaml");
const EVENTS_SOURCE = path.join(REPO_ROOT, "src/watch/events.ts");

const Ref = z.strictObject({ Ref: z.string() });
const GetAtt = z.strictObject({ "Fn::GetAtt": z.tuple([z.string(), z.string()]) });

const Template = z.looseObject({
  AWSTemplateFormatVersion: z.literal("2010-09-09"),
  Resources: z.record(z.string(), z.looseObject({ Type: z.string(), Properties: z.unknown().optional() })),
  Outputs: z.record(z.string(), z.looseObject({ Value: z.unknown() })),
});
type Template = z.infer<typeof Template>;

const RuleProperties = z.looseObject({
  State: z.string(),
  EventPattern: z.strictObject({ source: z.array(z.string()), "detail-type": z.array(z.string()) }),
  Targets: z.array(z.looseObject({ Id: z.string(), Arn: GetAtt })),
});

const QueueProperties = z.looseObject({
  SqsManagedSseEnabled: z.boolean().optional(),
  KmsMasterKeyId: z.unknown().optional(),
  MessageRetentionPeriod: z.number(),
  VisibilityTimeout: z.number().optional(),
  RedrivePolicy: z.looseObject({ deadLetterTargetArn: GetAtt, maxReceiveCount: z.number() }).optional(),
});

const QueuePolicyProperties = z.looseObject({
  Queues: z.array(Ref),
  PolicyDocument: z.looseObject({
    Statement: z.array(
      z.looseObject({ Sid: z.string().optional(), Effect: z.string(), Principal: z.unknown().optional(), Action: z.union([z.string(), z.array(z.string())]), Resource: z.unknown().optional(), Condition: z.unknown().optional() }),
    ),
  }),
});

function readTemplate(text = fs.readFileSync(TEMPLATE_FILE, "utf8")): Template {
  return Template.parse(parse(text));
}

function resourcesOfType<T>(template: Template, type: string, schema: z.ZodType<T>): [string, T][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([name, resource]) => [name, schema.parse(resource.Properties)]);
}

function onlyRule(template: Template): [string, z.infer<typeof RuleProperties>] {
  const rules = resourcesOfType(template, "AWS::Events::Rule", RuleProperties);
  const [rule] = rules;
  if (!rule || rules.length > 1) throw new Error(`the template has ${rules.length} EventBridge rules; it should have one`);
  return rule;
}

/**
 * The detail-types src/watch/events.ts matches. The module exports no list of them (they sit in
 * its private table and two zod literals), so they are read from its text; the test below then
 * shows the module acting on each.
 */
function detailTypesTheBotReads(): string[] {
  const source = fs.readFileSync(EVENTS_SOURCE, "utf8");
  return [...new Set([...source.matchAll(/"(SageMaker [A-Za-z ]+ (?:State|Status) Change)"/g)].map((m) => m[1] ?? ""))];
}

function detailTypeProblems(template: Template, expected: readonly string[]): string[] {
  const [name, rule] = onlyRule(template);
  const problems: string[] = [];
  if (rule.EventPattern.source.join() !== "aws.sagemaker") problems.push(`${name} matches source ${rule.EventPattern.source.join(", ")}, not aws.sagemaker alone`);
  const listed = rule.EventPattern["detail-type"];
  for (const type of expected) if (!listed.includes(type)) problems.push(`${name} does not send "${type}", which the bot reads`);
  for (const type of listed) if (!expected.includes(type)) problems.push(`${name} sends "${type}", which the bot ignores`);
  return problems;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every statement of every queue policy must let only EventBridge, for this rule, send to the queue. */
function queuePolicyProblems(template: Template): string[] {
  const [ruleName, rule] = onlyRule(template);
  const problems: string[] = [];
  const policies = resourcesOfType(template, "AWS::SQS::QueuePolicy", QueuePolicyProperties);
  if (policies.length === 0) problems.push("no AWS::SQS::QueuePolicy: EventBridge could not send to the queue");
  for (const [name, policy] of policies) {
    const queues = policy.Queues.map((queue) => queue.Ref);
    for (const target of rule.Targets) if (!queues.includes(target.Arn["Fn::GetAtt"][0])) problems.push(`${name} does not cover ${target.Arn["Fn::GetAtt"][0]}, the rule's target`);
    for (const [index, statement] of policy.PolicyDocument.Statement.entries()) {
      const where = `${name} statement ${statement.Sid ?? index}`;
      if (statement.Effect !== "Allow") continue;
      if (!sameJson(statement.Principal, { Service: "events.amazonaws.com" })) problems.push(`${where} lets ${JSON.stringify(statement.Principal)} send, not EventBridge alone`);
      const actions = typeof statement.Action === "string" ? [statement.Action] : statement.Action;
      if (!sameJson(actions, ["sqs:SendMessage"])) problems.push(`${where} grants ${actions.join(", ")}, not sqs:SendMessage alone`);
      const resource = GetAtt.safeParse(statement.Resource);
      if (!resource.success || resource.data["Fn::GetAtt"][1] !== "Arn" || !queues.includes(resource.data["Fn::GetAtt"][0])) problems.push(`${where} is not on the queue's own ARN`);
      if (!sameJson(statement.Condition, { ArnEquals: { "aws:SourceArn": { "Fn::GetAtt": [ruleName, "Arn"] } } })) problems.push(`${where} is not limited to ${ruleName} (ArnEquals aws:SourceArn)`);
    }
  }
  return problems;
}

/** The template's text with one passage replaced; fails if the passage is not there. */
function edited(from: string, to: string): string {
  const text = fs.readFileSync(TEMPLATE_FILE, "utf8");
  if (!text.includes(from)) throw new Error(`events.yaml no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** One event of each detail-type through the real feed: how many it ignored. */
async function ignoredByTheBot(detailType: string): Promise<number> {
  const body = JSON.stringify({
    source: "aws.sagemaker",
    "detail-type": detailType,
    resources: [],
    // Whatever the type, the fields it is read by (names, ARN, final status, group).
    detail: {
      TrainingJobName: "churn-xgb-1",
      EndpointName: "churn-prod",
      TransformJobName: "churn-batch-1",
      HyperParameterTuningJobName: "churn-tune-1",
      pipelineExecutionArn: "arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-retrain/execution/abc123",
      ProcessingJobStatus: "Completed",
      ModelPackageGroupName: "churn-xgb",
    },
  });
  const source: EventSource = { receive: async () => [{ id: "m1", body }], ack: async () => {} };
  const listener: ChangeListener = { noteChanged: () => true, setEventsHealthy: () => {} };
  const feed = new EventFeed(source, listener, { now: () => 0, after: () => () => {} });
  await feed.pollOnce();
  expect(feed.stats.received).toBe(1);
  return feed.stats.ignored;
}

describe("the EventBridge rule and SQS queue (docs/operations/events.yaml)", () => {
  it("sends SageMaker's events of exactly the detail-types src/watch/events.ts reads", () => {
    const expected = detailTypesTheBotReads();
    // The reading itself: it must find the table's types and the two literals, not nothing.
    expect(expected).toEqual(expect.arrayContaining(["SageMaker Training Job State Change", "SageMaker Processing Job State Change", "SageMaker Model Package State Change"]));
    expect(detailTypeProblems(readTemplate(), expected)).toEqual([]);
  });

  it("sends only events the bot acts on: each of its detail-types is read, another is ignored", async () => {
    for (const type of onlyRule(readTemplate())[1].EventPattern["detail-type"]) expect(await ignoredByTheBot(type), type).toBe(0);
    expect(await ignoredByTheBot("SageMaker Endpoint Config State Change")).toBe(1);
  });

  it("reports a detail-type the rule lost and one the bot does not read", () => {
    const changed = readTemplate(edited("          - SageMaker Model Package State Change\n", "          - SageMaker Endpoint Config State Change\n"));
    expect(detailTypeProblems(changed, detailTypesTheBotReads())).toEqual([
      'SageMakerStateChangeRule does not send "SageMaker Model Package State Change", which the bot reads',
      'SageMakerStateChangeRule sends "SageMaker Endpoint Config State Change", which the bot ignores',
    ]);
  });

  it("targets the queue, which only EventBridge may send to, and only from this rule", () => {
    const template = readTemplate();
    const [, rule] = onlyRule(template);
    expect(rule.State).toBe("ENABLED");
    expect(rule.Targets.map((target) => target.Arn)).toEqual([{ "Fn::GetAtt": ["EventsQueue", "Arn"] }]);
    expect(queuePolicyProblems(template)).toEqual([]);
  });

  it("reports a queue policy open to every rule or to everyone", () => {
    const anyRule = readTemplate(edited("            Condition:\n              ArnEquals:\n                aws:SourceArn:\n                  Fn::GetAtt: [SageMakerStateChangeRule, Arn]\n", ""));
    expect(queuePolicyProblems(anyRule)).toEqual(["EventsQueuePolicy statement EventBridgeRuleOnly is not limited to SageMakerStateChangeRule (ArnEquals aws:SourceArn)"]);
    const anyone = readTemplate(edited("            Principal:\n              Service: events.amazonaws.com\n", '            Principal: "*"\n'));
    expect(queuePolicyProblems(anyone)).toEqual(['EventsQueuePolicy statement EventBridgeRuleOnly lets "*" send, not EventBridge alone']);
  });

  it("keeps messages a few days, encrypted, with a dead-letter queue and a visibility timeout for a bot that deletes after handling", () => {
    const queues = new Map(resourcesOfType(readTemplate(), "AWS::SQS::Queue", QueueProperties));
    const queue = queues.get("EventsQueue");
    if (!queue) throw new Error("no EventsQueue");
    expect(queue.SqsManagedSseEnabled === true || queue.KmsMasterKeyId !== undefined).toBe(true);
    const day = 86_400;
    expect(queue.MessageRetentionPeriod).toBeGreaterThanOrEqual(2 * day);
    expect(queue.MessageRetentionPeriod).toBeLessThanOrEqual(7 * day);
    // Longer than handling a batch takes (seconds), short enough that a failed delete costs a minute or so.
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(30);
    expect(queue.VisibilityTimeout).toBeLessThanOrEqual(300);
    const deadLetter = queue.RedrivePolicy?.deadLetterTargetArn["Fn::GetAtt"][0];
    expect(deadLetter).toBeDefined();
    const dlq = deadLetter === undefined ? undefined : queues.get(deadLetter);
    expect(dlq?.SqsManagedSseEnabled === true || dlq?.KmsMasterKeyId !== undefined).toBe(true);
  });

  it("outputs the queue's URL (for SAGEOPS_EVENTS_QUEUE_URL) and ARN", () => {
    const { Outputs } = readTemplate();
    expect(Outputs["QueueUrl"]?.Value).toEqual({ Ref: "EventsQueue" });
    expect(Outputs["QueueArn"]?.Value).toEqual({ "Fn::GetAtt": ["EventsQueue", "Arn"] });
  });
});
