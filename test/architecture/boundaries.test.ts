import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/cli.js";

/**
 * The rooms of src/ (docs/architecture.md, "Rooms") and what each may import: other rooms,
 * resolved to files, and packages. The domain core (kernel, catalog, interpret, guard, actions,
 * watch) reaches Slack, AWS and the store only through ports it owns, so it imports no adapter,
 * no Slack wing and no Slack, AWS or database package, directly or through another file.
 */
interface Room {
  rooms: readonly string[];
  packages: readonly string[];
}

/**
 * The learned classifier's and the retrieval's libraries: pure JavaScript, no I/O of their own
 * (src/interpret/classifier.ts, src/interpret/retrieval.ts).
 */
const LEARNING = ["@nlpjs/core", "@nlpjs/nlp", "@nlpjs/lang-en", "@nlpjs/lang-de", "@nlpjs/lang-es", "@nlpjs/lang-fr", "@nlpjs/lang-ja", "minisearch"] as const;

const CORE = ["src/kernel", "src/catalog", "src/interpret", "src/guard", "src/actions", "src/watch"] as const;

const ROOMS: Readonly<Record<string, Room>> = {
  "src/kernel": { rooms: [], packages: [] },
  "src/catalog": { rooms: ["src/kernel"], packages: ["zod"] },
  "src/interpret": { rooms: ["src/catalog", "src/kernel"], packages: ["zod", ...LEARNING] },
  "src/guard": { rooms: ["src/interpret", "src/catalog", "src/kernel"], packages: ["zod", "yaml"] },
  "src/actions": { rooms: ["src/guard", "src/interpret", "src/catalog", "src/kernel"], packages: ["zod"] },
  "src/watch": { rooms: ["src/guard", "src/interpret", "src/catalog", "src/kernel"], packages: ["zod"] },
  "src/slack": { rooms: [...CORE, "src/logger.ts"], packages: ["@slack/bolt", "@slack/types", "@slack/web-api", "zod", "vega", "vega-lite", "@resvg/resvg-js"] },
  "src/aws": { rooms: [...CORE, "src/config.ts", "src/logger.ts"], packages: ["@aws-sdk/", "zod"] },
  "src/store": { rooms: [...CORE], packages: ["better-sqlite3", "pg", "zod"] },
  "src/console": { rooms: ["src/logger.ts"], packages: ["@slack/bolt", "zod"] },
  "src/sandbox": { rooms: [], packages: ["zod"] },
  "src/metrics": { rooms: [], packages: ["prom-client"] },
  "src/compose": { rooms: [...CORE, "src/slack", "src/aws", "src/store", "src/console", "src/sandbox", "src/metrics", "src/config.ts", "src/logger.ts"], packages: ["@slack/bolt", "@slack/web-api", "zod"] },
  "src/cli": { rooms: [...CORE, "src/aws", "src/compose", "src/sandbox", "src/index.ts", "src/config.ts", "src/logger.ts"], packages: ["zod"] },
  "src/index.ts": { rooms: ["src/compose", "src/slack", "src/aws", "src/store", "src/console", "src/sandbox", "src/config.ts", "src/logger.ts"], packages: ["@slack/bolt", "@slack/web-api"] },
  "src/config.ts": { rooms: [], packages: ["zod"] },
  "src/logger.ts": { rooms: [], packages: ["pino"] },
};

/** Only src/config.ts (and the bin's entry) reads the environment. */
const ENV_READERS = new Set(["src/config.ts", "src/cli/main.ts"]);

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return dir.endsWith(".ts") ? [dir] : [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => sourceFiles(root, path.posix.join(dir, entry.name)));
}

function specifiers(root: string, file: string): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  return [...source.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
}

/** A relative specifier as the repository file it names ("../x.js" is x.ts). */
function resolve(file: string, spec: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, ".ts");
}

function roomOf(file: string, rooms: readonly string[]): string | undefined {
  return rooms.find((room) => file === room || file.startsWith(`${room}/`));
}

/** Every import that leaves its room's allowance, or names a file that does not exist. */
function breaches(root: string, table: Readonly<Record<string, Room>>): string[] {
  const names = Object.keys(table);
  const found: string[] = [];
  for (const [name, room] of Object.entries(table)) {
    for (const file of sourceFiles(root, name)) {
      for (const spec of specifiers(root, file)) {
        if (spec.startsWith("node:")) continue;
        if (!spec.startsWith(".")) {
          if (!room.packages.some((allowed) => spec === allowed || (allowed.endsWith("/") ? spec.startsWith(allowed) : spec.startsWith(`${allowed}/`)))) found.push(`${file} imports the package ${spec}`);
          continue;
        }
        const target = resolve(file, spec);
        if (!fs.existsSync(path.join(root, target))) {
          found.push(`${file} imports ${spec}, which is no file`);
          continue;
        }
        const home = roomOf(target, names);
        if (home === name) continue;
        if (!home || !room.rooms.includes(home)) found.push(`${file} imports ${target}, outside what ${name} may import`);
      }
    }
  }
  return found;
}

/** Rooms of src/ holding code that the table does not name: a new folder must say what it may import. */
function unlisted(root: string, table: Readonly<Record<string, Room>>): string[] {
  return fs
    .readdirSync(path.join(root, "src"), { withFileTypes: true })
    .map((entry) => `src/${entry.name}`)
    .filter((name) => sourceFiles(root, name).length > 0 && !Object.hasOwn(table, name));
}

describe("architecture", () => {
  it("every room of src/ is in the table; every room it names exists and holds code", () => {
    expect(unlisted(REPO_ROOT, ROOMS)).toEqual([]);
    for (const [name, room] of Object.entries(ROOMS)) {
      expect(sourceFiles(REPO_ROOT, name).length, `${name} has no code`).toBeGreaterThan(0);
      for (const other of room.rooms) expect(Object.hasOwn(ROOMS, other), `${name} may import ${other}, which is not in the table`).toBe(true);
    }
  });

  it("no import leaves its room's allowance: the core reaches no adapter, no Slack wing, no Slack, AWS or database package", () => {
    expect(breaches(REPO_ROOT, ROOMS)).toEqual([]);
  });

  it("the core's allowances name only core rooms", () => {
    for (const name of CORE) {
      for (const other of ROOMS[name]?.rooms ?? []) expect(CORE as readonly string[], `${name} may import ${other}`).toContain(other);
      const allowed: readonly string[] = name === "src/interpret" ? ["zod", "yaml", ...LEARNING] : ["zod", "yaml"];
      for (const pkg of ROOMS[name]?.packages ?? []) expect(allowed, `${name} may import ${pkg}`).toContain(pkg);
    }
  });

  it("the check catches a planted breach: a relative import of the Slack wing from the core, a package through a helper, a renamed file, an unlisted room", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sageops-boundary-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write("src/watch/tracker.ts", 'import { post } from "../slack/poster.js";\nimport { helper } from "./helper.js";\n');
    write("src/watch/helper.ts", 'import { WebClient } from "@slack/web-api";\nexport const helper = WebClient;\n');
    write("src/slack/poster.ts", 'import { WebClient } from "@slack/web-api";\nexport const post = WebClient;\n');
    write("src/actions/plan.ts", 'import { gone } from "./renamed.js";\n');
    write("src/metrics/counter.ts", "export const counter = 1;\n");
    const table: Record<string, Room> = { "src/watch": { rooms: ["src/actions"], packages: [] }, "src/actions": { rooms: [], packages: [] }, "src/slack": { rooms: ["src/watch"], packages: ["@slack/web-api"] } };
    try {
      expect(breaches(root, table).sort()).toEqual(
        ["src/watch/tracker.ts imports src/slack/poster.ts, outside what src/watch may import", "src/watch/helper.ts imports the package @slack/web-api", "src/actions/plan.ts imports ./renamed.js, which is no file"].sort(),
      );
      expect(unlisted(root, table)).toEqual(["src/metrics"]);
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
