/**
 * An answer a language model writes from the catalogue entries sageops chose for a question. The
 * model only words it: it is used when it names no service outside the catalogue and keeps every
 * chosen entry's documentation link; otherwise the offline answer stands.
 */
import type { Answer, ServiceCard } from "./answer.js";
import { allServices } from "./catalog.js";

/** Writes an answer to `question` from `entries`; undefined when it could not (the offline answer is used). */
export interface AnswerWriter {
  write(question: string, entries: readonly ServiceCard[], history: readonly { role: "user" | "assistant"; text: string }[]): Promise<string | undefined>;
}

/** The entries an answer rests on, for the kinds a model may word (a service, a stage, a comparison). */
export function entriesOf(answer: Answer): ServiceCard[] {
  switch (answer.kind) {
    case "service":
      return [answer.service, ...(answer.alternative?.service ? [answer.alternative.service] : [])];
    case "stage":
      return answer.services.slice(0, 4);
    case "compare":
      return answer.sides.map((side) => side.service);
    default:
      return [];
  }
}

/** AWS services an answer may mention in passing that are not lifecycle entries of the catalogue. */
const GENERAL_AWS = new Set(["s3", "ec2", "iam", "cloudwatch", "lambda", "eventbridge", "sqs", "sns", "ecr", "bedrock", "glue", "athena", "emr", "redshift", "kms", "vpc", "step functions", "console", "account", "region"]);

/** "Amazon X", "AWS X", "SageMaker X": the names a text gives to services, as typed. */
function serviceNamesIn(text: string): string[] {
  return [...text.matchAll(/\b(?:Amazon|AWS|SageMaker)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})/g)].map((match) => (match[1] ?? "").toLowerCase().replace(/^sagemaker\s+/, ""));
}

function knownName(name: string): boolean {
  if (GENERAL_AWS.has(name) || [...GENERAL_AWS].some((general) => name.startsWith(`${general} `))) return true;
  return allServices().some((service) => {
    const names = [service.name.toLowerCase().replace(/^(amazon|aws)\s+/, "").replace(/^sagemaker\s+/, ""), ...service.aliases];
    return names.some((known) => name === known || name.startsWith(`${known} `) || known.startsWith(name));
  });
}

/** Other platforms' ML services: an answer about SageMaker that recommends one has left the catalogue. */
const OTHER_PLATFORMS = /\b(vertex ai|azure machine learning|azure ml|databricks|google cloud|gcp|mlflow|kubeflow|sagemaker alternatives?)\b/i;

/** Whether a written answer may be shown: every chosen entry's link kept, no service named that the catalogue does not have. */
export function isFaithful(text: string, entries: readonly ServiceCard[]): boolean {
  if (text.trim() === "" || entries.length === 0) return false;
  if (!entries.every((entry) => text.includes(entry.docUrl))) return false;
  if (OTHER_PLATFORMS.test(text)) return false;
  return serviceNamesIn(text).every(knownName);
}
