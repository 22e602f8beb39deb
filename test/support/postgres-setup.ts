/**
 * vitest's global setup: one PostgreSQL for the whole run (SAGEOPS_TEST_DATABASE_URL, else a
 * throwaway cluster started and stopped here), handed to the tests with `inject`. With none, the
 * PostgreSQL tests are skipped and the run says why, once.
 */
import type { TestProject } from "vitest/node";
import { freePort } from "./ports.js";
import { type PostgresServer, startThrowawayCluster } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A connection URL to the server's maintenance database, or empty when there is none. */
    postgresAdminUrl: string;
    /** Why there is none. */
    postgresSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env["SAGEOPS_TEST_DATABASE_URL"];
  let server: PostgresServer | string = given ? { adminUrl: given, stop: () => undefined } : startThrowawayCluster(await freePort());
  if (typeof server === "string") {
    process.stdout.write(`\nPostgreSQL tests skipped: ${server}\n\n`);
    project.provide("postgresAdminUrl", "");
    project.provide("postgresSkipReason", server);
    server = { adminUrl: "", stop: () => undefined };
  } else {
    project.provide("postgresAdminUrl", server.adminUrl);
    project.provide("postgresSkipReason", "");
  }
  const running = server;
  return () => running.stop();
}
