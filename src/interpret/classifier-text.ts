import { unwrapSlackText } from "./slack-text.js";

/** The company's own names, replaced by what they are (longest forms first). */
const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/s3:\/\/\S+/g, " xs3uri "],
  [/\bml\.[a-z0-9]+\.[a-z0-9]+\b/g, " xinstance "],
  [/\b[a-z][a-z0-9]*=\S+/g, " xparam "],
  [/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*[/:@](?:\d+|latest-approved|latest)\b/g, " xmodelref "],
  [/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4,}(?:-[a-z0-9]+)*\b/g, " xjobname "],
  [/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:prod|production|staging|stage|dev|test|qa|live|endpoint|ep)\b/g, " xendpoint "],
];

/**
 * The text the learned classifier sees, in training and at run time alike: Slack formatting undone,
 * width and case folded, and the company's own names (job ids, model versions, endpoints, S3
 * locations, key=value parameters) replaced by what they are, so the classifier learns the phrasing
 * rather than the names of the corpus.
 */
export function classifierText(text: string): string {
  let folded = unwrapSlackText(text.slice(0, 1000).normalize("NFKC")).text.toLowerCase();
  for (const [pattern, placeholder] of PLACEHOLDERS) folded = folded.replace(pattern, placeholder);
  return folded.replace(/[`*_~]/g, " ").replace(/\s+/g, " ").trim();
}
