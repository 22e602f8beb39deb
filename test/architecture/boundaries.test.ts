import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/cli.js";

/**
 * The domain core (docs/architecture.md, section 2) reaches Slack, AWS and the store only through
 * ports it owns. Each core folder lists the folders it may import, resolved to files; packages
 * other than these are never imported from the core, directly or through another file.
 */
const CORE_RULES: Readonly<Record<string, readonly string[]>> = {
  "src/kernel": [],
  "src/catalog": ["src/kernel"],
  "src/interpret": ["src/catalog", "src/kernel"],
  "src/guard": ["src/actions", "src/interpret", "src/catalog", "src/kernel"],
  "src/actions": ["src/guard", "src/interpret", "src/catalog", "src/kernel"],
  "src/watch": ["src/actions", "src/guard", "src/interpret", "src/catalog", "src/kernel"],
};
const CORE_PACKAGES = new Set(["zod", "yaml"]);
/** Only src/config.ts (and the bin's entry) reads the environment. */
const ENV_READERS = new Set(["src/config.ts", "src/cli/main.ts"]);

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, rel);
    return rel.endsWith(".ts") ? [rel] : [];
  });
}

function specifiers(root: string, file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  return [...source.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
}

/** A relative specifier as the repository file it names ("../x.js" is x.ts). */
function resolve(file: string, spec: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, ".ts");
}

function folderOf(file: string, folders: readonly string[]): string | undefined {
  return folders.find((folder) => file === folder || file.startsWith(`${folder}/`));
}

/** Every import in the core that leaves its folder's allowance, or names a file that does not exist. */
function boundaryBreaches(root: string, rules: Readonly<Record<string, readonly string[]>>): string[] {
  const core = Object.keys(rules);
  const breaches: string[] = [];
  for (const folder of core) {
    for (const file of sourceFiles(root, folder)) {
      for (const spec of specifiers(root, file)) {
        if (spec.startsWith("node:")) continue;
        if (!spec.startsWith(".")) {
          if (!CORE_PACKAGES.has(spec)) breaches.push(`${file} imports the package ${spec}`);
          continue;
        }
        const target = resolve(file, spec);
        if (!fs.existsSync(path.join(root, target))) {
          breaches.push(`${file} imports ${spec}, which is no file`);
          continue;
        }
        const home = folderOf(target, core);
        if (home === folder) continue;
        if (!home || !(rules[folder] ?? []).includes(home)) breaches.push(`${file} imports ${target}, outside what ${folder} may import`);
      }
    }
  }
  return breaches;
}

describe("architecture", () => {
  it("every core folder and every folder it may import exists, and holds code", () => {
    for (const [folder, allowed] of Object.entries(CORE_RULES)) {
      expect(sourceFiles(REPO_ROOT, folder).length, `${folder} has no code`).toBeGreaterThan(0);
      for (const other of allowed) expect(Object.hasOwn(CORE_RULES, other), `${folder} may import ${other}, which is not a core folder`).toBe(true);
    }
  });

  it("no import runs from a core folder to an adapter, the Slack wing or a Slack, AWS or database package", () => {
    expect(boundaryBreaches(REPO_ROOT, CORE_RULES)).toEqual([]);
  });

  it("the check catches a planted breach: a relative import of the Slack wing from the core, and a package import through a helper", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-boundary-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write("src/watch/tracker.ts", 'import { post } from "../slack/poster.js";\nimport { helper } from "./helper.js";\n');
    write("src/watch/helper.ts", 'import { WebClient } from "@slack/web-api";\nexport const helper = WebClient;\n');
    write("src/slack/poster.ts", "export const post = 1;\n");
    write("src/actions/plan.ts", 'import { gone } from "./renamed.js";\n');
    try {
      expect(boundaryBreaches(root, { "src/watch": ["src/actions"], "src/actions": [] }).sort()).toEqual([
        "src/watch/tracker.ts imports src/slack/poster.ts, outside what src/watch may import",
        "src/watch/helper.ts imports the package @slack/web-api",
        "src/actions/plan.ts imports ./renamed.js, which is no file",
      ].sort());
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("only the config module reads process.env", () => {
    const offenders = sourceFiles(REPO_ROOT, "src")
      .filter((file) => !ENV_READERS.has(file))
      .filter((file) => /process\.env/.test(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
