import fs from "node:fs";
import { fileURLToPath } from "node:url";

/** The prompts folder, found from this module, not from the working directory. */
const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PromptError";
  }
}

/**
 * Reads a prompt file and fills its `{{name}}` placeholders. A missing file, a placeholder
 * without a value or a value without a placeholder is an error, raised at start-up.
 */
export function loadPrompt(file: string, variables: Record<string, string>): string {
  const path = `${PROMPTS_DIR}${file}`;
  if (!fs.existsSync(path)) throw new PromptError(`prompt file ${file} is missing from ${PROMPTS_DIR}`);
  const template = fs.readFileSync(path, "utf8");
  const used = new Set<string>();
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new PromptError(`prompt ${file} uses {{${name}}}, which has no value`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(variables).filter((name) => !used.has(name));
  if (unused.length > 0) throw new PromptError(`prompt ${file} has no placeholder for ${unused.join(", ")}`);
  return filled;
}

/** Reads a JSON file from the prompts folder. */
export function loadPromptJson(file: string): unknown {
  const path = `${PROMPTS_DIR}${file}`;
  if (!fs.existsSync(path)) throw new PromptError(`prompt file ${file} is missing from ${PROMPTS_DIR}`);
  try {
    return JSON.parse(fs.readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    throw new PromptError(`prompt file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
