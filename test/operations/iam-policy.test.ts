import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REPO_ROOT } from "../support/cli.js";

/**
 * docs/operations/iam-policy.json is the bot's own role: it must grant what the code sends to AWS
 * and nothing more. The commands are read from the sources, so a new SDK call without its
 * permission (or a permission left behind by a removed call) fails here, not in production.
 */

const POLICY_FILE = path.join(REPO_ROOT, "docs/operations/iam-policy.json");

/** The clients the policy covers; an import of any other AWS client fails the test. */
const CLIENTS = ["@aws-sdk/client-sagemaker", "@aws-sdk/client-s3", "@aws-sdk/client-sqs", "@aws-sdk/client-bedrock-runtime"] as const;
type Client = (typeof CLIENTS)[number];

interface Permission {
  /** The IAM actions the command is authorised by. */
  actions: readonly string[];
  /** For a command that changes something in SageMaker: the resource types it may act on. */
  on?: readonly string[];
}

/**
 * Every SDK command the code sends, and the IAM actions each needs (the Service Authorization
 * Reference's names: ListObjectsV2 is s3:ListBucket, HeadObject is s3:GetObject, a batch
 * delete is sqs:DeleteMessage, Converse is bedrock:InvokeModel).
 */
const COMMANDS: Readonly<Record<Client, Readonly<Record<string, Permission>>>> = {
  "@aws-sdk/client-sagemaker": {
    CreateTrainingJobCommand: { actions: ["sagemaker:CreateTrainingJob"], on: ["training-job"] },
    StopTrainingJobCommand: { actions: ["sagemaker:StopTrainingJob"], on: ["training-job"] },
    CreateHyperParameterTuningJobCommand: { actions: ["sagemaker:CreateHyperParameterTuningJob"], on: ["hyper-parameter-tuning-job"] },
    StopHyperParameterTuningJobCommand: { actions: ["sagemaker:StopHyperParameterTuningJob"], on: ["hyper-parameter-tuning-job"] },
    CreateModelCommand: { actions: ["sagemaker:CreateModel"], on: ["model"] },
    CreateEndpointConfigCommand: { actions: ["sagemaker:CreateEndpointConfig"], on: ["endpoint-config"] },
    // An endpoint is created from, and moved to, an endpoint configuration.
    CreateEndpointCommand: { actions: ["sagemaker:CreateEndpoint"], on: ["endpoint", "endpoint-config"] },
    UpdateEndpointCommand: { actions: ["sagemaker:UpdateEndpoint"], on: ["endpoint", "endpoint-config"] },
    CreateTransformJobCommand: { actions: ["sagemaker:CreateTransformJob"], on: ["transform-job"] },
    StartPipelineExecutionCommand: { actions: ["sagemaker:StartPipelineExecution"], on: ["pipeline"] },
    StopPipelineExecutionCommand: { actions: ["sagemaker:StopPipelineExecution"], on: ["pipeline-execution"] },
    UpdateModelPackageCommand: { actions: ["sagemaker:UpdateModelPackage"], on: ["model-package"] },
    DescribeTrainingJobCommand: { actions: ["sagemaker:DescribeTrainingJob"] },
    ListTrainingJobsCommand: { actions: ["sagemaker:ListTrainingJobs"] },
    DescribeHyperParameterTuningJobCommand: { actions: ["sagemaker:DescribeHyperParameterTuningJob"] },
    DescribePipelineExecutionCommand: { actions: ["sagemaker:DescribePipelineExecution"] },
    ListPipelineExecutionStepsCommand: { actions: ["sagemaker:ListPipelineExecutionSteps"] },
    ListPipelineExecutionsCommand: { actions: ["sagemaker:ListPipelineExecutions"] },
    ListPipelinesCommand: { actions: ["sagemaker:ListPipelines"] },
    ListModelPackageGroupsCommand: { actions: ["sagemaker:ListModelPackageGroups"] },
    ListModelPackagesCommand: { actions: ["sagemaker:ListModelPackages"] },
    DescribeModelPackageCommand: { actions: ["sagemaker:DescribeModelPackage"] },
    ListFeatureGroupsCommand: { actions: ["sagemaker:ListFeatureGroups"] },
    DescribeFeatureGroupCommand: { actions: ["sagemaker:DescribeFeatureGroup"] },
    DescribeModelCommand: { actions: ["sagemaker:DescribeModel"] },
    DescribeEndpointConfigCommand: { actions: ["sagemaker:DescribeEndpointConfig"] },
    DescribeEndpointCommand: { actions: ["sagemaker:DescribeEndpoint"] },
    ListEndpointsCommand: { actions: ["sagemaker:ListEndpoints"] },
    ListTagsCommand: { actions: ["sagemaker:ListTags"] },
    DescribeTransformJobCommand: { actions: ["sagemaker:DescribeTransformJob"] },
    ListMonitoringExecutionsCommand: { actions: ["sagemaker:ListMonitoringExecutions"] },
    DescribeMonitoringScheduleCommand: { actions: ["sagemaker:DescribeMonitoringSchedule"] },
    DescribeProcessingJobCommand: { actions: ["sagemaker:DescribeProcessingJob"] },
  },
  "@aws-sdk/client-s3": {
    GetObjectCommand: { actions: ["s3:GetObject"] },
    HeadObjectCommand: { actions: ["s3:GetObject"] },
    ListObjectsV2Command: { actions: ["s3:ListBucket"] },
  },
  "@aws-sdk/client-sqs": {
    ReceiveMessageCommand: { actions: ["sqs:ReceiveMessage"] },
    DeleteMessageBatchCommand: { actions: ["sqs:DeleteMessage"] },
  },
  "@aws-sdk/client-bedrock-runtime": {
    ConverseCommand: { actions: ["bedrock:InvokeModel"] },
  },
};

/**
 * Granted besides the commands' own actions: handing the environments' execution roles to
 * SageMaker (CreateTrainingJob, CreateHyperParameterTuningJob, CreateModel carry one), and
 * sagemaker:AddTags, which SageMaker checks when a create request carries Tags (the planners
 * tag what they create with sageops:requester, sageops:environment and sageops:plan).
 */
const ALSO_GRANTED = ["iam:PassRole", "sagemaker:AddTags"] as const;

const MUTATING_SAGEMAKER = /^sagemaker:(Add|Create|Delete|Put|Register|Start|Stop|Update)/;

// ---- what the code sends ----

interface SourceFile {
  path: string;
  text: string;
}

interface CommandUse {
  client: Client;
  command: string;
  file: string;
}

function isClient(spec: string): spec is Client {
  return (CLIENTS as readonly string[]).includes(spec);
}

function typeScriptFiles(dir: string, skip: readonly string[]): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (skip.includes(relative)) return [];
    if (entry.isDirectory()) return typeScriptFiles(relative, skip);
    return relative.endsWith(".ts") ? [relative] : [];
  });
}

/** The sources the bot runs, without the local emulator (it sends nothing to AWS). */
function botSources(): SourceFile[] {
  return typeScriptFiles("src", ["src/sandbox"]).map((file) => ({ path: file, text: fs.readFileSync(path.join(REPO_ROOT, file), "utf8") }));
}

const literal = (name: string): string => name.replace(/[$]/g, "\\$&");

/**
 * Every command class imported from the covered clients and constructed with `new`, by named or
 * namespace import. Also reported: an import of another AWS client, and a `new …Command(` whose
 * class did not come from a covered client (the policy would not know of it).
 */
function commandsSent(files: readonly SourceFile[]): { uses: CommandUse[]; problems: string[] } {
  const uses: CommandUse[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const fromClients = new Set<string>();
    for (const match of file.text.matchAll(/import\s+([^;]*?)\s+from\s+["'](@aws-sdk\/[^"']+)["']/g)) {
      const clause = match[1] ?? "";
      const spec = match[2] ?? "";
      if (!isClient(spec)) {
        if (spec.startsWith("@aws-sdk/client-")) problems.push(`${file.path} imports ${spec}, a client the policy does not cover`);
        continue;
      }
      if (clause.startsWith("type ")) continue;
      const namespace = /^\*\s+as\s+([\w$]+)$/.exec(clause)?.[1];
      if (namespace !== undefined) {
        for (const used of file.text.matchAll(new RegExp(`new\\s+${literal(namespace)}\\.(\\w+Command)\\s*\\(`, "g"))) {
          uses.push({ client: spec, command: used[1] ?? "", file: file.path });
          fromClients.add(used[1] ?? "");
        }
        continue;
      }
      const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? "";
      for (const part of named.split(",")) {
        const member = part.trim();
        if (member === "" || member.startsWith("type ")) continue;
        const [imported = "", local = imported] = member.split(/\s+as\s+/);
        if (!imported.endsWith("Command")) continue;
        fromClients.add(local);
        if (new RegExp(`new\\s+${literal(local)}\\s*\\(`).test(file.text)) uses.push({ client: spec, command: imported, file: file.path });
      }
    }
    for (const constructed of file.text.matchAll(/new\s+(\w+Command)\s*\(/g)) {
      const name = constructed[1] ?? "";
      if (!fromClients.has(name)) problems.push(`${file.path} constructs ${name}, which is not imported from a covered client: add its client and its actions to COMMANDS`);
    }
  }
  return { uses, problems };
}

/** The actions the commands need, each with the commands that need it; unknown commands are problems. */
function requiredActions(uses: readonly CommandUse[]): { needs: Map<string, Set<string>>; problems: string[] } {
  const needs = new Map<string, Set<string>>();
  const problems: string[] = [];
  for (const use of uses) {
    const permission = COMMANDS[use.client][use.command];
    if (!permission) {
      problems.push(`${use.command} (${use.client}, sent in ${use.file}) is not in COMMANDS: add the IAM actions it needs, and grant them in docs/operations/iam-policy.json`);
      continue;
    }
    for (const action of permission.actions) needs.set(action, (needs.get(action) ?? new Set()).add(use.command));
  }
  return { needs, problems };
}

/** The SageMaker resource types each mutating action may act on, from the table. */
function scopes(): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const commands of Object.values(COMMANDS)) for (const permission of Object.values(commands)) for (const action of permission.actions) if (permission.on) out.set(action, permission.on);
  return out;
}

// ---- what the policy grants ----

const OneOrMore = z.union([z.string(), z.array(z.string()).min(1)]).transform((value) => (typeof value === "string" ? [value] : value));

const Statement = z.strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]+$/, "Sids are letters and digits"),
  // Allow only: a Deny, NotAction or NotResource would make "what is granted" a harder question.
  Effect: z.literal("Allow"),
  Action: OneOrMore,
  Resource: OneOrMore,
  Condition: z.record(z.string(), z.record(z.string(), OneOrMore)).optional(),
});

const PolicyDocument = z.strictObject({ Version: z.literal("2012-10-17"), Statement: z.array(Statement).min(1) });
type PolicyDocument = z.infer<typeof PolicyDocument>;
type PolicyStatement = PolicyDocument["Statement"][number];

const conditionValues = (statement: PolicyStatement, operator: string, key: string): string[] => statement.Condition?.[operator]?.[key] ?? [];

/** A SageMaker ARN's resource type (`training-job` in arn:aws:sagemaker:r:a:training-job/x), if it has one. */
function sagemakerType(arn: string): string | undefined {
  // A pipeline's execution is a resource type of its own, named under its pipeline.
  if (/^arn:aws:sagemaker:[^:]+:[^:]+:pipeline\/[^/]+\/execution\/.+$/.test(arn)) return "pipeline-execution";
  return /^arn:aws:sagemaker:[^:]+:[^:]+:([a-z-]+)\/.+$/.exec(arn)?.[1];
}

/** Everything wrong with a policy for these needs; none when it grants exactly them, scoped. */
function auditPolicy(document: unknown, needs: ReadonlyMap<string, ReadonlySet<string>>, scope: ReadonlyMap<string, readonly string[]>): string[] {
  const parsed = PolicyDocument.safeParse(document);
  if (!parsed.success) return parsed.error.issues.map((issue) => `not an allow-only policy document: ${issue.path.join(".")}: ${issue.message}`);
  const problems: string[] = [];
  const statements = parsed.data.Statement;
  const granted = new Set(statements.flatMap((s) => s.Action));

  const sids = statements.map((s) => s.Sid);
  for (const sid of new Set(sids)) if (sids.filter((s) => s === sid).length > 1) problems.push(`Sid ${sid} is used twice`);

  for (const statement of statements) {
    const services = new Set(statement.Action.map((action) => action.split(":")[0]));
    if (services.size > 1) problems.push(`${statement.Sid} mixes services (${[...services].join(", ")}): one statement per service`);
    for (const action of statement.Action) if (/[*?]/.test(action)) problems.push(`${statement.Sid} grants the wildcard ${action}`);
  }

  for (const [action, commands] of needs) if (!granted.has(action)) problems.push(`${action} is not granted (${[...commands].join(", ")} needs it)`);
  const allowed = new Set<string>([...needs.keys(), ...ALSO_GRANTED]);
  for (const action of granted) if (!allowed.has(action)) problems.push(`grants ${action}, which no command the code sends needs`);

  for (const statement of statements) {
    // An action no command needs is reported above; its scope would be a second word on it.
    for (const action of statement.Action.filter((a) => MUTATING_SAGEMAKER.test(a) && allowed.has(a))) {
      const types = action === "sagemaker:AddTags" ? tagTypes(statement, scope) : scope.get(action);
      if (!types) {
        problems.push(`${statement.Sid}: ${action} changes SageMaker but COMMANDS gives it no resource types`);
        continue;
      }
      for (const resource of statement.Resource) {
        const type = sagemakerType(resource);
        if (type === undefined || !types.includes(type)) problems.push(`${statement.Sid}: ${action} on ${resource}; it may act only on ${types.join(", ")} ARNs`);
      }
    }

    if (statement.Action.includes("iam:PassRole")) {
      const to = conditionValues(statement, "StringEquals", "iam:PassedToService");
      if (to.length !== 1 || to[0] !== "sagemaker.amazonaws.com") problems.push(`${statement.Sid}: iam:PassRole without the condition StringEquals iam:PassedToService sagemaker.amazonaws.com`);
      for (const resource of statement.Resource) if (!/^arn:aws:iam::[^:*]+:role\/[^*]+$/.test(resource)) problems.push(`${statement.Sid}: iam:PassRole on ${resource}; name the execution roles`);
    }

    if (statement.Action.includes("sagemaker:AddTags")) {
      const on = conditionValues(statement, "StringEquals", "sagemaker:TaggingAction");
      if (on.length === 0) problems.push(`${statement.Sid}: sagemaker:AddTags without the condition StringEquals sagemaker:TaggingAction (it would tag any existing resource)`);
      for (const create of on) if (!create.startsWith("Create") || !granted.has(`sagemaker:${create}`)) problems.push(`${statement.Sid}: sagemaker:AddTags for ${create}, which is not a create the policy grants`);
    }
  }
  return problems;
}

/** AddTags may tag what the creates named in its TaggingAction condition make. */
function tagTypes(statement: PolicyStatement, scope: ReadonlyMap<string, readonly string[]>): readonly string[] {
  return conditionValues(statement, "StringEquals", "sagemaker:TaggingAction").flatMap((create) => scope.get(`sagemaker:${create}`) ?? []);
}

// ---- the checks ----

function readPolicy(): PolicyDocument {
  return PolicyDocument.parse(JSON.parse(fs.readFileSync(POLICY_FILE, "utf8")));
}

function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`the policy has no statement ${sid}`);
  return found;
}

const sent = commandsSent(botSources());
const required = requiredActions(sent.uses);

describe("the bot's IAM policy (docs/operations/iam-policy.json)", () => {
  it("finds the SDK commands the code sends, from every covered client", () => {
    expect(sent.problems).toEqual([]);
    for (const client of CLIENTS) expect(sent.uses.some((use) => use.client === client), client).toBe(true);
    const names = new Set(sent.uses.map((use) => use.command));
    for (const known of ["CreateTrainingJobCommand", "ListObjectsV2Command", "DeleteMessageBatchCommand", "ConverseCommand"]) expect(names).toContain(known);
  });

  it("knows the IAM actions of every command sent, and lists no command that is not sent", () => {
    expect(required.problems).toEqual([]);
    const used = new Set(sent.uses.map((use) => `${use.client} ${use.command}`));
    const stale = Object.entries(COMMANDS).flatMap(([client, commands]) => Object.keys(commands).filter((command) => !used.has(`${client} ${command}`)));
    expect(stale, "commands in COMMANDS the code no longer sends: remove them and their permissions").toEqual([]);
  });

  it("grants exactly what those commands need, scoped, with PassRole limited to SageMaker", () => {
    expect(auditPolicy(readPolicy(), required.needs, scopes())).toEqual([]);
  });

  it("reports a needed action the policy lost, and an action no command needs", () => {
    const missing = readPolicy();
    const read = statement(missing, "SageMakerRead");
    read.Action = read.Action.filter((action) => action !== "sagemaker:DescribeTrainingJob");
    expect(auditPolicy(missing, required.needs, scopes())).toEqual(["sagemaker:DescribeTrainingJob is not granted (DescribeTrainingJobCommand needs it)"]);

    const extra = readPolicy();
    statement(extra, "SageMakerEndpoints").Action.push("sagemaker:DeleteEndpoint");
    expect(auditPolicy(extra, required.needs, scopes())).toEqual(["grants sagemaker:DeleteEndpoint, which no command the code sends needs"]);
  });

  it("reports wildcards, unscoped or misplaced changes, and PassRole or AddTags without their conditions", () => {
    const wildcard = readPolicy();
    statement(wildcard, "SageMakerRead").Action.push("sagemaker:Describe*");
    expect(auditPolicy(wildcard, required.needs, scopes())).toContain("SageMakerRead grants the wildcard sagemaker:Describe*");

    const everywhere = readPolicy();
    statement(everywhere, "SageMakerTraining").Resource = ["*"];
    expect(auditPolicy(everywhere, required.needs, scopes())).toContain("SageMakerTraining: sagemaker:CreateTrainingJob on *; it may act only on training-job ARNs");

    const elsewhere = readPolicy();
    statement(elsewhere, "SageMakerTraining").Resource = ["arn:aws:sagemaker:REGION:ACCOUNT_ID:endpoint/*"];
    expect(auditPolicy(elsewhere, required.needs, scopes())).toContain("SageMakerTraining: sagemaker:StopTrainingJob on arn:aws:sagemaker:REGION:ACCOUNT_ID:endpoint/*; it may act only on training-job ARNs");

    const anyService = readPolicy();
    delete statement(anyService, "IamPassExecutionRolesToSageMaker").Condition;
    expect(auditPolicy(anyService, required.needs, scopes())).toEqual(["IamPassExecutionRolesToSageMaker: iam:PassRole without the condition StringEquals iam:PassedToService sagemaker.amazonaws.com"]);

    const anyTag = readPolicy();
    delete statement(anyTag, "SageMakerTagOnCreate").Condition;
    expect(auditPolicy(anyTag, required.needs, scopes())).toContain("SageMakerTagOnCreate: sagemaker:AddTags without the condition StringEquals sagemaker:TaggingAction (it would tag any existing resource)");
  });

  it("reports a command the code starts sending that the table does not know", () => {
    const planted = commandsSent([
      {
        path: "src/aws/planted.ts",
        text: 'import { DeleteEndpointCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";\nexport const drop = (c: SageMakerClient) => c.send(new DeleteEndpointCommand({ EndpointName: "x" }));\n',
      },
      { path: "src/aws/other.ts", text: 'import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";\nnew GetCallerIdentityCommand({});\n' },
    ]);
    expect(planted.problems).toEqual([
      "src/aws/other.ts imports @aws-sdk/client-sts, a client the policy does not cover",
      "src/aws/other.ts constructs GetCallerIdentityCommand, which is not imported from a covered client: add its client and its actions to COMMANDS",
    ]);
    expect(requiredActions(planted.uses).problems).toEqual([
      "DeleteEndpointCommand (@aws-sdk/client-sagemaker, sent in src/aws/planted.ts) is not in COMMANDS: add the IAM actions it needs, and grant them in docs/operations/iam-policy.json",
    ]);
  });
});
